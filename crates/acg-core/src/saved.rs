//! What the browser keeps: a workspace of named plans, one of them open.
//!
//! Saved as one JSON text (`{"workspaceVersion": 1, "active": "…", "plans": [{"name": "…", "plan": {…}}]}`).
//! Reading is total: a save from an older planner (a bare Plan JSON, as the first version wrote) migrates; a
//! save from a newer planner, or text that is not a workspace, is an error that says so, and the caller
//! keeps the text untouched. Each plan goes through the import reader, so plan migrations apply.

use core::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::interchange;
use crate::model::Plan;

/// The workspace format this version writes and reads.
pub const WORKSPACE_VERSION: u64 = 1;
/// The name a plan gets when it has none.
pub const DEFAULT_NAME: &str = "My plan";

/// One named plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedPlan {
    /// The plan's name in the workspace (unique).
    pub name: String,
    /// The plan.
    pub plan: Plan,
}

/// Named plans, one of them open. Never empty: [`Workspace::new`] and [`decode`] make sure of it. Each plan's
/// own `name` is its name here: every method that adds, renames or reads a plan keeps the two the same, so a
/// plan exported or shared from the workspace carries its name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names, reason = "the saved key is workspaceVersion, beside a plan's schemaVersion")]
pub struct Workspace {
    workspace_version: u64,
    active: usize,
    plans: Vec<NamedPlan>,
}

/// Why a save could not be read. `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedError(String);

impl fmt::Display for SavedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SavedError {}

impl Workspace {
    /// A workspace of one plan, named after the plan (or [`DEFAULT_NAME`]).
    pub fn new(mut plan: Plan) -> Self {
        let name = if plan.name.trim().is_empty() { DEFAULT_NAME.to_owned() } else { plan.name.trim().to_owned() };
        plan.name.clone_from(&name);
        Self { workspace_version: WORKSPACE_VERSION, active: 0, plans: vec![NamedPlan { name, plan }] }
    }

    /// The open plan.
    pub fn active(&self) -> &NamedPlan {
        &self.plans[self.active.min(self.plans.len() - 1)]
    }

    /// The open plan's position.
    pub fn active_index(&self) -> usize {
        self.active.min(self.plans.len() - 1)
    }

    /// Every plan, in the order they were added (each plan's `name` is its name in the workspace).
    pub fn plans(&self) -> &[NamedPlan] {
        &self.plans
    }

    /// Replaces the open plan (what autosave does on every edit); it keeps the open plan's name.
    pub fn set_active_plan(&mut self, mut plan: Plan) {
        let i = self.active_index();
        plan.name.clone_from(&self.plans[i].name);
        self.plans[i].plan = plan;
    }

    /// Opens the plan at `index`; `false` when there is none.
    pub fn open(&mut self, index: usize) -> bool {
        if index < self.plans.len() {
            self.active = index;
            true
        } else {
            false
        }
    }

    /// A name not yet used, from `wanted`: `wanted`, else `wanted (2)`, `wanted (3)`…
    pub fn free_name(&self, wanted: &str) -> String {
        let wanted = if wanted.trim().is_empty() { DEFAULT_NAME } else { wanted.trim() };
        let taken = |n: &str| self.plans.iter().any(|p| p.name == n);
        if !taken(wanted) {
            return wanted.to_owned();
        }
        // At most one more than the number of plans is ever tried.
        (2..=self.plans.len() + 2).map(|i| format!("{wanted} ({i})")).find(|n| !taken(n)).unwrap_or_default()
    }

    /// Adds a plan under a free name from `name` and opens it; returns the name it got.
    pub fn add(&mut self, name: &str, mut plan: Plan) -> String {
        let name = self.free_name(name);
        plan.name.clone_from(&name);
        self.plans.push(NamedPlan { name: name.clone(), plan });
        self.active = self.plans.len() - 1;
        name
    }

    /// Renames the open plan; the error says why not (empty, or taken by another plan).
    pub fn rename_active(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        let i = self.active_index();
        if name.is_empty() {
            return Err("a plan needs a name".to_owned());
        }
        if self.plans.iter().enumerate().any(|(j, p)| j != i && p.name == name) {
            return Err(format!("another plan is already called '{name}'"));
        }
        name.clone_into(&mut self.plans[i].name);
        name.clone_into(&mut self.plans[i].plan.name);
        Ok(())
    }

