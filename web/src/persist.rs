//! Saving in the browser (`IndexedDB`, packed with the share codec's deflate) and share links. Nothing leaves
//! the browser: a share link carries the plan in the URL itself (compressed, versioned), and the server that
//! hosts the app never sees the part after `?` unless the link is opened — it is read by this code, not sent
//! anywhere.
//!
//! Saves live in `IndexedDB`, where browsers allow far more than localStorage's few MB (a 10,000-version plan is
//! about 4 MB of JSON, 0.7 MB packed). `IndexedDB` is asynchronous: [`preload`] reads the save before the app
//! starts, so [`load`] answers at once. A save from before `IndexedDB` (localStorage's [`KEY`]) is read when
//! `IndexedDB` has none and removed once it is saved there (the migration). Each save also writes a stamp
//! under [`KEY_SAVED`] in localStorage, whose `storage` event tells other tabs ([`other_tab_saved`]). Where
//! `IndexedDB` is unavailable, saves go to localStorage as before.

use std::cell::{Cell, RefCell};

use acg_core::Plan;
use acg_core::saved::{self, Workspace};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/idb.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = idbGet)]
    async fn idb_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbPut)]
    async fn idb_put(key: &str, value: &str) -> Result<JsValue, JsValue>;
}

/// The key of the saved workspace (named plans): in `IndexedDB`, and in localStorage for saves made before
/// `IndexedDB` (the first version kept one bare plan here).
pub const KEY: &str = "acg.plan";
/// Where a save that could not be read is kept, untouched (beside it: in `IndexedDB` or localStorage).
pub const KEY_UNREADABLE: &str = "acg.plan.unreadable";
/// localStorage: a new value after every save, so other tabs hear of it (`storage` events).
pub const KEY_SAVED: &str = "acg.plan.saved";

