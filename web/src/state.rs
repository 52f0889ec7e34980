//! The app's state: the plan the user edits, undo/redo, the selection and what the last action said.
//!
//! Changed only through [`Action`]s. Every change to the plan is an [`acg_core::edit::Change`] applied by
//! [`acg_core::edit::apply`]: this module keeps history and UI state, and holds no plan surgery of its own.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use acg_core::billing::{Estimate, PriceBook, plan_book};
use acg_core::edit::{self, At, Change, Changed};
use acg_core::recompute::Results;
use acg_core::{Plan, Report};
use yew::Reducible;

/// The whole state. Equal when it holds the same plan, book and scenario (by pointer: a plan is never
/// compared field by field) and the same UI state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The plan being edited (shared, cheap to clone).
    pub plan: Rc<Plan>,
    /// The changes that undo the last edits, newest last.
    pub undo: Vec<Change>,
    /// The changes that redo undone edits, newest last.
    pub redo: Vec<Change>,
    /// The selected resource in the design tree.
    pub selection: Option<At>,
    /// Prices in use: derived from the plan's own prices ([`acg_core::billing::plan_book`]) whenever they
    /// change, never edited here.
    pub book: Rc<PriceBook>,
    /// Why the last change was refused (Azure's message, the field's path), until the next change goes
    /// through or the selection moves.
    pub refused: Option<Rc<Report>>,
    /// The last Retail import's report lines, or its error.
    pub price_message: Option<Result<Vec<String>, String>>,
    /// What the last import understood, or its error.
    pub import_message: Option<Result<ImportReport, String>>,
    /// What the last tree delete removed, in Azure's order.
    pub deleted: Option<Vec<String>>,
    /// What-if result of the last regional exclude toggle in the latest view.
    pub what_if: Option<Vec<acg_core::latest::CellChange>>,
    /// Scenario A: a copy of the plan kept for comparison while the plan is edited into scenario B, with its
    /// estimate under the prices in use (made when A is kept and when the prices change, not per render).
    pub scenario_a: Option<Rc<Scenario>>,
    /// The field being typed into: further keystrokes there join the same undo step.
    typing: Option<(At, edit::Field)>,
    /// The plan's report, latest matrix, replica recommendations and estimate: the core's [`Results`], kept
    /// between edits and brought up to date in [`Reducible::reduce`] with what each edit changed (one cell
    /// shared by successive states, so an edit does not copy them). Read through [`AppState::results`].
    results: Rc<RefCell<Results>>,
    /// What the action being reduced changed in the plan.
    changed: Changed,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        let same = |a: &Option<Rc<Scenario>>, b: &Option<Rc<Scenario>>| match (a, b) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        Rc::ptr_eq(&self.plan, &other.plan)
            && Rc::ptr_eq(&self.book, &other.book)
            && same(&self.scenario_a, &other.scenario_a)
            && self.selection == other.selection
            && self.undo.len() == other.undo.len()
            && self.redo.len() == other.redo.len()
            && self.refused.as_ref().map(Rc::as_ptr) == other.refused.as_ref().map(Rc::as_ptr)
            && self.price_message == other.price_message
            && self.import_message == other.import_message
            && self.deleted == other.deleted
            && self.what_if == other.what_if
    }
}

impl AppState {
    /// A state around a plan.
    pub fn new(plan: Plan) -> Self {
        let book = plan_book(&plan);
        Self {
            results: Rc::new(RefCell::new(Results::full(&plan, &book, crate::today()))),
            changed: Changed::Nothing,
            book: Rc::new(book),
            plan: Rc::new(plan),
            undo: Vec::new(),
            redo: Vec::new(),
            selection: None,
            refused: None,
            price_message: None,
            import_message: None,
            deleted: None,
            what_if: None,
            scenario_a: None,
            typing: None,
        }
    }

    /// The plan's results (report, latest matrix, recommendations, estimate), borrowed while a view renders.
    pub fn results(&self) -> Ref<'_, Results> {
        self.results.borrow()
    }

    /// The issues of the last refused change at exactly this path.
    pub fn refused_at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a acg_core::Issue> + 'a {
        self.refused.iter().flat_map(|r| r.issues.iter()).filter(move |i| i.path == path)
    }
}

