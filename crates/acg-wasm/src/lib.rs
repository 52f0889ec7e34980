//! `acg-wasm`: the planner's JS API, a thin facade over `acg-core` for scripts and documentation embeds.
//!
//! Plain JS objects in and out through one codec, JSON text: objects coming in are read through
//! `JSON.stringify` and `acg_core::model::parse_json`, results go out through `serde_json` and `JSON.parse`.
//! These are the (de)serializers the core already compiles for files, saves and share links, so no second set
//! of them is built for JS values (that would be most of the module's size), and a JS caller sees exactly the
//! JSON the CLI prints. Every error is thrown as a JS `Error` whose message names the problem and the field
//! (`plan: at galleries[0].name: invalid type …`). The core never panics on input, so no panic
//! crosses the boundary. "Today" defaults to the JS clock here; the core never reads one.
//!
//! Four builds of this one crate ship: the full API (`dist/api/acg.js`, default feature `full`); the embed
//! build (`dist/embed/acg_embed.js`, feature `widgets` alone) with only what the documentation widgets call:
//! names, versions, `latest` of sketched versions, the what-if estimate, target regions and regions; the
//! explain build (`dist/embed/acg_explain.js`, feature `explain` alone) with `explainError`, which only
//! `<acg-explain>` loads (and the app's Troubleshoot view). Neither of these two reads or writes a whole plan,
//! so they carry no plan (de)serializer and no compression (the largest parts of the full module); a widget
//! links to the planner with its inputs as query parameters, which the app turns into a plan
//! (`acg_core::sketch::from_query`). The fourth, the interchange build (`dist/interchange/acg_interchange.js`,
//! feature `interchange` alone), is the app's: `importText` and `exportText`, JSON text in and out, so the
//! app's own module carries neither the importers of other formats than Plan JSON (the ARM evaluator) nor the
//! exporters. A function has the same name and contract in every build that has it.

#![allow(clippy::needless_pass_by_value, reason = "wasm-bindgen passes JS values by value")]

#[cfg(feature = "full")]
use acg_core::ImageVersion;
#[cfg(feature = "full")]
use acg_core::Plan;
#[cfg(feature = "widgets")]
use acg_core::billing::{PriceBook, embedded};
#[cfg(any(feature = "full", feature = "interchange"))]
use acg_core::interchange::ExportOptions;
#[cfg(feature = "full")]
use acg_core::replicas::{Load, Policy};
#[cfg(feature = "widgets")]
use acg_core::sketch::{self, NameKind, VersionSketch};
#[cfg(feature = "widgets")]
use acg_core::{ImageVersionName, RegionName};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// A plan object (see the `Plan` interface).
    #[wasm_bindgen(typescript_type = "Plan")]
    pub type JsPlan;
    /// An image version object.
    #[wasm_bindgen(typescript_type = "ImageVersion")]
    pub type JsImageVersion;
    /// An amount as shown, with its decimal places.
    #[wasm_bindgen(typescript_type = "DisplayAmount")]
    pub type JsDisplayAmount;
    /// A price book object returned by `importRetailPrices`.
    #[wasm_bindgen(typescript_type = "PriceBook")]
    pub type JsPriceBook;
    /// A deployment load.
    #[wasm_bindgen(typescript_type = "Load")]
    pub type JsLoad;
    /// Export options.
    #[wasm_bindgen(typescript_type = "ExportOptions")]
    pub type JsExportOptions;
    /// Any result object; see the interfaces in the typings.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    /// A resolution.
    #[wasm_bindgen(typescript_type = "Resolution")]
    pub type JsResolution;
    /// Matrix cells.
    #[wasm_bindgen(typescript_type = "MatrixCell[]")]
    pub type JsMatrix;
    /// A replica recommendation.
    #[wasm_bindgen(typescript_type = "Recommendation")]
    pub type JsRecommendation;
    /// An estimate.
    #[wasm_bindgen(typescript_type = "Estimate")]
    pub type JsEstimate;
    /// The result of a Retail import.
    #[wasm_bindgen(typescript_type = "RetailImport")]
    pub type JsRetailImport;
    /// Parsed target regions.
    #[wasm_bindgen(typescript_type = "TargetRegion[]")]
    pub type JsTargetRegions;
    /// The region catalog.
    #[wasm_bindgen(typescript_type = "Region[]")]
    pub type JsRegions;
    /// An import result.
    #[wasm_bindgen(typescript_type = "Imported")]
    pub type JsImported;
    /// A parsed version.
    #[wasm_bindgen(typescript_type = "ParsedVersion")]
    pub type JsParsedVersion;
    /// Name issues.
    #[wasm_bindgen(typescript_type = "NameIssue[]")]
    pub type JsNameIssues;
    /// Sketched versions.
    #[wasm_bindgen(typescript_type = "VersionSketch[]")]
    pub type JsVersionSketches;
    /// A change to a plan (see the `Change` type).
    #[wasm_bindgen(typescript_type = "Change")]
    pub type JsChange;
    /// A plan after a change, with what the change did.
    #[wasm_bindgen(typescript_type = "Edited")]
    pub type JsEdited;
    /// What a pasted error means.
    #[wasm_bindgen(typescript_type = "Explanation")]
    pub type JsExplanation;
}

