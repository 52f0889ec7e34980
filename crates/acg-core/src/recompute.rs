//! A plan's results kept between edits: the report, the latest matrix, the replica recommendations, the
//! estimate and its projection, recomputed after an edit only where the edit can change them.
//!
//! [`Results::full`] computes everything and remembers the part each definition contributes (its issues, its
//! versions' issues, its matrix cells, recommendations, estimate lines, notes, subtotals and the template of
//! its future releases in the projection).
//! [`Results::update`] takes the [`Changed`] of an [`crate::edit::apply`] and recomputes the parts of the one
//! definition it names, the gallery-wide and plan-wide checks (uniqueness, quotas, hints) and the totals
//! (re-summed from the definitions' subtotals); an edit of a gallery, of the list of galleries or definitions,
//! of the settings or of the whole document recomputes everything. Either way the results are exactly what
//! [`crate::validate::validate`], [`crate::latest::latest_matrix`], [`crate::replicas::recommend_plan`] and
//! [`crate::billing::estimate_plan`] and [`crate::billing::project`] return for the plan (a property test holds
//! them to it).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::address::At;
use crate::billing::{
    Estimate, Line, PriceBook, PriceCache, Projection, Subtotal, Template, definition_template, estimate_definition,
    estimate_one_version, from_templates, line_capacity, totals_of,
};
use crate::edit::Changed;
use crate::latest::{MatrixCell, definition_cells};
use crate::model::{Counts, DefinitionCounts, Plan, Tally};
use crate::replicas::{RegionRecommendation, definition_recommendations};
use crate::report::{Issue, IssueIndex, Report};
use crate::validate::{
    PlanWideInputs, definition_has_unknowns, definition_issues, gallery_wide_issues, plan_wide_inputs,
    plan_wide_issues, validate_in_parts,
};

/// Every result of a plan, kept so that an edit recomputes only what it can change.
#[derive(Debug, Clone)]
pub struct Results {
    report: Report,
    /// Where the report's issues are.
    index: IssueIndex,
    matrix: Vec<MatrixCell>,
    recommendations: Vec<RegionRecommendation>,
    estimate: Estimate,
    /// The 12-month projection under the plan's billing settings, assembled from the definitions' templates.
    projection: Projection,
    today: NaiveDate,
    /// What each gallery and definition contributes, in plan order.
    galleries: Vec<GalleryPart>,
    /// The report is its parts as they are (no "cannot check" infos replaced issues).
    exact_report: bool,
    /// The issues of the plan-wide checks, the report's last.
    plan_wide: usize,
    /// The definitions' counts summed (versions, distinct regions, replicas).
    tally: Tally,
    /// No two definitions have a version subtotal of the same key (`gallery/definition/version`): then each of
    /// `estimate.by_version` is one definition's.
    unique_versions: bool,
}

#[derive(Debug, Clone, Default)]
struct GalleryPart {
    /// The gallery's own issues (before its definitions').
    head: usize,
    definitions: Vec<DefinitionPart>,
    /// The gallery-wide checks' issues (after its definitions').
    wide: usize,
}

/// What one definition contributes: counts of its items in each result, and its estimate's totals.
#[derive(Debug, Clone, Default)]
struct DefinitionPart {
    issues: usize,
    cells: usize,
    recommendations: usize,
    lines: usize,
    notes: usize,
    storage_gb_months: Decimal,
    storage_monthly: Decimal,
    egress_gb: Decimal,
    egress_one_time: Decimal,
    estimated: bool,
    by_region: Vec<Subtotal>,
    by_version: Vec<Subtotal>,
    /// What the definition's future releases cost in the projection.
    template: Template,
    /// Its versions, their replicas and regions.
    counts: DefinitionCounts,
    /// Where each version's estimate lines and notes end among the definition's.
    version_ends: Vec<(usize, usize)>,
    /// What the plan-wide checks read of it, as of its last update (`None` until an edit of it: not made by
    /// [`Results::full`], which the load and import wait for).
    plan_wide_inputs: Option<PlanWideInputs>,
}

/// What an edit can have changed.
enum Scope {
    Nothing,
    /// A definition; when `Some`, only this version of it (and its target regions).
    Definition(usize, usize, Option<usize>),
    Everything,
}

