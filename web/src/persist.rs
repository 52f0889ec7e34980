//! Saving to localStorage and share links. Nothing leaves the browser: a share link carries the plan in the
//! URL itself (compressed, versioned), and the server that hosts the app never sees the part after `?`
//! unless the link is opened — it is read by this code, not sent anywhere.

use acg_core::Plan;
use base64::Engine as _;

/// The localStorage key of the autosaved plan.
pub const KEY: &str = "acg.plan";
/// Where a save that could not be read is kept, untouched.
pub const KEY_UNREADABLE: &str = "acg.plan.unreadable";
/// The share-link format version.
const SHARE_PREFIX: &str = "v1.";

/// What was found in localStorage.
pub enum Saved {
    /// Nothing: a first visit.
    Nothing,
    /// A plan.
    Plan(Box<Plan>),
    /// Text that is not a plan we can read: kept, with the reason.
    Unreadable {
        /// The text as saved.
        raw: String,
        /// Why it could not be read.
        reason: String,
    },
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads the autosaved plan.
pub fn load() -> Saved {
    let Some(raw) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else { return Saved::Nothing };
    match acg_core::interchange::import(&raw) {
        Ok(imported) => Saved::Plan(Box::new(imported.plan)),
        Err(e) => {
            if let Some(s) = storage() {
                let _ = s.set_item(KEY_UNREADABLE, &raw);
            }
            Saved::Unreadable { raw, reason: e.to_string() }
        }
    }
}

/// Saves the plan; the error says why it could not be saved (quota, private mode).
pub fn save(plan: &Plan) -> Result<(), String> {
    let text = serde_json::to_string(plan).map_err(|e| e.to_string())?;
    let s = storage().ok_or("this browser does not allow saving (localStorage is unavailable)")?;
    s.set_item(KEY, &text).map_err(|_| "the browser refused to save (storage full or private mode)".to_owned())
}

/// A share-link parameter for a plan: `v1.` + base64url(deflate(JSON)).
pub fn share_param(plan: &Plan) -> String {
    let json = serde_json::to_vec(plan).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{SHARE_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a share-link parameter. Errors say what is wrong with the link.
pub fn from_share_param(param: &str) -> Result<Plan, String> {
    let body = param.strip_prefix(SHARE_PREFIX).ok_or("this share link was made by another version of the planner")?;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body.trim())
        .map_err(|_| "the share link is damaged (not base64)")?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, acg_core::interchange::MAX_IMPORT_BYTES)
        .map_err(|_| "the share link is damaged or too large")?;
    let text = String::from_utf8(json).map_err(|_| "the share link is damaged (not text)")?;
    acg_core::interchange::import(&text).map(|i| i.plan).map_err(|e| e.to_string())
}

/// The `plan` query parameter of the page URL, if any.
pub fn shared_from_url() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("plan=")).map(str::to_owned)
}

/// A full share URL for the plan.
pub fn share_url(plan: &Plan) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base =
        location.as_ref().and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
    format!("{base}?plan={}", share_param(plan))
}