/// Scenario A of a comparison: the plan as kept, and its estimate's totals and subtotals under the prices in
/// use ([`acg_core::billing::estimate_plan`] without the line items, which a comparison does not read).
#[derive(Debug)]
pub struct Scenario {
    /// The plan as it was kept.
    pub plan: Rc<Plan>,
    /// Its estimate, without line items.
    pub estimate: Estimate,
}

impl Scenario {
    /// Scenario A of `plan` priced by `book`; `estimate` is the plan's own estimate under `book` when known
    /// (the kept results': the plan was just kept), else the core estimates it.
    fn new(plan: Rc<Plan>, book: &PriceBook, estimate: Option<&Estimate>) -> Self {
        let estimate = match estimate {
            Some(e) => e.without_lines(),
            None => acg_core::billing::estimate_plan(&plan, book).without_lines(),
        };
        Self { plan, estimate }
    }
}

/// What an import understood, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// "1 gallery, 2 definitions, 3 versions; 2 values left as expressions: …".
    pub summary: String,
    /// Names the import had to invent (the user is asked for the real ones).
    pub placeholders: usize,
    /// What was ignored, assumed or left unresolved.
    pub notes: Vec<String>,
}

/// Everything that changes the state.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "actions are dispatched one at a time and moved, never stored in bulk")]
pub enum Action {
    /// Change the plan (undoable).
    Edit(Change),
    /// Open another saved plan: its own history starts empty (undo never crosses plans).
    OpenPlan(Box<Plan>),
    /// Take an imported plan (read by the core in any format it reads, see `on_demand::import`), or show why
    /// the text could not be imported; undoable.
    ImportPlan {
        /// The import, or its error.
        imported: Result<Box<acg_core::interchange::Imported>, String>,
        /// Whether the import replaces the plan or is merged into it.
        mode: ImportMode,
    },
    /// Select a resource (or nothing).
    Select(Option<At>),
    /// Name the open plan (the workspace renamed it): not an edit of the content, so no undo step.
    SetName(String),
    /// Keep the current plan as scenario A (false: stop comparing).
    SetScenarioA(bool),
    /// Undo the last plan edit.
    Undo,
    /// Redo.
    Redo,
}

/// What an import does with the current plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// The imported plan replaces it ([`Change::ReplacePlan`]).
    #[default]
    Replace,
    /// The imported plan's resources are added to it ([`Change::MergePlan`]).
    Merge,
}