impl Scope {
    fn of(changed: &Changed) -> Self {
        match changed {
            Changed::Nothing => Scope::Nothing,
            Changed::Resource(at) | Changed::Children(Some(at)) => match *at {
                At::Definition(g, d) => Scope::Definition(g, d, None),
                At::Version(g, d, v) | At::TargetRegion(g, d, v, _) => Scope::Definition(g, d, Some(v)),
                At::Gallery(_) => Scope::Everything,
            },
            Changed::Children(None) | Changed::Settings | Changed::Document => Scope::Everything,
        }
    }
}

impl Results {
    /// Computes every result of `plan`, priced by `book` (the plan's own, [`crate::billing::plan_book`]), as
    /// of `today`.
    pub fn full(plan: &Plan, book: &PriceBook, today: NaiveDate) -> Self {
        let (report, parts) = validate_in_parts(plan, today);
        let mut galleries: Vec<GalleryPart> = Vec::with_capacity(plan.galleries.len());
        let mut start = 0;
        for (head, definitions, end) in &parts.galleries {
            let mut part = GalleryPart { head: head - start, definitions: Vec::new(), wide: 0 };
            let mut at = *head;
            for &d_end in definitions {
                part.definitions.push(DefinitionPart { issues: d_end - at, ..DefinitionPart::default() });
                at = d_end;
            }
            part.wide = end - at;
            start = *end;
            galleries.push(part);
        }
        let plan_wide = report.issues.len().saturating_sub(start);
        let mut matrix = Vec::new();
        let mut recommendations = Vec::new();
        let mut lines = Vec::with_capacity(line_capacity(plan));
        let mut notes = Vec::new();
        let mut prices = PriceCache::default();
        let mut tally = Tally::default();
        for (gi, g) in plan.galleries.iter().enumerate() {
            for (di, d) in g.images.iter().enumerate() {
                let Some(part) = galleries.get_mut(gi).and_then(|p| p.definitions.get_mut(di)) else { continue };
                part.counts = DefinitionCounts::of(d);
                tally.add(&part.counts);
                let before = matrix.len();
                definition_cells(gi, di, g, d, &mut matrix);
                part.cells = matrix.len() - before;
                let before = recommendations.len();
                definition_recommendations(plan, gi, di, plan.replica_policy, &mut recommendations);
                part.recommendations = recommendations.len() - before;
                part.template = definition_template(plan, g, d, book);
                if let Some((e, ends)) = estimate_definition(plan, gi, di, book, &mut prices) {
                    part.version_ends = ends;
                    part.lines = e.lines.len();
                    part.notes = e.notes.len();
                    let (l, n) = part.take_estimate(e);
                    lines.extend(l);
                    notes.extend(n);
                }
            }
        }
        let mut results = Results {
            index: IssueIndex::new(&report),
            report,
            matrix,
            recommendations,
            estimate: Estimate { lines, notes, ..empty_estimate(book) },
            projection: from_templates(&[], &book.currency, &settings(plan)),
            today,
            galleries,
            exact_report: parts.exact,
            plan_wide,
            tally,
            unique_versions: false,
        };
        results.sum_versions();
        results.sum_totals();
        results.sum_projection(plan, book);
        results
    }

    /// The results after `plan` was edited: `changed` is what [`crate::edit::apply`] said of the edit that made
    /// `plan` from the plan these results are of (a sequence of edits: call once per edit). `book` and `today`
    /// are as for [`Results::full`]; a different `today` recomputes everything.
    pub fn update(&mut self, plan: &Plan, book: &PriceBook, today: NaiveDate, changed: &Changed) {
        let same_shape = self.galleries.len() == plan.galleries.len()
            && self.galleries.iter().zip(&plan.galleries).all(|(p, g)| p.definitions.len() == g.images.len());
        match Scope::of(changed) {
            Scope::Nothing if same_shape && today == self.today => {}
            Scope::Definition(gi, di, vi) if same_shape && today == self.today && gi < plan.galleries.len() => {
                self.update_definition(plan, book, (gi, di), vi);
            }
            _ => *self = Results::full(plan, book, today),
        }
    }

