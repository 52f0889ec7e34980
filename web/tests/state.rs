//! The reducer: history and refusals around the core's edits (in the browser: the app reads the clock there).

use std::rc::Rc;

use acg_core::edit::{At, Change, Field};
use acg_web::state::{Action, AppState, ImportMode};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn reduce(state: AppState, action: Action) -> AppState {
    (*Rc::new(state).reduce(action)).clone()
}

#[wasm_bindgen_test]
fn a_burst_of_typing_is_one_undo_step() {
    let start = AppState::new(acg_core::sample::plan());
    let at = At::Gallery(0);
    let mut s = start.clone();
    for text in ["G", "Go", "Gol"] {
        s = reduce(s, Action::Edit(Change::SetField { at, field: Field::Description, text: text.into() }));
    }
    assert_eq!(s.undo.len(), 1);
    // Another field starts another step.
    let s = reduce(s, Action::Edit(Change::SetField { at, field: Field::Location, text: "westus2".into() }));
    assert_eq!(s.undo.len(), 2);
    let s = reduce(reduce(s, Action::Undo), Action::Undo);
    assert_eq!(*s.plan, *start.plan);
    let s = reduce(s, Action::Redo);
    assert_eq!(s.plan.galleries[0].description.as_deref(), Some("Gol"));
}

#[wasm_bindgen_test]
fn a_refused_change_is_kept_until_the_selection_moves() {
    let s = AppState::new(acg_core::sample::plan());
    let s = reduce(s, Action::Edit(Change::Delete { at: At::Gallery(0) }));
    assert_eq!(s.refused.as_ref().map(|r| r.issues[0].code.to_string()), Some("GAL-12".to_owned()));
    assert!(s.undo.is_empty());
    let s = reduce(s, Action::Select(Some(At::Gallery(0))));
    assert!(s.refused.is_none());
}

#[wasm_bindgen_test]
fn adding_selects_the_new_resource_and_undo_forgets_what_if() {
    let s = AppState::new(acg_core::sample::plan());
    let s = reduce(s, Action::Edit(Change::Duplicate { at: At::Definition(0, 0) }));
    assert_eq!(s.selection, Some(At::Definition(0, 1)));
    let s = reduce(s, Action::Undo);
    assert_eq!(s.selection, Some(At::Definition(0, 1)), "the original's sibling still exists");
    assert!(s.what_if.is_none());
}

#[wasm_bindgen_test]
fn an_import_replaces_the_plan_in_one_undo_step_and_an_error_keeps_it() {
    let start = AppState::new(acg_core::sample::plan());
    let text =
        acg_core::interchange::plan_json(&acg_core::Plan { name: "imported".into(), ..acg_core::Plan::default() });
    let imported = acg_core::interchange::import_plan(&text).and_then(Result::ok).map(Box::new);
    let s = reduce(
        start.clone(),
        Action::ImportPlan { imported: imported.ok_or_else(String::new), mode: ImportMode::Replace },
    );
    assert_eq!(s.plan.name, "imported");
    assert!(matches!(&s.import_message, Some(Ok(r)) if r.summary.starts_with("0 galleries")));
    assert_eq!(*reduce(s, Action::Undo).plan, *start.plan);
    let s =
        reduce(start.clone(), Action::ImportPlan { imported: Err("not valid JSON".into()), mode: ImportMode::Replace });
    assert_eq!(s.import_message, Some(Err("not valid JSON".to_owned())));
    assert_eq!(*s.plan, *start.plan);
    assert!(s.undo.is_empty());
}

#[wasm_bindgen_test]
fn an_import_can_add_to_the_plan_and_a_version_already_there_refuses_it() {
    let start = AppState::new(acg_core::sample::plan());
    let read = |plan: &acg_core::Plan| {
        let text = acg_core::interchange::plan_json(plan);
        acg_core::interchange::import_plan(&text).and_then(Result::ok).map(Box::new).ok_or_else(String::new)
    };
    let mut extra = acg_core::sample::plan();
    extra.galleries.truncate(1);
    extra.galleries[0].name = "extra_gallery".into();
    let s = reduce(start.clone(), Action::ImportPlan { imported: read(&extra), mode: ImportMode::Merge });
    assert_eq!(s.plan.galleries.len(), start.plan.galleries.len() + 1);
    assert_eq!(s.plan.galleries.last().map(|g| g.name.as_str()), Some("extra_gallery"));
    assert_eq!(*reduce(s, Action::Undo).plan, *start.plan, "one undo step takes the import out");
    // The sample again: every version is already in the plan, and Azure refuses a second of the same name.
    let s = reduce(start.clone(), Action::ImportPlan { imported: read(&start.plan), mode: ImportMode::Merge });
    assert!(matches!(&s.import_message, Some(Err(m)) if m.contains("already exists")), "{:?}", s.import_message);
    assert_eq!(*s.plan, *start.plan);
    assert!(s.undo.is_empty());
}

#[wasm_bindgen_test]
fn scenario_a_is_estimated_when_kept_and_when_the_prices_change_as_the_core_estimates_it() {
    use acg_core::billing::{Redundancy, Tier, estimate_plan};
    let same = |kept: &acg_core::billing::Estimate, full: &acg_core::billing::Estimate| {
        assert_eq!(
            (kept.storage_monthly, kept.egress_one_time, &kept.by_region, &kept.by_version, &kept.currency),
            (full.storage_monthly, full.egress_one_time, &full.by_region, &full.by_version, &full.currency)
        );
    };
    let s = reduce(AppState::new(acg_core::sample::plan()), Action::SetScenarioA(true));
    let a = s.scenario_a.clone().expect("scenario A is kept");
    same(&a.estimate, &estimate_plan(&a.plan, &s.book));
    // An edit of B leaves A as it was kept.
    let s = reduce(
        s,
        Action::Edit(Change::SetField { at: At::Version(0, 0, 0), field: Field::ReplicaCount, text: "5".into() }),
    );
    assert!(s.scenario_a.as_ref().is_some_and(|x| Rc::ptr_eq(x, &a)));
    // A price changed: A is priced again, with the prices now in use.
    let mut s = s;
    for redundancy in [Redundancy::Lrs, Redundancy::Zrs] {
        let amount = rust_decimal::Decimal::new(9, 1);
        s = reduce(
            s,
            Action::Edit(Change::OverridePrice {
                region: "eastus".into(),
                tier: Tier::StandardHdd,
                redundancy,
                amount,
            }),
        );
    }
    let repriced = s.scenario_a.clone().expect("still kept");
    same(&repriced.estimate, &estimate_plan(&a.plan, &s.book));
    assert_ne!(repriced.estimate.storage_monthly, a.estimate.storage_monthly, "East US costs more now");
}