    /// The open plan takes the name its document carries (an imported Plan JSON's, say): it is renamed to a
    /// free name from `name`; an empty `name` keeps the current one. Returns the open plan's name, which the
    /// caller gives back to the document when it differs.
    pub fn adopt_name(&mut self, name: &str) -> String {
        let i = self.active_index();
        let wanted = name.trim();
        if !wanted.is_empty() && wanted != self.plans[i].name {
            let taken = |n: &str, plans: &[NamedPlan]| plans.iter().enumerate().any(|(j, p)| j != i && p.name == n);
            let free = core::iter::once(wanted.to_owned())
                .chain((2..=self.plans.len() + 2).map(|k| format!("{wanted} ({k})")))
                .find(|n| !taken(n, &self.plans))
                .unwrap_or_default();
            self.plans[i].name.clone_from(&free);
            self.plans[i].plan.name = free;
        }
        self.plans[i].name.clone()
    }

    /// Deletes the open plan and opens its neighbour; the last plan cannot be deleted.
    pub fn delete_active(&mut self) -> Result<NamedPlan, String> {
        if self.plans.len() == 1 {
            return Err("the last plan cannot be deleted; start an empty plan instead".to_owned());
        }
        let i = self.active_index();
        let removed = self.plans.remove(i);
        self.active = i.min(self.plans.len() - 1);
        Ok(removed)
    }
}

/// The text to save.
pub fn encode(workspace: &Workspace) -> String {
    // Serializing cannot fail: every map key is a string.
    serde_json::to_string(workspace).unwrap_or_default()
}

/// The text to save with `plan` as the open plan, without copying it into the workspace first (autosave on
/// every edit of a big plan).
pub fn encode_with_active(workspace: &Workspace, plan: &Plan) -> String {
    #[derive(Serialize)]
    struct Named<'a> {
        name: &'a str,
        plan: &'a Plan,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct View<'a> {
        workspace_version: u64,
        active: usize,
        plans: Vec<Named<'a>>,
    }
    let active = workspace.active_index();
    let plans = workspace
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| Named { name: &p.name, plan: if i == active { plan } else { &p.plan } })
        .collect();
    serde_json::to_string(&View { workspace_version: WORKSPACE_VERSION, active, plans }).unwrap_or_default()
}

/// The start of a compressed save ([`pack`]): `z1.` + base64url(deflate(the save's JSON)).
pub const PACKED_PREFIX: &str = "z1.";

/// A save's text compressed for storage: `z1.` + base64url(deflate(text)), the share links' codec. The
/// 10,000-version workspace (4.3 MB of JSON) packs to 287 KB of deflate in about 30 ms natively. Level 3:
/// autosave runs after every burst of edits; level 9 (share links) takes five times as long for 18% less,
/// and level 1 is a second compressor in the wasm (miniz's fast path) that packs worse (520 KB) for no time.
pub fn pack(text: &str) -> String {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 3);
    format!("{PACKED_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// The save's JSON text from what was stored: a [`pack`]ed save inflated (at most four times the import
/// limit, as [`decode`] reads), or a plain JSON save (localStorage's, before saves were packed) as it is.
pub fn unpack(stored: &str) -> Result<std::borrow::Cow<'_, str>, SavedError> {
    use base64::Engine as _;
    let Some(body) = stored.strip_prefix(PACKED_PREFIX) else { return Ok(std::borrow::Cow::Borrowed(stored)) };
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body.trim_end())
        .map_err(|_| err("the save is damaged: its compressed text is not base64url"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, interchange::MAX_IMPORT_BYTES * 4).map_err(
        |e| {
            if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                err("the save is larger than this planner reads")
            } else {
                err("the save is damaged: it does not decompress")
            }
        },
    )?;
    String::from_utf8(json).map(std::borrow::Cow::Owned).map_err(|_| err("the save is damaged: it is not UTF-8 text"))
}

/// Reads what was stored: [`unpack`], then [`decode`].
pub fn decode_stored(stored: &str) -> Result<Workspace, SavedError> {
    decode(&unpack(stored)?)
}

fn err(message: impl Into<String>) -> SavedError {
    SavedError(message.into())
}

fn plan_of(value: &Value, what: &str) -> Result<Plan, SavedError> {
    let text = value.to_string();
    interchange::import(&text).map(|i| i.plan).map_err(|e| err(format!("{what}: {e}")))
}