/// Undo history limit.
const HISTORY: usize = 200;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.changed = Changed::Nothing;
        match action {
            Action::Edit(change) => {
                next.edit(change);
            }
            Action::ImportPlan { imported, mode } => match imported {
                Ok(imported) => {
                    let imported = *imported;
                    let mut report = ImportReport {
                        summary: imported.summary.line(),
                        placeholders: imported.summary.placeholders,
                        notes: imported.notes,
                    };
                    let plan = Box::new(imported.plan);
                    // What a merge kept of the plan's own resources.
                    report.notes.extend(next.edit(match mode {
                        ImportMode::Replace => Change::ReplacePlan { plan },
                        ImportMode::Merge => Change::MergePlan { plan },
                    }));
                    next.import_message = Some(match next.refused.take() {
                        // A merge refused (a version already in the plan): Azure's messages, nothing added.
                        Some(r) => Err(r.issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join(" ")),
                        None => Ok(report),
                    });
                }
                Err(e) => next.import_message = Some(Err(e)),
            },
            Action::OpenPlan(p) => {
                next = AppState { price_message: None, import_message: None, ..AppState::new(*p) };
            }
            Action::Select(at) => {
                next.selection = at;
                next.refused = None;
                next.typing = None;
            }
            Action::SetName(name) => {
                if self.plan.name != name {
                    let mut named = (*self.plan).clone();
                    named.name = name;
                    next.plan = Rc::new(named);
                    next.changed = Changed::Settings;
                }
            }
            Action::SetScenarioA(keep) => {
                next.scenario_a = keep.then(|| {
                    let results = self.results();
                    Rc::new(Scenario::new(Rc::clone(&self.plan), &self.book, Some(results.estimate())))
                });
            }
            Action::Undo => next.step(true),
            Action::Redo => next.step(false),
        }
        if !Rc::ptr_eq(&next.plan, &self.plan) && next.plan.prices != self.plan.prices {
            next.book = Rc::new(plan_book(&next.plan));
            // Scenario A is priced as B is: with the prices now in use.
            if let Some(a) = &next.scenario_a {
                next.scenario_a = Some(Rc::new(Scenario::new(Rc::clone(&a.plan), &next.book, None)));
            }
        }
        // The results follow the plan: the core recomputes what the edit changed (a new state, as an opened
        // plan, has its own).
        if !Rc::ptr_eq(&next.plan, &self.plan) && Rc::ptr_eq(&next.results, &self.results) {
            let today = crate::today();
            let kept = Rc::clone(&next.results);
            if let Ok(mut kept) = kept.try_borrow_mut() {
                kept.update(&next.plan, &next.book, today, &next.changed);
            } else {
                next.results = Rc::new(RefCell::new(Results::full(&next.plan, &next.book, today)));
            }
        }
        Rc::new(next)
    }
}

impl AppState {
    /// Applies a change; returns what it said (`Applied::notes`), none when refused.
    fn edit(&mut self, change: Change) -> Vec<String> {
        let typing = match &change {
            Change::SetField { at, field, .. } => Some((*at, field.clone())),
            _ => None,
        };
        let what_if = match &change {
            Change::Latest { edit } => Some(acg_core::latest::what_if(&self.plan, edit).ok()),
            _ => None,
        };
        let prices = matches!(change, Change::ImportPrices { .. });
        let tree = matches!(change, Change::DeleteTree { .. });
        let mut plan = (*self.plan).clone();
        match edit::apply(&mut plan, change, crate::today()) {
            Ok(done) => {
                self.refused = None;
                if let Some(w) = what_if {
                    self.what_if = w;
                }
                if prices {
                    self.price_message = Some(Ok(done.notes.clone()));
                }
                if tree {
                    self.deleted = Some(done.notes.clone());
                }
                if done.changed == Changed::Nothing {
                    return done.notes;
                }
                if let Some(at) = done.select {
                    self.selection = Some(at);
                } else if matches!(done.changed, Changed::Children(_) | Changed::Document) {
                    self.selection = self.selection.filter(|s| s.exists(&plan));
                }
                // A burst of typing in one field is one step: the first keystroke's undo already restores
                // the field as it was before the burst.
                let joins = typing.is_some() && typing == self.typing && self.redo.is_empty() && !self.undo.is_empty();
                if !joins {
                    self.undo.push(done.undo);
                    if self.undo.len() > HISTORY {
                        self.undo.remove(0);
                    }
                }
                self.typing = typing;
                self.redo.clear();
                self.plan = Rc::new(plan);
                self.changed = done.changed;
                done.notes
            }
            Err(report) => {
                if prices {
                    self.price_message =
                        Some(Err(report.issues.first().map(|i| i.message.clone()).unwrap_or_default()));
                }
                self.refused = Some(Rc::new(report));
                Vec::new()
            }
        }
    }

    /// Undo (or redo) one step: apply the stored change and keep its inverse on the other stack.
    fn step(&mut self, undo: bool) {
        let (from, to) = if undo { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
        let Some(change) = from.pop() else { return };
        let mut plan = (*self.plan).clone();
        if let Ok(done) = edit::apply(&mut plan, change, crate::today()) {
            to.push(done.undo);
            self.plan = Rc::new(plan);
            self.changed = done.changed;
            self.selection = self.selection.filter(|s| s.exists(&self.plan));
        }
        self.typing = None;
        self.refused = None;
        self.what_if = None;
    }
}