/// The one way results leave the crate: JSON text, parsed by the JS engine (the interchange build's results
/// stay text: the app reads them with the core's types).
#[cfg(any(feature = "widgets", feature = "explain"))]
fn out<T: Serialize, J: JsCast>(value: &T) -> Result<J, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map(JsCast::unchecked_into).map_err(|_| JsError::new("result: not JSON"))
}

/// Reads a JS object as a model type, naming what is wrong.
#[cfg(feature = "widgets")]
fn read<T: serde::de::DeserializeOwned>(what: &str, value: &JsValue) -> Result<T, JsError> {
    let text =
        js_sys::JSON::stringify(value).map_err(|_| JsError::new(&format!("{what}: not a JSON-compatible object")))?;
    let text = text.as_string().unwrap_or_default();
    acg_core::model::parse_json(&text).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

#[cfg(feature = "widgets")]
fn prices(value: Option<JsPriceBook>) -> Result<PriceBook, JsError> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => read("prices", &v),
        _ => Ok(embedded()),
    }
}

#[cfg(feature = "widgets")]
fn today(given: Option<String>) -> Result<chrono::NaiveDate, JsError> {
    if let Some(t) = given {
        t.parse::<chrono::NaiveDate>()
            .map_err(|_| JsError::new(&format!("today: '{t}' is not a date in the form YYYY-MM-DD")))
    } else {
        let d = js_sys::Date::new_0();
        chrono::NaiveDate::from_ymd_opt(d.get_full_year().cast_signed(), d.get_month() + 1, d.get_date())
            .ok_or_else(|| JsError::new("today: the clock gave no date"))
    }
}

#[cfg(feature = "widgets")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParsedVersion {
    name: String,
    major: u32,
    minor: u32,
    patch: u32,
}

#[cfg(feature = "widgets")]
/// Parses an image version name; throws an `Error` with the reason.
#[wasm_bindgen(js_name = parseVersion)]
pub fn parse_version(name: &str) -> Result<JsParsedVersion, JsError> {
    let v: ImageVersionName =
        name.parse().map_err(|e: acg_core::VersionError| JsError::new(&format!("version name: {e}")))?;
    out(&ParsedVersion { name: v.to_string(), major: v.major(), minor: v.minor(), patch: v.patch() })
}

#[cfg(feature = "widgets")]
/// Compares two version names as Azure does (numbers, not text): -1, 0 or 1.
#[wasm_bindgen(js_name = compareVersions)]
pub fn compare_versions(a: &str, b: &str) -> Result<i32, JsError> {
    let pa: ImageVersionName = a.parse().map_err(|e: acg_core::VersionError| JsError::new(&format!("a: {e}")))?;
    let pb: ImageVersionName = b.parse().map_err(|e: acg_core::VersionError| JsError::new(&format!("b: {e}")))?;
    Ok(match pa.key().cmp(&pb.key()) {
        core::cmp::Ordering::Less => -1,
        core::cmp::Ordering::Equal => 0,
        core::cmp::Ordering::Greater => 1,
    })
}

#[cfg(feature = "widgets")]
/// The name rules for a gallery, definition or version name: `kind` is "gallery", "definition" or "version".
#[wasm_bindgen(js_name = checkName)]
pub fn check_name(kind: &str, name: &str) -> Result<JsNameIssues, JsError> {
    out(&name_kind(kind)?.issues(name))
}

#[cfg(feature = "widgets")]
fn name_kind(kind: &str) -> Result<NameKind, JsError> {
    NameKind::parse(kind)
        .ok_or_else(|| JsError::new(&format!("kind: '{kind}' is not one of gallery, definition, version")))
}

/// Validates a plan (today: "YYYY-MM-DD", default the browser's date).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = validatePlan)]
pub fn validate_plan(plan: JsPlan, today_: Option<String>) -> Result<JsReport, JsError> {
    let plan: Plan = read("plan", &plan)?;
    out(&acg_core::validate::validate(&plan, today(today_)?))
}