/// Reads a save: a workspace, or a bare plan from the first version of the planner (migrated to a workspace).
pub fn decode(raw: &str) -> Result<Workspace, SavedError> {
    if raw.len() > interchange::MAX_IMPORT_BYTES * 4 {
        return Err(err(format!("the save is {} bytes, more than this planner reads", raw.len())));
    }
    let value: Value = serde_json::from_str(raw).map_err(|e| err(format!("the save is not JSON ({e})")))?;
    let Some(object) = value.as_object() else { return Err(err("the save is not a JSON object")) };
    let Some(version) = object.get("workspaceVersion") else {
        // The first version saved the open plan alone.
        return plan_of(&value, "the saved plan").map(Workspace::new);
    };
    let version = version.as_u64().ok_or_else(|| err("workspaceVersion: not a whole number"))?;
    if version > WORKSPACE_VERSION {
        return Err(err(format!(
            "this save was written by a newer version of the planner (workspaceVersion {version}); this version reads up to {WORKSPACE_VERSION}. It is kept as it is"
        )));
    }
    let items = object.get("plans").and_then(Value::as_array).ok_or_else(|| err("plans: missing or not a list"))?;
    let mut workspace = Workspace { workspace_version: WORKSPACE_VERSION, active: 0, plans: Vec::new() };
    for (i, item) in items.iter().enumerate() {
        let name = item.get("name").and_then(Value::as_str).unwrap_or_default();
        let mut plan = plan_of(item.get("plan").unwrap_or(&Value::Null), &format!("plans[{i}].plan"))?;
        let name = workspace.free_name(name);
        // A plan's name is its name in the workspace (saves before schemaVersion 2 left the plan's own empty).
        plan.name.clone_from(&name);
        workspace.plans.push(NamedPlan { name, plan });
    }
    if workspace.plans.is_empty() {
        return Ok(Workspace::new(Plan::default()));
    }
    let active = object.get("active").and_then(Value::as_u64).and_then(|a| usize::try_from(a).ok()).unwrap_or(0);
    workspace.active = active.min(workspace.plans.len() - 1);
    Ok(workspace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Plan {
        crate::sample::plan()
    }

    #[test]
    fn round_trip() {
        let mut w = Workspace::new(sample());
        w.add("Empty", Plan::default());
        assert_eq!(decode(&encode(&w)).unwrap(), w);
        assert_eq!(w.active().name, "Empty");
    }

    #[test]
    fn autosave_writes_the_edited_plan_in_place() {
        let mut w = Workspace::new(sample());
        w.add("Second", Plan::default());
        let edited = Plan { name: "edited".to_owned(), ..Plan::default() };
        let back = decode(&encode_with_active(&w, &edited)).unwrap();
        w.set_active_plan(edited);
        assert_eq!(back, w);
    }

    #[test]
    fn numbers_in_unknown_properties_round_trip_exactly() {
        // Found by a fuzz run (helper's saved_state run): without serde_json's `float_roundtrip`, the shortest
        // text of the f64 read from a 51-digit integer read back one bit off.
        let raw = r#"{"galleries": [], "x": [222222222222222222222222222222222222222222222222222, 0.1, 5e-324, 1.7976931348623157e308]}"#;
        let w = decode(raw).unwrap();
        assert_eq!(decode(&encode(&w)).unwrap(), w);
        assert_eq!(crate::share::decode(&crate::share::encode(&w.active().plan)).unwrap(), w.active().plan);
    }

    #[test]
    fn the_first_versions_bare_plan_migrates() {
        let bare = serde_json::to_string(&sample()).unwrap();
        let w = decode(&bare).unwrap();
        assert_eq!(w.plans().len(), 1);
        assert_eq!(w.active().plan, sample());
        assert_eq!(w.active().name, sample().name);
    }

    #[test]
    fn names_stay_unique() {
        let mut w = Workspace::new(Plan::default());
        assert_eq!(w.add("My plan", Plan::default()), "My plan (2)");
        assert_eq!(w.add("  ", Plan::default()), "My plan (3)");
        assert_eq!(w.rename_active("My plan").unwrap_err(), "another plan is already called 'My plan'");
        assert_eq!(w.rename_active(" ").unwrap_err(), "a plan needs a name");
        w.rename_active("Prod").unwrap();
        assert_eq!(w.active().name, "Prod");
    }

    #[test]
    fn the_open_plan_adopts_its_documents_name() {
        let mut w = Workspace::new(Plan::default());
        w.add("Imported", Plan::default());
        assert_eq!(w.adopt_name(""), "Imported", "no name: the plan keeps its own");
        assert_eq!(w.adopt_name(" My plan "), "My plan (2)", "a name another plan has gets a number");
        assert_eq!(w.active().plan.name, "My plan (2)");
        assert_eq!(w.adopt_name("Prod"), "Prod");
        assert_eq!(w.plans().iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["My plan", "Prod"]);
    }

    #[test]
    fn the_last_plan_stays() {
        let mut w = Workspace::new(Plan::default());
        w.add("B", Plan::default());
        assert_eq!(w.delete_active().unwrap().name, "B");
        assert_eq!(w.active().name, "My plan");
        assert_eq!(w.delete_active().unwrap_err(), "the last plan cannot be deleted; start an empty plan instead");
    }

    #[test]
    fn a_newer_save_is_refused_not_dropped() {
        assert_eq!(
            decode(r#"{"workspaceVersion": 2, "plans": []}"#).unwrap_err().to_string(),
            "this save was written by a newer version of the planner (workspaceVersion 2); this version reads up to 1. It is kept as it is"
        );
    }

    #[test]
    fn damaged_saves_say_what_is_wrong() {
        assert_eq!(
            decode("{\"workspaceVersion\": 1, \"plans\": [").unwrap_err().to_string(),
            "the save is not JSON (EOF while parsing a list at line 1 column 34)"
        );
        assert_eq!(decode("[]").unwrap_err().to_string(), "the save is not a JSON object");
        assert_eq!(decode(r#"{"workspaceVersion": 1}"#).unwrap_err().to_string(), "plans: missing or not a list");
        assert_eq!(
            decode(r#"{"workspaceVersion": 1, "plans": [{"name": "a", "plan": {"galleries": 1}}]}"#)
                .unwrap_err()
                .to_string(),
            "plans[0].plan: the plan does not match the expected shape at galleries: invalid type: integer `1`, expected a sequence at line 1 column 14"
        );
        assert_eq!(
            decode(r#"{"workspaceVersion": 1, "plans": [{"name": "a", "plan": {"schemaVersion": 7}}]}"#)
                .unwrap_err()
                .to_string(),
            "plans[0].plan: this plan was written by a newer version of the planner (schemaVersion 7); this version reads up to 2. Nothing was changed: update the planner, or keep the file"
        );
    }

    #[test]
    fn odd_but_readable_saves_are_repaired() {
        let w = decode(r#"{"workspaceVersion": 1, "active": 9, "plans": [{"name": "a", "plan": {"galleries": []}}, {"name": "a", "plan": {"galleries": []}}]}"#).unwrap();
        assert_eq!(w.active_index(), 1);
        assert_eq!(w.plans()[1].name, "a (2)");
        assert_eq!(decode(r#"{"workspaceVersion": 1, "plans": []}"#).unwrap().plans().len(), 1);
    }

    #[test]
    fn packed_saves_read_back_and_plain_ones_still_do() {
        let mut w = Workspace::new(sample());
        w.add("Big", crate::generate::plan(crate::generate::PlanSize::M, 1));
        let text = encode(&w);
        let stored = pack(&text);
        assert!(stored.starts_with(PACKED_PREFIX));
        assert!(stored.len() * 5 < text.len(), "{} packed to {}", text.len(), stored.len());
        assert_eq!(unpack(&stored).unwrap(), text);
        assert_eq!(decode_stored(&stored).unwrap(), w);
        // A save from before packing (localStorage's plain JSON) reads as it did.
        assert_eq!(decode_stored(&text).unwrap(), w);
    }

    #[test]
    fn damaged_packed_saves_say_so() {
        let stored = pack(&encode(&Workspace::new(sample())));
        assert_eq!(
            decode_stored("z1.not base64!").unwrap_err().to_string(),
            "the save is damaged: its compressed text is not base64url"
        );
        assert_eq!(
            decode_stored(&stored[..PACKED_PREFIX.len() + (stored.len() / 8) * 4]).unwrap_err().to_string(),
            "the save is damaged: it does not decompress"
        );
        // A newer planner's packed save: readable text, refused with the reason, as a plain one is.
        assert_eq!(
            decode_stored(&pack(r#"{"workspaceVersion": 9, "plans": []}"#)).unwrap_err().to_string(),
            decode(r#"{"workspaceVersion": 9, "plans": []}"#).unwrap_err().to_string()
        );
    }
}
