//! Saving to localStorage and share links. Nothing leaves the browser: a share link carries the plan in the
//! URL itself (compressed, versioned), and the server that hosts the app never sees the part after `?`
//! unless the link is opened — it is read by this code, not sent anywhere.

use acg_core::Plan;
use acg_core::saved::{self, Workspace};

/// The localStorage key of the autosaved workspace (named plans; the first version kept one bare plan here).
pub const KEY: &str = "acg.plan";
/// Where a save that could not be read is kept, untouched.
pub const KEY_UNREADABLE: &str = "acg.plan.unreadable";

/// What was found in localStorage.
pub enum Saved {
    /// Nothing: a first visit.
    Nothing,
    /// The saved plans.
    Workspace(Box<Workspace>),
    /// Text that is not a save we can read (damaged, or from a newer planner): kept, with the reason.
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

/// Reads the saved plans. A save that cannot be read is copied to [`KEY_UNREADABLE`] before anything else can
/// overwrite [`KEY`].
pub fn load() -> Saved {
    let Some(raw) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else { return Saved::Nothing };
    match saved::decode(&raw) {
        Ok(workspace) => Saved::Workspace(Box::new(workspace)),
        Err(e) => {
            if let Some(s) = storage() {
                let _ = s.set_item(KEY_UNREADABLE, &raw);
            }
            Saved::Unreadable { raw, reason: e.to_string() }
        }
    }
}

/// Saves the workspace with `plan` as its open plan; the error says why it could not be saved (quota,
/// private mode).
pub fn save(workspace: &Workspace, plan: &Plan) -> Result<(), String> {
    let text = saved::encode_with_active(workspace, plan);
    let s = storage().ok_or("this browser does not allow saving (localStorage is unavailable)")?;
    s.set_item(KEY, &text).map_err(|_| "the browser refused to save (storage full or private mode)".to_owned())
}

/// The raw text under [`KEY`], as saved (what the recovery screen offers to download).
pub fn raw_save() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

/// A `blob:` URL of `text` as a JSON file, for a download link (`<a download=… href=…>`).
pub fn download_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// A share-link parameter for a plan (the core's codec: `v1.` + base64url(deflate(JSON))).
pub fn share_param(plan: &Plan) -> String {
    acg_core::share::encode(plan)
}

/// Reads a share-link parameter. Errors say what is wrong with the link.
pub fn from_share_param(param: &str) -> Result<Plan, String> {
    acg_core::share::decode(param).map_err(|e| e.to_string())
}

/// A query parameter of the page URL, decoded, if the URL has it.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// The `plan` query parameter of the page URL, if any.
pub fn shared_from_url() -> Option<String> {
    query_param("plan")
}

/// The plan of a documentation widget's link (`?sketch=…` with the widget's inputs), if the page has one.
pub fn sketch_from_url() -> Option<Result<Plan, String>> {
    let search = web_sys::window()?.location().search().ok()?;
    acg_core::sketch::from_query(&search)
}

/// A full share URL for the plan.
pub fn share_url(plan: &Plan) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base =
        location.as_ref().and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
    format!("{base}?plan={}", share_param(plan))
}