/// The plan after a change, and what the change did (`applied.undo` puts it back).
#[cfg(feature = "full")]
#[derive(Serialize)]
struct Edited {
    plan: Plan,
    applied: acg_core::edit::Applied,
}

/// Applies a change to a plan, as the app does: returns `{ plan, applied }`, or throws Azure's refusal
/// (`galleries[0].images[1]: IMG-22 Can not delete resource before nested resources are deleted.`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = applyEdit)]
pub fn apply_edit(plan: JsPlan, change: JsChange, today_: Option<String>) -> Result<JsEdited, JsError> {
    let mut plan: Plan = read("plan", &plan)?;
    let change: acg_core::edit::Change = read("change", &change)?;
    match acg_core::edit::apply(&mut plan, change, today(today_)?) {
        Ok(applied) => out(&Edited { plan, applied }),
        Err(report) => Err(JsError::new(
            &report
                .issues
                .iter()
                .map(|i| format!("{}: {} {}", i.path, i.code, i.message))
                .collect::<Vec<_>>()
                .join("\n"),
        )),
    }
}

/// Imports any format (a REST body, az output, an ARM template, a plan) and validates it. `parameters`: a
/// deployment parameters file's text for a template; `name`: "gallery/definition/version" for a bare body.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = validateResource)]
pub fn validate_resource(
    json: &str,
    today_: Option<String>,
    parameters: Option<String>,
    name: Option<String>,
) -> Result<JsReport, JsError> {
    let options = acg_core::interchange::ImportOptions { parameters, name };
    let imported = acg_core::interchange::import_with(json, &options).map_err(|e| JsError::new(&e.to_string()))?;
    out(&acg_core::validate::validate(&imported.plan, today(today_)?))
}

/// Imports a plan from any supported format. `parameters`: a deployment parameters file's text (for an ARM
/// template); `name`: "gallery", "gallery/definition" or "gallery/definition/version" for a REST body that
/// names nothing. The result says what was read (`summary`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = importPlan)]
pub fn import_plan(text: &str, parameters: Option<String>, name: Option<String>) -> Result<JsImported, JsError> {
    let options = acg_core::interchange::ImportOptions { parameters, name };
    out(&acg_core::interchange::import_with(text, &options).map_err(|e| JsError::new(&e.to_string()))?)
}

/// Exports a plan: format is "plan", "arm", "bicep", "az", "terraform" or "csv".
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = exportPlan)]
pub fn export_plan(plan: JsPlan, format: &str, options: Option<JsExportOptions>) -> Result<String, JsError> {
    let plan: Plan = read("plan", &plan)?;
    let format = export_format(format)?;
    let options: ExportOptions = match options {
        Some(o) if !o.is_undefined() && !o.is_null() => read("options", &o)?,
        _ => ExportOptions::default(),
    };
    Ok(acg_core::interchange::export(&plan, format, &options))
}

#[cfg(any(feature = "full", feature = "interchange"))]
fn export_format(format: &str) -> Result<acg_core::interchange::ExportFormat, JsError> {
    acg_core::interchange::ExportFormat::parse(format)
        .ok_or_else(|| JsError::new(&format!("format: '{format}' is not one of plan, arm, bicep, az, terraform, csv")))
}

/// The interchange build's import (the app's): any format's text in, the `Imported` as JSON text out.
#[cfg(feature = "interchange")]
#[wasm_bindgen(js_name = importText)]
pub fn import_text(text: &str, parameters: Option<String>, name: Option<String>) -> Result<String, JsError> {
    let options = acg_core::interchange::ImportOptions { parameters, name };
    let imported = acg_core::interchange::import_with(text, &options).map_err(|e| JsError::new(&e.to_string()))?;
    serde_json::to_string(&imported).map_err(|e| JsError::new(&e.to_string()))
}

/// What `exportText` returns: the file's text and what the format could not carry.
#[cfg(feature = "interchange")]
#[derive(Serialize)]
struct ExportedText {
    text: String,
    notes: Vec<String>,
}

/// The interchange build's export (the app's): a plan as JSON text in, `{ text, notes }` as JSON text out.
#[cfg(feature = "interchange")]
#[wasm_bindgen(js_name = exportText)]
pub fn export_text(plan: &str, format: &str) -> Result<String, JsError> {
    let plan: acg_core::Plan = acg_core::model::parse_json(plan).map_err(|e| JsError::new(&format!("plan: {e}")))?;
    let e = acg_core::interchange::export_with_notes(&plan, export_format(format)?, &ExportOptions::default());
    serde_json::to_string(&ExportedText { text: e.text, notes: e.notes }).map_err(|e| JsError::new(&e.to_string()))
}