thread_local! {
    /// Whether `IndexedDB` answered [`preload`].
    static IDB: Cell<bool> = const { Cell::new(false) };
    /// What `IndexedDB` held under [`KEY`] at start, until [`load`] takes it.
    static PRELOADED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The last save read or written, as stored (for the crash screen's download).
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The save as this tab read it, until this tab writes one: saving the same again is skipped (a tab that
    /// opens saves once, and must not overwrite what another tab saved meanwhile with what it read).
    static READ: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// What was found in the browser.
pub enum Saved {
    /// Nothing: a first visit.
    Nothing,
    /// The saved plans.
    Workspace(Box<Workspace>),
    /// Text that is not a save we can read (damaged, or from a newer planner): kept, with the reason.
    Unreadable {
        /// The text as saved (inflated, when it was packed and inflates).
        raw: String,
        /// Why it could not be read.
        reason: String,
    },
}

/// Runs a future: one instance of the executor's glue for all of this module's (each `spawn_local` of its own
/// future type would be a copy).
fn spawn(future: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>) {
    wasm_bindgen_futures::spawn_local(future);
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map_or_else(|| "unknown error".to_owned(), |e| String::from(e.message()))
}

/// Reads the save from `IndexedDB` before the app starts (call once, then mount the app).
pub async fn preload() {
    // When IndexedDB is unavailable (some private modes), saves go to localStorage.
    if let Ok(value) = idb_get(KEY).await {
        IDB.set(true);
        PRELOADED.set(value.as_string());
    }
}

/// Reads the saved plans. A save that cannot be read is copied to [`KEY_UNREADABLE`] before anything else can
/// overwrite [`KEY`]. localStorage's save, when there is one, is the newer: every save to `IndexedDB` removes it,
/// so it is either a save from before `IndexedDB` or the one [`save_now`] wrote as the page closed.
pub fn load() -> Saved {
    let local = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    if let Some(stored) = PRELOADED.take().filter(|_| local.is_none()) {
        LAST.set(Some(stored.clone()));
        READ.set(Some(stored.clone()));
        return match saved::decode_stored(&stored) {
            Ok(workspace) => Saved::Workspace(Box::new(workspace)),
            Err(e) => {
                let raw = saved::unpack(&stored).map_or_else(|_| stored.clone(), std::borrow::Cow::into_owned);
                spawn(Box::pin(async move {
                    let _ = idb_put(KEY_UNREADABLE, &stored).await;
                }));
                Saved::Unreadable { raw, reason: e.to_string() }
            }
        };
    }
    let Some(raw) = local else { return Saved::Nothing };
    LAST.set(Some(raw.clone()));
    READ.set(Some(raw.clone()));
    match saved::decode_stored(&raw) {
        Ok(workspace) => Saved::Workspace(Box::new(workspace)),
        Err(e) => {
            if let Some(s) = storage() {
                let _ = s.set_item(KEY_UNREADABLE, &raw);
            }
            let raw = saved::unpack(&raw).map_or_else(|_| raw.clone(), std::borrow::Cow::into_owned);
            Saved::Unreadable { raw, reason: e.to_string() }
        }
    }
}

/// Reads a save another tab made (the text [`other_tab_saved`] gives).
pub fn decode(stored: &str) -> Result<Workspace, saved::SavedError> {
    saved::decode_stored(stored)
}

/// The stamp of a save: a digest of what was stored, so saving the same plans again (a tab that opens them
/// saves once) tells no other tab, as an unchanged localStorage value never did.
fn stamp(stored: &str) -> String {
    let digest =
        stored.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{digest:016x}-{}", stored.len())
}

/// Saves the workspace with `plan` as its open plan, packed, in `IndexedDB` (localStorage where `IndexedDB` is
/// unavailable); `done` gets the outcome once the browser has it, the error saying why it could not be saved
/// (quota, private mode).
pub fn save(workspace: &Workspace, plan: &Plan, done: impl FnOnce(Result<(), String>) + 'static) {
    save_boxed(workspace, plan, Box::new(done));
}

/// Runs `f` when the browser is idle (no input to handle, the frame drawn), at the latest after two seconds:
/// writing the save of a big plan keeps the page busy for a while (`acg-save`), which a keystroke must not wait
/// for. Where idle callbacks are missing, at once.
pub fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast as _;
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(2_000);
    let scheduled = web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &"requestIdleCallback".into()).unwrap_or(false)
            && w.request_idle_callback_with_options(callback.unchecked_ref(), &options).is_ok()
    });
    if !scheduled {
        let _ = callback.unchecked_ref::<js_sys::Function>().call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// [`save`] compiled once, not once per caller's closure.
fn save_boxed(workspace: &Workspace, plan: &Plan, done: Box<dyn FnOnce(Result<(), String>)>) {
    // `acg-save`: how long the page is busy writing a save (the benchmark reads it; the write to IndexedDB
    // that follows is asynchronous).
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(perf) = &perf {
        let _ = perf.mark("acg-save-start");
    }
    let stored = saved::pack(&saved::encode_with_active(workspace, plan));
    if let Some(perf) = &perf {
        let _ = perf.measure_with_start_mark("acg-save", "acg-save-start");
    }
    if READ.with_borrow(|read| read.as_deref() == Some(stored.as_str())) {
        done(Ok(()));
        return;
    }
    READ.set(None);
    LAST.set(Some(stored.clone()));
    if !IDB.get() {
        let result = storage()
            .ok_or_else(|| {
                "this browser does not allow saving (neither IndexedDB nor localStorage is available)".to_owned()
            })
            .and_then(|s| {
                s.set_item(KEY, &stored)
                    .map_err(|_| "the browser refused to save (storage full or private mode)".to_owned())
            });
        done(result);
        return;
    }
    spawn(Box::pin(async move {
        let result = idb_put(KEY, &stored)
            .await
            .map(|_| ())
            .map_err(|e| format!("the browser refused to save ({})", js_message(&e)));
        if result.is_ok()
            && let Some(s) = storage()
        {
            // Migrated: the localStorage save is now older than this one.
            let _ = s.remove_item(KEY);
            let _ = s.set_item(KEY_SAVED, &stamp(&stored));
        }
        done(result);
    }));
}

/// Saves at once, as the page closes: `IndexedDB`'s writes are asynchronous and may not land before the page is
/// gone, so the packed save goes to localStorage (where a 10,000-version plan fits packed), which [`load`]
/// prefers and the next save to `IndexedDB` removes; `IndexedDB` when localStorage refuses it.
pub fn save_now(workspace: &Workspace, plan: &Plan) {
    let stored = saved::pack(&saved::encode_with_active(workspace, plan));
    if READ.with_borrow(|read| read.as_deref() == Some(stored.as_str())) {
        return;
    }
    READ.set(None);
    LAST.set(Some(stored.clone()));
    if storage().is_some_and(|s| s.set_item(KEY, &stored).is_ok()) {
        return;
    }
    spawn(Box::pin(async move {
        let _ = idb_put(KEY, &stored).await;
    }));
}

/// Saves even what this tab read unchanged ("Keep mine" over another tab's save).
pub fn overwrite(workspace: &Workspace, plan: &Plan) {
    READ.set(None);
    save(workspace, plan, |_| ());
}

/// Another tab saved: `then` gets its save as stored (for [`decode`]), read from `IndexedDB`; nothing for
/// `storage` events about other keys.
pub fn other_tab_saved(event: &web_sys::StorageEvent, then: impl FnOnce(String) + 'static) {
    match event.key().as_deref() {
        Some(KEY_SAVED) => spawn(Box::pin(async move {
            if let Ok(value) = idb_get(KEY).await
                && let Some(text) = value.as_string()
            {
                then(text);
            }
        })),
        // A tab saving to localStorage (IndexedDB unavailable there).
        Some(KEY) => {
            if let Some(value) = event.new_value() {
                then(value);
            }
        }
        _ => {}
    }
}

/// The last save read or written, as JSON text (what the crash screen offers to download).
pub fn raw_save() -> Option<String> {
    let stored = LAST.with_borrow(Clone::clone).or_else(|| storage()?.get_item(KEY).ok().flatten())?;
    Some(saved::unpack(&stored).map_or(stored.clone(), std::borrow::Cow::into_owned))
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

/// A full share URL for the plan; the error says the plan is too big for a link (send the file instead).
pub fn share_url(plan: &Plan) -> Result<String, String> {
    let param = acg_core::share::encode_for_link(plan).map_err(|e| e.to_string())?;
    let location = web_sys::window().map(|w| w.location());
    let base =
        location.as_ref().and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))).unwrap_or_default();
    Ok(format!("{base}?plan={param}"))
}
