//! Share links: a whole plan in one URL parameter, `v1.` + base64url(deflate(plan JSON)).
//!
//! The codec lives in the core (not in the browser shell) so the app, the embeds' "open in the planner"
//! links and the fuzzer use one implementation. Decoding reads no more than [`MAX_IMPORT_BYTES`] of JSON
//! (a small link cannot inflate into gigabytes) and goes through the Plan JSON reader of every import
//! (`interchange::import_plan`).

use core::fmt;

use base64::Engine as _;

use crate::interchange::{self, MAX_IMPORT_BYTES};
use crate::model::Plan;

/// The format version at the start of every parameter.
pub const PREFIX: &str = "v1.";

/// Why a share parameter could not be read. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareError(String);

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShareError {}

fn err(message: impl Into<String>) -> ShareError {
    ShareError(message.into())
}

/// The share parameter of a plan.
///
/// ```
/// let plan = acg_core::sample::plan();
/// let param = acg_core::share::encode(&plan);
/// assert!(param.starts_with("v1."));
/// assert_eq!(acg_core::share::decode(&param).unwrap(), plan);
/// ```
pub fn encode(plan: &Plan) -> String {
    // Serializing a plan cannot fail: every map key is a string.
    let json = serde_json::to_vec(plan).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// The longest share parameter [`encode_for_link`] makes, in characters. Chromium opens URLs of up to 2 MB,
/// but address bars, mail and chat programs cut or refuse far shorter ones; 64 K characters hold a plan of
/// about 2,000 versions (the generated 1,000-version plan takes 30 K), and a bigger plan travels as a file.
pub const MAX_LINK_CHARS: usize = 65_536;

/// The share parameter of a plan small enough for a link; else an error that says to send the file instead.
pub fn encode_for_link(plan: &Plan) -> Result<String, ShareError> {
    let param = encode(plan);
    if param.len() > MAX_LINK_CHARS {
        return Err(err(format!(
            "this plan is too big for a share link ({} characters; a link holds up to {MAX_LINK_CHARS}). Download its Plan JSON and send the file instead: Import opens it",
            param.len()
        )));
    }
    Ok(param)
}

/// Reads a share parameter back into a plan; the error says what is wrong with the link.
pub fn decode(param: &str) -> Result<Plan, ShareError> {
    let body = param.trim().strip_prefix(PREFIX).ok_or_else(|| {
        err("this share link was made by another version of the planner (it does not start with v1.)")
    })?;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| err("the share link is damaged: it is not base64url text; copy the whole link again"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_IMPORT_BYTES).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            err(format!("the share link holds more than {MAX_IMPORT_BYTES} bytes of plan; nothing was opened"))
        } else {
            err("the share link is damaged: it does not decompress; copy the whole link again")
        }
    })?;
    let text = String::from_utf8(json).map_err(|_| err("the share link is damaged: it is not UTF-8 text"))?;
    match interchange::import_plan(&text) {
        Some(imported) => imported.map(|i| i.plan).map_err(|e| err(format!("the share link's plan: {e}"))),
        None => Err(err("the share link holds no plan (this planner writes only plans into links)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn packed(json: &[u8]) -> String {
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json, 6)))
    }

    #[test]
    fn a_link_of_schema_version_1_opens_migrated_with_its_name() {
        let mut v1 = serde_json::to_value(crate::sample::plan()).unwrap();
        v1["schemaVersion"] = 1.into();
        v1.as_object_mut().unwrap().remove("replicaPolicy");
        let plan = decode(&packed(v1.to_string().as_bytes())).unwrap();
        assert_eq!(plan.schema_version, crate::model::SCHEMA_VERSION);
        assert_eq!(plan.name, "Contoso image factory (sample)");
        assert_eq!(plan.galleries, crate::sample::plan().galleries);
        assert_eq!(plan.replica_policy, crate::replicas::ReplicaSettings::default());
        assert!(plan.prices.is_empty());
    }

    #[test]
    fn round_trip_of_the_sample() {
        let plan = crate::sample::plan();
        assert_eq!(decode(&encode(&plan)).unwrap(), plan);
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        let plan = crate::sample::plan();
        assert_eq!(decode(&format!(" {}\n", encode(&plan))).unwrap(), plan);
    }

    #[test]
    fn wrong_version() {
        assert_eq!(
            decode("v2.abc").unwrap_err().to_string(),
            "this share link was made by another version of the planner (it does not start with v1.)"
        );
    }

    #[test]
    fn not_base64() {
        assert_eq!(
            decode("v1.a+b/").unwrap_err().to_string(),
            "the share link is damaged: it is not base64url text; copy the whole link again"
        );
    }

    #[test]
    fn not_deflate() {
        assert_eq!(
            decode(&format!("v1.{}", URL_SAFE_NO_PAD.encode([0xff; 8]))).unwrap_err().to_string(),
            "the share link is damaged: it does not decompress; copy the whole link again"
        );
    }

    #[test]
    fn truncated() {
        let param = encode(&crate::sample::plan());
        let cut = PREFIX.len() + (param.len() - PREFIX.len()) / 8 * 4;
        assert_eq!(
            decode(&param[..cut]).unwrap_err().to_string(),
            "the share link is damaged: it does not decompress; copy the whole link again"
        );
    }

    #[test]
    fn not_utf8() {
        assert_eq!(
            decode(&packed(&[0xc3, 0x28])).unwrap_err().to_string(),
            "the share link is damaged: it is not UTF-8 text"
        );
    }

    #[test]
    fn a_bomb_stops_at_the_import_cap() {
        let bomb = vec![b' '; MAX_IMPORT_BYTES + 10];
        assert_eq!(
            decode(&packed(&bomb)).unwrap_err().to_string(),
            "the share link holds more than 10485760 bytes of plan; nothing was opened"
        );
    }

    #[test]
    fn plan_errors_name_the_field() {
        assert_eq!(
            decode(&packed(br#"{"galleries": 3}"#)).unwrap_err().to_string(),
            "the share link's plan: the plan does not match the expected shape at galleries: invalid type: integer `3`, expected a sequence at line 1 column 15"
        );
    }

    #[test]
    fn a_plan_too_big_for_a_link_says_so() {
        let m = crate::generate::plan(crate::generate::PlanSize::M, 42);
        let param = encode_for_link(&m).unwrap();
        assert_eq!(decode(&param).unwrap(), m);
        let l = crate::generate::plan(crate::generate::PlanSize::L, 42);
        let e = encode_for_link(&l).unwrap_err().to_string();
        assert!(e.starts_with("this plan is too big for a share link ("), "{e}");
        assert!(e.contains("Download its Plan JSON"), "{e}");
    }
}