/// Which version `latest` gives for a definition in a region, with every version's reason.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = resolveLatest)]
pub fn resolve_latest(
    plan: JsPlan,
    gallery: &str,
    definition: &str,
    region: &str,
    today_: Option<String>,
) -> Result<JsResolution, JsError> {
    let plan: Plan = read("plan", &plan)?;
    let (gi, di) = acg_core::latest::find_definition(&plan, gallery, definition)
        .ok_or_else(|| JsError::new(&format!("definition: {gallery}/{definition} is not in the plan")))?;
    let r = acg_core::latest::resolve_latest(&plan, gi, di, &RegionName::new(region), today(today_)?);
    out(&r)
}

/// Every definition x region cell of `latest`.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = latestMatrix)]
pub fn latest_matrix(plan: JsPlan) -> Result<JsMatrix, JsError> {
    let plan: Plan = read("plan", &plan)?;
    out(&acg_core::latest::latest_matrix(&plan))
}

/// A replica recommendation for a load; policy is "bestPractices" (default), "scaling" or "2019".
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = recommendReplicas)]
pub fn recommend_replicas(load: JsLoad, policy: Option<String>) -> Result<JsRecommendation, JsError> {
    let load: Load = read("load", &load)?;
    let policy = match policy {
        None => Policy::default(),
        Some(p) => Policy::parse(&p)
            .ok_or_else(|| JsError::new(&format!("policy: '{p}' is not one of bestPractices, scaling, 2019")))?,
    };
    out(&acg_core::replicas::recommend(&load, policy))
}

/// The monthly storage and one-time egress of one version (its `location` is the source region).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = estimateVersion)]
pub fn estimate_version(version: JsImageVersion, prices_: Option<JsPriceBook>) -> Result<JsEstimate, JsError> {
    let v: ImageVersion = read("version", &version)?;
    let source = v.location.clone().ok_or_else(|| JsError::new("version.location: the source region is required"))?;
    out(&acg_core::billing::estimate_version(&v.name, &v, &source, &acg_core::ApiVersion::default(), &prices(prices_)?))
}

/// The cost of every version of a plan, with the plan's own prices (its `prices`: overrides and imported
/// Retail prices over the embedded catalog), or with `prices` when given.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = estimatePlan)]
pub fn estimate_plan(plan: JsPlan, prices_: Option<JsPriceBook>) -> Result<JsEstimate, JsError> {
    let plan: Plan = read("plan", &plan)?;
    let book = match prices_ {
        Some(v) if !v.is_undefined() && !v.is_null() => read("prices", &v)?,
        _ => acg_core::billing::plan_book(&plan),
    };
    out(&acg_core::billing::estimate_plan(&plan, &book))
}

/// The prices a plan is estimated with: the embedded catalog overlaid by the plan's own `prices`. Pass it to
/// `importRetailPrices` to layer a Retail Prices API response over the plan's prices.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = planPrices)]
pub fn plan_prices(plan: JsPlan) -> Result<JsPriceBook, JsError> {
    let plan: Plan = read("plan", &plan)?;
    out(&acg_core::billing::plan_book(&plan))
}

#[cfg(feature = "widgets")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DisplayAmount {
    amount: String,
    places: u32,
}

/// The amount of money as the planner shows it, and its decimal places (to cents, to 4 places under one cent):
/// format it for a locale with exactly `places` fraction digits. The one rounding of the app, the CLI and the
/// widgets.
#[cfg(feature = "widgets")]
#[wasm_bindgen(js_name = displayAmount)]
pub fn display_amount(amount: JsValue) -> Result<JsDisplayAmount, JsError> {
    let value = if let Some(text) = amount.as_string() {
        text.trim().parse::<rust_decimal::Decimal>().ok()
    } else {
        amount.as_f64().and_then(|n| rust_decimal::Decimal::try_from(n).ok())
    };
    let value = value.ok_or_else(|| JsError::new("amount: not a number (give a decimal string or a number)"))?;
    let (rounded, places) = acg_core::billing::display_amount(value);
    out(&DisplayAmount { amount: format!("{rounded:.places$}", places = places as usize), places })
}