    /// The validation report ([`crate::validate::validate`]).
    pub fn report(&self) -> &Report {
        &self.report
    }
    /// Where the report's issues are ([`IssueIndex`]: by field path, by resource, counts under a resource).
    pub fn issues(&self) -> &IssueIndex {
        &self.index
    }
    /// The latest matrix ([`crate::latest::latest_matrix`]).
    pub fn matrix(&self) -> &[MatrixCell] {
        &self.matrix
    }
    /// The replica recommendations under the plan's settings ([`crate::replicas::recommend_plan`]).
    pub fn recommendations(&self) -> &[RegionRecommendation] {
        &self.recommendations
    }
    /// The estimate ([`crate::billing::estimate_plan`]).
    pub fn estimate(&self) -> &Estimate {
        &self.estimate
    }
    /// The plan's versions, distinct target regions and replicas ([`Plan::counts`]).
    pub fn counts(&self) -> Counts {
        self.tally.counts()
    }
    /// The projection under the plan's billing settings ([`crate::billing::project`] with the plan's
    /// `billing`, or the defaults).
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// Recomputes definition `di` of gallery `gi`; when `version` is known to be the only one of its versions
    /// that changed, its estimate is only that version's, anew.
    fn update_definition(&mut self, plan: &Plan, book: &PriceBook, (gi, di): (usize, usize), version: Option<usize>) {
        let (Some(g), Some(d)) = (plan.galleries.get(gi), plan.galleries.get(gi).and_then(|g| g.images.get(di))) else {
            *self = Results::full(plan, book, self.today);
            return;
        };
        // Where the definition's items start in each result.
        let mut at = DefinitionPart::default();
        let mut report_at = 0;
        for (pi, part) in self.galleries.iter().enumerate().take(gi + 1) {
            report_at += part.head;
            for (pd, def) in part.definitions.iter().enumerate() {
                if pi == gi && pd == di {
                    break;
                }
                report_at += def.issues;
                at.cells += def.cells;
                at.recommendations += def.recommendations;
                at.lines += def.lines;
                at.notes += def.notes;
            }
            if pi < gi {
                report_at += part.wide;
            }
        }
        let Some(old) = self.galleries.get(gi).and_then(|p| p.definitions.get(di)).cloned() else {
            *self = Results::full(plan, book, self.today);
            return;
        };
        let mut new = DefinitionPart::default();

        // The report: the definition's issues, its gallery's gallery-wide checks, the plan-wide checks. An exact
        // report is of a plan without unknowns, and the edit changed this definition alone: the plan has none
        // when the definition has none.
        if self.exact_report && !definition_has_unknowns(d) {
            let issues = definition_issues(plan, self.today, gi, di).unwrap_or_default();
            new.issues = issues.len();
            self.splice_issues(report_at, old.issues, issues);
            let wide_start = report_at
                + new.issues
                + self.galleries[gi].definitions.iter().skip(di + 1).map(|p| p.issues).sum::<usize>();
            let wide = gallery_wide_issues(plan, self.today, gi).unwrap_or_default();
            let old_wide = self.galleries[gi].wide;
            self.galleries[gi].wide = wide.len();
            self.splice_issues(wide_start, old_wide, wide);
            // The plan-wide checks, unless the edit left what they read of this definition as it was.
            let inputs = plan_wide_inputs(g, d);
            if old.plan_wide_inputs.as_ref() != Some(&inputs) {
                let plan_wide = plan_wide_issues(plan, self.today);
                let tail = self.report.issues.len().saturating_sub(self.plan_wide);
                self.plan_wide = plan_wide.len();
                self.splice_issues(tail, self.report.issues.len() - tail, plan_wide);
            }
            new.plan_wide_inputs = Some(inputs);
        } else {
            let today = self.today;
            *self = Results::full(plan, book, today);
            return;
        }

        let mut cells = Vec::new();
        definition_cells(gi, di, g, d, &mut cells);
        new.cells = cells.len();
        self.matrix.splice(at.cells..at.cells + old.cells, cells);

        let mut recommendations = Vec::new();
        definition_recommendations(plan, gi, di, plan.replica_policy, &mut recommendations);
        new.recommendations = recommendations.len();
        self.recommendations.splice(at.recommendations..at.recommendations + old.recommendations, recommendations);

        if !self.update_version_estimate(plan, book, &at, (gi, di, version), &old, &mut new) {
            let (e, ends) = estimate_definition(plan, gi, di, book, &mut PriceCache::default())
                .unwrap_or_else(|| (empty_estimate(book), Vec::new()));
            new.version_ends = ends;
            new.lines = e.lines.len();
            new.notes = e.notes.len();
            let (lines, notes) = new.take_estimate(e);
            self.estimate.lines.splice(at.lines..at.lines + old.lines, lines);
            self.estimate.notes.splice(at.notes..at.notes + old.notes, notes);
        }

        new.template = definition_template(plan, g, d, book);
        new.counts = DefinitionCounts::of(d);
        self.tally.remove(&old.counts);
        self.tally.add(&new.counts);

        let swapped =
            self.unique_versions && replace_versions(&mut self.estimate.by_version, &old.by_version, &new.by_version);
        self.galleries[gi].definitions[di] = new;
        if !swapped {
            self.sum_versions();
        }
        self.sum_totals();
        self.sum_projection(plan, book);
    }