#[cfg(feature = "widgets")]
/// A quick estimate: occupied GB, a source region, target regions in the az syntax ("eastus=2 westus2").
#[wasm_bindgen(js_name = estimateWhatIf)]
pub fn estimate_what_if(
    occupied_gb: f64,
    source: &str,
    regions: &str,
    prices_: Option<JsPriceBook>,
) -> Result<JsEstimate, JsError> {
    let targets = acg_core::target_regions::parse(regions).map_err(|e| JsError::new(&format!("regions: {e}")))?;
    let source = RegionName::new(source);
    if source.info().is_none() {
        return Err(JsError::new(&format!("source: '{source}' is not a region of the catalog")));
    }
    let e = acg_core::billing::estimate_what_if(occupied_gb, &source, &targets, &prices(prices_)?)
        .map_err(|e| JsError::new(&format!("occupiedGb: {e}")))?;
    out(&e)
}

#[cfg(feature = "full")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RetailImport {
    prices: PriceBook,
    report: acg_core::billing::ImportReport,
}

/// Reads a Retail Prices API response over the embedded catalog (or over `prices`).
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = importRetailPrices)]
pub fn import_retail_prices(json: &str, prices_: Option<JsPriceBook>) -> Result<JsRetailImport, JsError> {
    let (book, report) =
        acg_core::billing::import_retail(json, &prices(prices_)?).map_err(|e| JsError::new(&format!("prices: {e}")))?;
    out(&RetailImport { prices: book, report })
}

#[cfg(feature = "widgets")]
/// Parses target regions in the az syntax.
#[wasm_bindgen(js_name = parseTargetRegions)]
pub fn parse_target_regions(text: &str) -> Result<JsTargetRegions, JsError> {
    out(&acg_core::target_regions::parse(text).map_err(|e| JsError::new(&e.to_string()))?)
}

/// The planner's share-link parameter for a plan (`v1.` + compressed JSON): `index.html?plan=<this>` opens
/// the plan in the app without touching the user's saved plans.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = sharePlan)]
pub fn share_plan(plan: JsPlan) -> Result<String, JsError> {
    let plan: Plan = read("plan", &plan)?;
    Ok(acg_core::share::encode(&plan))
}

#[cfg(feature = "widgets")]
fn sketches(versions: &JsValue) -> Result<Vec<VersionSketch>, JsError> {
    read("versions", versions)
}

#[cfg(feature = "widgets")]
/// Which version `latest` gives in `region` among sketched versions (`{ name, regions, excludeFromLatest,
/// excludedIn, endOfLifeDate, publishedDate }`, regions in the az syntax): what the documentation widget shows.
#[wasm_bindgen(js_name = latestOfVersions)]
pub fn latest_of_versions(
    versions: JsVersionSketches,
    region: &str,
    today_: Option<String>,
) -> Result<JsResolution, JsError> {
    let plan = sketch::versions_plan(&sketches(&versions)?).map_err(|e| JsError::new(&e))?;
    out(&acg_core::latest::resolve_latest(&plan, 0, 0, &RegionName::new(region), today(today_)?))
}

#[cfg(feature = "explain")]
/// Explains an error Azure, az, PowerShell, Terraform or Packer printed: the troubleshooting guide's entries it
/// matches (best first, none when the guide has no entry), with cause, fix, values and the planner's rules.
/// With a plan (full build only), each match also points at the plan's resources the error names and those
/// its rules flag now (as of `today`, default the browser's date).
#[wasm_bindgen(js_name = explainError)]
pub fn explain_error(text: &str, plan: Option<JsPlan>, today_: Option<String>) -> Result<JsExplanation, JsError> {
    let plan = plan.filter(|p| !p.is_undefined() && !p.is_null());
    let found = match plan {
        #[cfg(feature = "full")]
        Some(plan) => {
            let plan: Plan = read("plan", &plan)?;
            acg_core::explain::explain_with_plan(text, &plan, today(today_)?)
        }
        #[cfg(not(feature = "full"))]
        Some(_) => {
            let _ = today_;
            return Err(JsError::new("plan: this build explains without a plan; use the full API (api/acg.js)"));
        }
        None => acg_core::explain::explain(text),
    }
    .map_err(|e| JsError::new(&format!("text: {e}")))?;
    out(&found)
}

/// The region catalog.
#[cfg(feature = "widgets")]
#[wasm_bindgen]
pub fn regions() -> Result<JsRegions, JsError> {
    out(&acg_core::region::regions())
}

/// The embedded sample plan.
#[cfg(feature = "full")]
#[wasm_bindgen(js_name = samplePlan)]
pub fn sample_plan() -> Result<JsPlan, JsError> {
    out(&acg_core::sample::plan())
}