    /// The estimate of a definition where one version changed: that version's lines and notes anew, spliced
    /// among the definition's (which start at `at`), and the definition's totals summed again from its lines.
    /// `false`, with nothing changed, when no single version is known to have changed (or the definition's
    /// versions are not those of `old`).
    fn update_version_estimate(
        &mut self,
        plan: &Plan,
        book: &PriceBook,
        at: &DefinitionPart,
        (gi, di, version): (usize, usize, Option<usize>),
        old: &DefinitionPart,
        new: &mut DefinitionPart,
    ) -> bool {
        let Some(vi) = version else { return false };
        let versions = plan.galleries.get(gi).and_then(|g| g.images.get(di)).map_or(0, |d| d.versions.len());
        if versions != old.version_ends.len() {
            return false;
        }
        let Some(&(line_end, note_end)) = old.version_ends.get(vi) else { return false };
        let (line_start, note_start) = if vi == 0 { (0, 0) } else { old.version_ends[vi - 1] };
        let Some((lines, notes)) = estimate_one_version(plan, (gi, di, vi), book, &mut PriceCache::default()) else {
            return false;
        };
        let (added_lines, added_notes) = (lines.len(), notes.len());
        let line_at = at.lines + line_start;
        let note_at = at.notes + note_start;
        self.estimate.lines.splice(line_at..at.lines + line_end, lines);
        self.estimate.notes.splice(note_at..at.notes + note_end, notes);
        new.version_ends = old
            .version_ends
            .iter()
            .enumerate()
            .map(|(k, &(l, n))| {
                if k < vi {
                    (l, n)
                } else {
                    (l - (line_end - line_start) + added_lines, n - (note_end - note_start) + added_notes)
                }
            })
            .collect();
        new.lines = old.lines - (line_end - line_start) + added_lines;
        new.notes = old.notes - (note_end - note_start) + added_notes;
        let totals = totals_of(book, &self.estimate.lines[at.lines..at.lines + new.lines]);
        new.take_estimate(totals);
        true
    }

    /// The projection, from the definitions' templates (a few per definition: cheap to redo after an edit).
    fn sum_projection(&mut self, plan: &Plan, book: &PriceBook) {
        let templates: Vec<&Template> =
            self.galleries.iter().flat_map(|g| &g.definitions).map(|p| &p.template).collect();
        self.projection = from_templates(&templates, &book.currency, &settings(plan));
    }

    /// Replaces `len` issues of the report from `at` by `issues`, and their places in the index.
    fn splice_issues(&mut self, at: usize, len: usize, issues: Vec<Issue>) {
        let end = (at + len).min(self.report.issues.len());
        let at = at.min(end);
        self.index.splice(at, &self.report.issues[at..end], &issues);
        self.report.issues.splice(at..end, issues);
    }

    /// The estimate's totals and region subtotals, summed from the definitions'.
    fn sum_totals(&mut self) {
        let e = &mut self.estimate;
        e.storage_gb_months = Decimal::ZERO;
        e.storage_monthly = Decimal::ZERO;
        e.egress_gb = Decimal::ZERO;
        e.egress_one_time = Decimal::ZERO;
        e.estimated = false;
        let mut regions: Vec<&Subtotal> = Vec::new();
        for p in self.galleries.iter().flat_map(|g| &g.definitions) {
            e.storage_gb_months += p.storage_gb_months;
            e.storage_monthly += p.storage_monthly;
            e.egress_gb += p.egress_gb;
            e.egress_one_time += p.egress_one_time;
            e.estimated |= p.estimated;
            regions.extend(&p.by_region);
        }
        e.by_region = merge(regions).0;
    }

    /// The version subtotals, merged from the definitions'.
    fn sum_versions(&mut self) {
        let rows: Vec<&Subtotal> =
            self.galleries.iter().flat_map(|g| &g.definitions).flat_map(|p| &p.by_version).collect();
        let (merged, unique) = merge(rows);
        self.estimate.by_version = merged;
        self.unique_versions = unique;
    }
}

impl DefinitionPart {
    /// Keeps an estimate's totals and subtotals, returns its lines and notes.
    fn take_estimate(&mut self, e: Estimate) -> (Vec<Line>, Vec<String>) {
        self.storage_gb_months = e.storage_gb_months;
        self.storage_monthly = e.storage_monthly;
        self.egress_gb = e.egress_gb;
        self.egress_one_time = e.egress_one_time;
        self.estimated = e.estimated;
        self.by_region = e.by_region;
        self.by_version = e.by_version;
        (e.lines, e.notes)
    }
}

/// Subtotals sorted by key, those of one key summed (as [`Estimate`]'s are), and whether no key repeated.
fn merge(mut rows: Vec<&Subtotal>) -> (Vec<Subtotal>, bool) {
    if !rows.is_sorted_by(|a, b| a.key < b.key) {
        rows.sort_by(|a, b| a.key.cmp(&b.key));
    }
    let mut unique = true;
    let mut out: Vec<Subtotal> = Vec::with_capacity(rows.len());
    for row in rows {
        match out.last_mut() {
            Some(last) if last.key == row.key => {
                unique = false;
                last.storage_monthly += row.storage_monthly;
                last.egress_one_time += row.egress_one_time;
            }
            _ => out.push(row.clone()),
        }
    }
    (out, unique)
}

/// Replaces one definition's version subtotals in `merged` (where no key repeats, so each row is one
/// definition's): `false`, leaving `merged` as it may be, when a key is missing or would repeat. `old` and
/// `new` are sorted by key; a key in both is replaced where it is (a renamed version moves one row).
fn replace_versions(merged: &mut Vec<Subtotal>, old: &[Subtotal], new: &[Subtotal]) -> bool {
    let find = |merged: &[Subtotal], key: &str| merged.binary_search_by(|s| s.key.as_str().cmp(key));
    let (mut o, mut n) = (old.iter().peekable(), new.iter().peekable());
    loop {
        let ordering = match (o.peek(), n.peek()) {
            (None, None) => return true,
            (Some(a), Some(b)) => a.key.cmp(&b.key),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
        };
        match ordering {
            std::cmp::Ordering::Equal => {
                let (Some(_), Some(row)) = (o.next(), n.next()) else { return false };
                let Ok(i) = find(merged, &row.key) else { return false };
                merged[i].clone_from(row);
            }
            std::cmp::Ordering::Less => {
                let Some(row) = o.next() else { return false };
                let Ok(i) = find(merged, &row.key) else { return false };
                merged.remove(i);
            }
            std::cmp::Ordering::Greater => {
                let Some(row) = n.next() else { return false };
                let Err(i) = find(merged, &row.key) else { return false };
                merged.insert(i, row.clone());
            }
        }
    }
}

/// The plan's billing settings, as the projection reads them.
fn settings(plan: &Plan) -> crate::billing::BillingSettings {
    plan.billing.clone().unwrap_or_default()
}

fn empty_estimate(book: &PriceBook) -> Estimate {
    Estimate {
        currency: book.currency.clone(),
        storage_gb_months: Decimal::ZERO,
        storage_monthly: Decimal::ZERO,
        egress_gb: Decimal::ZERO,
        egress_one_time: Decimal::ZERO,
        estimated: false,
        lines: Vec::new(),
        by_region: Vec::new(),
        by_version: Vec::new(),
        notes: Vec::new(),
        price_origin: book.origin.clone(),
    }
}

#[cfg(test)]
mod tests;
