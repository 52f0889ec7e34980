//! Estimates: one version, a whole plan, a quick what-if; the CSV of an estimate; comparing two estimates.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{PriceBook, Quote, format_money, meter_for};
use crate::address::At;
use crate::model::{
    ApiVersion, Gallery, ImageDefinition, ImageVersion, OccupiedSize, Plan, PublishingProfile, StorageAccountType,
    TargetRegion,
};
use crate::region::RegionName;

/// What a line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Category {
    /// Replica snapshots, per month.
    Storage,
    /// The first copy to a region, once.
    Egress,
}

impl Category {
    /// `storage` or `egress`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Storage => "storage",
            Category::Egress => "egress",
        }
    }
}

/// How a line's amount was reached: the parts of its formula that are not already fields of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// `replicas` replicas of `occupied` GB each at the snapshot price of `storage`.
    Storage {
        /// Replicas in the region.
        replicas: i64,
        /// The version's occupied size in GB.
        occupied: Decimal,
        /// The storage account type the replicas use.
        storage: StorageAccountType,
    },
    /// The first copy to the line's region, from `from` (programmatic name).
    Egress {
        /// The source region.
        from: Arc<str>,
    },
    /// Shallow replication stores no replica snapshots.
    Shallow,
    /// No price was found: the line counts nothing.
    Missing,
}

/// One line item: one version, one region, one category.
///
/// Lines are many (one per version, region and category: about 114,000 in a 10,000-version plan), so they
/// share their texts (`Arc<str>`) and write their formula only when asked ([`Line::formula`], and when
/// serialized, where `formula` and `unit` appear as fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// `gallery/definition/version`.
    pub version: Arc<str>,
    /// Where the version is in the plan (none for a version outside a plan: a what-if, a replica's cost). Not
    /// serialized: the JSON names a version by `version`.
    pub at: Option<At>,
    /// Region (programmatic name).
    pub region: Arc<str>,
    /// Storage (monthly) or egress (one-time).
    pub category: Category,
    /// GB-months (storage) or GB (egress).
    pub quantity: Decimal,
    /// Price per unit.
    pub unit_price: Decimal,
    /// The amount.
    pub amount: Decimal,
    /// Whether the price is an estimate.
    pub estimated: bool,
    /// Where the price comes from, or why it is estimated (or, for a missing price, why it is missing).
    pub note: Arc<str>,
    /// The parts of the formula.
    pub basis: Basis,
    /// The currency of the amounts.
    pub currency: Arc<str>,
}

impl Line {
    /// The unit of the quantity: `GB-month` (storage) or `GB` (egress).
    pub fn unit(&self) -> &'static str {
        match self.category {
            Category::Storage => "GB-month",
            Category::Egress => "GB",
        }
    }

    /// The formula in words and numbers: `2 replicas x 10 GB x $0.05 (Standard_LRS) = $1.00 / month`.
    pub fn formula(&self) -> String {
        let money = |amount: Decimal| format_money(amount, &self.currency);
        match &self.basis {
            Basis::Storage { replicas, occupied, storage } => format!(
                "{replicas} replica{} x {occupied} GB x {} ({storage}) = {} / month",
                if *replicas == 1 { "" } else { "s" },
                money(self.unit_price),
                money(self.amount)
            ),
            Basis::Egress { from } => format!(
                "{} GB x {} ({from} to {}) = {} once",
                self.quantity,
                money(self.unit_price),
                self.region,
                money(self.amount)
            ),
            Basis::Shallow => {
                "shallow replication: no replica snapshots (our inference; the source itself is billed where it is)"
                    .to_owned()
            }
            Basis::Missing => format!("{}: not counted", self.note),
        }
    }
}

impl Serialize for Line {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        /// A GB figure as a JSON number, as `rust_decimal::serde::float` writes it.
        struct AsFloat(Decimal);
        impl Serialize for AsFloat {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                rust_decimal::serde::float::serialize(&self.0, serializer)
            }
        }
        let mut s = serializer.serialize_struct("Line", 10)?;
        s.serialize_field("version", &*self.version)?;
        s.serialize_field("region", &*self.region)?;
        s.serialize_field("category", &self.category)?;
        s.serialize_field("quantity", &AsFloat(self.quantity))?;
        s.serialize_field("unit", self.unit())?;
        s.serialize_field("unitPrice", &self.unit_price)?;
        s.serialize_field("amount", &self.amount)?;
        s.serialize_field("formula", &self.formula())?;
        s.serialize_field("estimated", &self.estimated)?;
        s.serialize_field("note", &*self.note)?;
        s.end()
    }
}

/// Totals for one key (a region or a version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subtotal {
    /// The region or version.
    pub key: String,
    /// Where the version is in the plan (the first of its key's, when two versions share one; none for a
    /// region). Not serialized.
    #[serde(skip)]
    pub at: Option<At>,
    /// Monthly storage.
    pub storage_monthly: Decimal,
    /// One-time egress.
    pub egress_one_time: Decimal,
}

/// An estimate with its line items and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    /// Currency of every amount.
    pub currency: String,
    /// Snapshot storage in GB-months per month.
    #[serde(with = "rust_decimal::serde::float")]
    pub storage_gb_months: Decimal,
    /// Storage per month.
    pub storage_monthly: Decimal,
    /// GB copied across regions, once.
    #[serde(with = "rust_decimal::serde::float")]
    pub egress_gb: Decimal,
    /// Egress, once.
    pub egress_one_time: Decimal,
    /// Whether any price is an estimate.
    pub estimated: bool,
    /// One line per version, region and category.
    pub lines: Vec<Line>,
    /// Totals per region.
    pub by_region: Vec<Subtotal>,
    /// Totals per version.
    pub by_version: Vec<Subtotal>,
    /// Notes: versions skipped, inferences used.
    pub notes: Vec<String>,
    /// Where the prices come from.
    pub price_origin: String,
}

impl Estimate {
    /// The estimate without its line items (totals, subtotals, notes and origin kept): what a comparison
    /// reads. Every field is named, so a new one cannot be left out of the copy.
    #[must_use]
    pub fn without_lines(&self) -> Estimate {
        let Estimate {
            currency,
            storage_gb_months,
            storage_monthly,
            egress_gb,
            egress_one_time,
            estimated,
            lines: _,
            by_region,
            by_version,
            notes,
            price_origin,
        } = self;
        Estimate {
            currency: currency.clone(),
            storage_gb_months: *storage_gb_months,
            storage_monthly: *storage_monthly,
            egress_gb: *egress_gb,
            egress_one_time: *egress_one_time,
            estimated: *estimated,
            lines: Vec::new(),
            by_region: by_region.clone(),
            by_version: by_version.clone(),
            notes: notes.clone(),
            price_origin: price_origin.clone(),
        }
    }
}

/// Converts a GB figure from the model exactly (through its shortest decimal form); negative or non-finite
/// values are `None`.
pub(crate) fn gb(value: f64) -> Option<Decimal> {
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    // Most sizes have at most two decimals (8, 36.5, 127.25): their shortest decimal form is n / 10^k for the
    // smallest k whose n gives the value back (below 1e9 one n at most does), found without writing the
    // number out, which was a tenth of the estimate of a large plan.
    if value.is_sign_positive() && value < 1e9 {
        let mut scale = 1.0;
        for k in 0..=2 {
            let n = (value * scale).round();
            if (n / scale).to_bits() == value.to_bits() {
                #[allow(clippy::cast_possible_truncation, reason = "n is a whole number below 1e11")]
                return Some(Decimal::new(n as i64, k).normalize());
            }
            scale *= 10.0;
        }
    }
    Decimal::from_str(&value.to_string()).ok().or_else(|| Decimal::from_f64_retain(value)).map(|d| d.normalize())
}

/// A price as lines use it.
#[derive(Clone)]
struct Priced {
    amount: Decimal,
    estimated: bool,
    note: Arc<str>,
}

impl Priced {
    fn new(q: Quote, inference: Option<&str>) -> Self {
        let note = match inference {
            Some(i) => format!("{}; {i}", q.note),
            None => q.note,
        };
        Self { amount: q.amount, estimated: q.estimated || inference.is_some(), note: note.into() }
    }
}

/// What a plan asks of the price book for one region (it asks for the same few prices thousands of times).
struct RegionPrices {
    /// The region's programmatic name, shared by every line in it.
    name: Arc<str>,
    /// Snapshot prices by [`storage_slot`], each asked of the book once.
    snapshot: [OnceCell<Option<Priced>>; 4],
    /// Transfer prices into this region, by source region.
    transfer: Vec<(RegionName, Option<Priced>)>,
}

/// The snapshot meter and inference depend only on this slot of the storage type.
fn storage_slot(storage: &StorageAccountType) -> usize {
    match storage {
        StorageAccountType::StandardLrs | StorageAccountType::Unknown(_) => 0,
        StorageAccountType::StandardZrs => 1,
        StorageAccountType::PremiumLrs => 2,
        StorageAccountType::PremiumV2Lrs => 3,
    }
}

/// The prices asked of one book, each asked once: a [`Builder`]'s, and kept across the definitions of
/// [`crate::recompute::Results::full`] (a region's fallback price takes a scan of the book, which 50 builders
/// made 50 times). Only ever used with the book it was filled from.
#[derive(Default)]
pub(crate) struct PriceCache {
    /// Prices asked for, by the region's catalog index ([`RegionName::catalog_index`]).
    known: Vec<Option<RegionPrices>>,
    /// Prices asked for regions outside the catalog (rare: the plan has an error there).
    unknown: HashMap<Box<str>, RegionPrices>,
}

pub(super) struct Builder<'a> {
    book: &'a PriceBook,
    currency: Arc<str>,
    pub(super) lines: Vec<Line>,
    notes: Vec<String>,
    cache: PriceCache,
    totals: Totals,
}

/// The totals of a builder's lines, added up as each line is pushed, while it is at hand: a second pass over a
/// hundred thousand lines of the L plan read them all from memory again.
#[derive(Default)]
struct Totals {
    storage_gb_months: Decimal,
    storage_monthly: Decimal,
    egress_gb: Decimal,
    egress_one_time: Decimal,
    estimated: bool,
    /// Runs of one version's lines (they are adjacent): the run's first line, its `at`, storage, egress.
    by_version: Vec<(usize, Option<At>, Decimal, Decimal)>,
    /// Per region: its first line, storage, egress.
    by_region: Vec<(usize, Decimal, Decimal)>,
    /// Where a region of the catalog is in `by_region`, by its catalog index.
    region_row: Vec<Option<usize>>,
}

/// Adds `amount` to a subtotal's storage or egress column, and does to the other what adding `Decimal::ZERO`
/// would: a zero becomes the plain zero (`0.00 + 0` is `0`), any other value stays.
fn add_to((storage_col, egress_col): (&mut Decimal, &mut Decimal), storage: bool, amount: Decimal) {
    let (own, other) = if storage { (storage_col, egress_col) } else { (egress_col, storage_col) };
    *own += amount;
    if other.is_zero() {
        *other = Decimal::ZERO;
    }
}

impl Totals {
    /// Counts `lines[n]` in the totals; `catalog` is its region's catalog index when known (a region without
    /// one is found by a scan of the rows, by its name).
    fn add(&mut self, lines: &[Line], n: usize, catalog: Option<usize>) {
        let totals = self;
        let Some(line) = lines.get(n) else { return };
        let storage = line.category == Category::Storage;
        if storage {
            totals.storage_gb_months += line.quantity;
            totals.storage_monthly += line.amount;
        } else {
            totals.egress_gb += line.quantity;
            totals.egress_one_time += line.amount;
        }
        totals.estimated |= line.estimated;
        let first = |row: usize| lines.get(row);
        let add = |columns: (&mut Decimal, &mut Decimal)| add_to(columns, storage, line.amount);
        match totals.by_version.last_mut() {
            Some(last)
                if first(last.0)
                    .is_some_and(|f| Arc::ptr_eq(&f.version, &line.version) || f.version == line.version) =>
            {
                add((&mut last.2, &mut last.3));
            }
            _ => {
                let (s, e) = if storage { (line.amount, Decimal::ZERO) } else { (Decimal::ZERO, line.amount) };
                totals.by_version.push((n, line.at, s, e));
            }
        }
        // A region's lines share its name (one `Arc` per region in the cache): a region of the catalog is found
        // by its index, another (rare) by a scan.
        let row = match catalog {
            Some(index) => totals.region_row.get(index).copied().flatten(),
            None => totals.by_region.iter().position(|r| {
                first(r.0).is_some_and(|f| Arc::ptr_eq(&f.region, &line.region) || f.region == line.region)
            }),
        };
        if let Some(sums) = row.and_then(|r| totals.by_region.get_mut(r)) {
            add((&mut sums.1, &mut sums.2));
        } else {
            if let Some(index) = catalog {
                if totals.region_row.len() <= index {
                    totals.region_row.resize(index + 1, None);
                }
                totals.region_row[index] = Some(totals.by_region.len());
            }
            let (s, e) = if storage { (line.amount, Decimal::ZERO) } else { (Decimal::ZERO, line.amount) };
            totals.by_region.push((n, s, e));
        }
    }

    /// The estimate these totals make of `lines` (the lines they were added from), without the lines and notes.
    fn sum(self, book: &PriceBook, lines: &[Line]) -> Estimate {
        let t = self;
        let by_version: Vec<(&Arc<str>, Option<At>, Decimal, Decimal)> =
            t.by_version.into_iter().filter_map(|(n, at, s, e)| Some((&lines.get(n)?.version, at, s, e))).collect();
        let by_region: Vec<(&Arc<str>, Option<At>, Decimal, Decimal)> =
            t.by_region.into_iter().filter_map(|(n, s, e)| Some((&lines.get(n)?.region, None, s, e))).collect();
        // Sorted stably: of the rows of one key, the first in plan order gives the subtotal its `at`.
        let subtotals = |mut rows: Vec<(&Arc<str>, Option<At>, Decimal, Decimal)>| -> Vec<Subtotal> {
            rows.sort_by(|a, b| a.0.cmp(b.0));
            let mut out: Vec<Subtotal> = Vec::with_capacity(rows.len());
            for (key, at, s, e) in rows {
                match out.last_mut() {
                    Some(last) if *last.key == **key => {
                        last.storage_monthly += s;
                        last.egress_one_time += e;
                    }
                    _ => out.push(Subtotal { key: key.to_string(), at, storage_monthly: s, egress_one_time: e }),
                }
            }
            out
        };
        let by_region = subtotals(by_region);
        let by_version = subtotals(by_version);
        Estimate {
            currency: book.currency.clone(),
            storage_gb_months: t.storage_gb_months,
            storage_monthly: t.storage_monthly,
            egress_gb: t.egress_gb,
            egress_one_time: t.egress_one_time,
            estimated: t.estimated,
            by_region,
            by_version,
            lines: Vec::new(),
            notes: Vec::new(),
            price_origin: book.origin.clone(),
        }
    }
}

impl<'a> Builder<'a> {
    pub(super) fn new(book: &'a PriceBook) -> Self {
        Self {
            book,
            currency: book.currency.as_str().into(),
            lines: Vec::new(),
            notes: Vec::new(),
            cache: PriceCache::default(),
            totals: Totals::default(),
        }
    }

    /// Adds a line in `region` (the line's) and counts it in the totals. A subtotal adds the line's amount to its
    /// category's column alone, and does to the other what adding `Decimal::ZERO` did (`Decimal` additions were
    /// a sixth of the instructions of a full recompute of L).
    fn push(&mut self, line: Line, region: &RegionName) {
        // Pushed first and read back: the line is copied once, into its place.
        let n = self.lines.len();
        self.lines.push(line);
        self.totals.add(&self.lines, n, region.catalog_index());
    }

    fn region(&mut self, region: &RegionName) -> &mut RegionPrices {
        let fresh = || RegionPrices { name: region.key().into(), snapshot: Default::default(), transfer: Vec::new() };
        match region.catalog_index() {
            Some(i) => {
                let known = &mut self.cache.known;
                if known.len() <= i {
                    known.resize_with(i + 1, || None);
                }
                known[i].get_or_insert_with(fresh)
            }
            None => self.cache.unknown.entry(region.key().into()).or_insert_with(fresh),
        }
    }

    fn snapshot(&mut self, region: &RegionName, storage: &StorageAccountType) -> Option<Priced> {
        let book = self.book;
        self.region(region).snapshot[storage_slot(storage)]
            .get_or_init(|| {
                let (tier, red, inference) = meter_for(storage);
                book.snapshot(region, tier, red).map(|q| Priced::new(q, inference))
            })
            .clone()
    }

    fn transfer(&mut self, from: &RegionName, to: &RegionName) -> Option<Priced> {
        let book = self.book;
        let r = self.region(to);
        if let Some((_, p)) = r.transfer.iter().find(|(k, _)| k == from) {
            return p.clone();
        }
        let p = book.transfer(from, to).map(|q| Priced::new(q, None));
        r.transfer.push((from.clone(), p.clone()));
        p
    }

    #[allow(clippy::too_many_arguments, reason = "the version, where it is, and how it is published")]
    pub(super) fn version_lines(
        &mut self,
        label: &Arc<str>,
        at: Option<At>,
        occupied: Decimal,
        source: &RegionName,
        profile: &PublishingProfile,
        api: &ApiVersion,
        version: &ImageVersion,
    ) {
        let shallow = version.is_shallow();
        let targets = &profile.target_regions;
        let from = self.region(source).name.clone();
        for (ti, t) in targets.iter().enumerate() {
            if targets[..ti].iter().any(|x| x.name == t.name) {
                continue;
            }
            let replicas = version.replicas_in(t).clamp(0, 100);
            let storage = version.effective_storage(t, api);
            let region = self.region(&t.name).name.clone();
            if shallow {
                self.push(
                    Line {
                        version: label.clone(),
                        at,
                        region,
                        category: Category::Storage,
                        quantity: Decimal::ZERO,
                        unit_price: Decimal::ZERO,
                        amount: Decimal::ZERO,
                        estimated: true,
                        note: "shallow replication skips copying the image".into(),
                        basis: Basis::Shallow,
                        currency: self.currency.clone(),
                    },
                    &t.name,
                );
                continue;
            }
            let quantity = Decimal::from(replicas) * occupied;
            if let Some(p) = self.snapshot(&t.name, &storage) {
                self.push(
                    Line {
                        version: label.clone(),
                        at,
                        region: region.clone(),
                        category: Category::Storage,
                        quantity,
                        unit_price: p.amount,
                        amount: quantity * p.amount,
                        estimated: p.estimated,
                        note: p.note,
                        basis: Basis::Storage { replicas, occupied, storage },
                        currency: self.currency.clone(),
                    },
                    &t.name,
                );
            } else {
                let (tier, red, _) = meter_for(&storage);
                let why = format!(
                    "no {} {} snapshot price for {} in {}",
                    tier.as_str(),
                    red.as_str(),
                    t.name,
                    self.book.currency
                );
                self.missing((label, at), (&region, &t.name), Category::Storage, quantity, why);
            }
            if t.name != *source {
                if let Some(p) = self.transfer(source, &t.name) {
                    self.push(
                        Line {
                            version: label.clone(),
                            at,
                            region,
                            category: Category::Egress,
                            quantity: occupied,
                            unit_price: p.amount,
                            amount: occupied * p.amount,
                            estimated: p.estimated,
                            note: p.note,
                            basis: Basis::Egress { from: from.clone() },
                            currency: self.currency.clone(),
                        },
                        &t.name,
                    );
                } else {
                    let why = format!("no transfer price from {source} to {} in {}", t.name, self.book.currency);
                    self.missing((label, at), (&region, &t.name), Category::Egress, occupied, why);
                }
            }
        }
    }

    fn missing(
        &mut self,
        (label, at): (&Arc<str>, Option<At>),
        (region, name): (&Arc<str>, &RegionName),
        category: Category,
        quantity: Decimal,
        why: String,
    ) {
        self.push(
            Line {
                version: label.clone(),
                at,
                region: region.clone(),
                category,
                quantity,
                unit_price: Decimal::ZERO,
                amount: Decimal::ZERO,
                estimated: true,
                note: why.into(),
                basis: Basis::Missing,
                currency: self.currency.clone(),
            },
            name,
        );
    }

    fn finish(self) -> Estimate {
        let mut e = self.totals.sum(self.book, &self.lines);
        e.lines = self.lines;
        e.notes = self.notes;
        e
    }
}

/// The totals and subtotals of `lines` (an [`Estimate`] of them without the lines and notes), added as
/// [`Builder::finish`] adds them: what [`crate::recompute`] sums again for a definition after one of its versions
/// was estimated anew.
pub(crate) fn totals_of(book: &PriceBook, lines: &[Line]) -> Estimate {
    let mut totals = Totals::default();
    for n in 0..lines.len() {
        totals.add(lines, n, None);
    }
    totals.sum(book, lines)
}

/// Estimates one version replicated from `source` (its location, or its gallery's).
pub fn estimate_version(
    label: &str,
    version: &ImageVersion,
    source: &RegionName,
    api: &ApiVersion,
    book: &PriceBook,
) -> Estimate {
    let mut b = Builder::new(book);
    match version.occupied_gb.as_ref().and_then(|o| gb(o.total())) {
        Some(occupied) => {
            b.version_lines(&label.into(), None, occupied, source, &version.publishing_profile, api, version);
        }
        None => b.notes.push(format!("{label}: no occupied size (occupiedGb) given, so it is not priced")),
    }
    b.finish()
}

/// Estimates every version of a plan as it stands.
pub fn estimate_plan(plan: &Plan, book: &PriceBook) -> Estimate {
    let mut b = Builder::new(book);
    // At most a storage and an egress line per target region: one allocation instead of growing (and copying)
    // a hundred thousand lines.
    b.lines.reserve_exact(line_capacity(plan));
    let mut label = String::new();
    for (gi, g) in plan.galleries.iter().enumerate() {
        for (di, d) in g.images.iter().enumerate() {
            b.definition_lines(plan, (gi, g), (di, d), &mut label);
        }
    }
    b.finish()
}

/// The most lines an estimate of the plan can have: a storage and an egress line per target region.
pub(crate) fn line_capacity(plan: &Plan) -> usize {
    let targets: usize = plan
        .galleries
        .iter()
        .flat_map(|g| &g.images)
        .flat_map(|d| &d.versions)
        .map(|v| v.publishing_profile.target_regions.len())
        .sum();
    2 * targets
}

/// The estimate of one definition's versions alone: its lines and notes as [`estimate_plan`] writes them, with
/// their totals (`None` when there is no such definition). [`crate::recompute`] keeps one per definition and
/// sums them. `cache` holds the prices already asked of `book` (and keeps those this definition asks).
///
/// With the estimate, where each version's lines and notes end in it (a version's are adjacent, in version
/// order), so that one version can be estimated anew alone ([`estimate_one_version`]).
pub(crate) fn estimate_definition(
    plan: &Plan,
    gi: usize,
    di: usize,
    book: &PriceBook,
    cache: &mut PriceCache,
) -> Option<(Estimate, Vec<(usize, usize)>)> {
    let g = plan.galleries.get(gi)?;
    let d = g.images.get(di)?;
    let mut b = Builder::new(book);
    b.cache = std::mem::take(cache);
    let ends = b.definition_lines(plan, (gi, g), (di, d), &mut String::new());
    *cache = std::mem::take(&mut b.cache);
    Some((b.finish(), ends))
}

/// The lines and notes of one version, as [`estimate_definition`] writes them for it (`None` when there is no
/// such version).
pub(crate) fn estimate_one_version(
    plan: &Plan,
    (gi, di, vi): (usize, usize, usize),
    book: &PriceBook,
    cache: &mut PriceCache,
) -> Option<(Vec<Line>, Vec<String>)> {
    let g = plan.galleries.get(gi)?;
    let d = g.images.get(di)?;
    let v = d.versions.get(vi)?;
    let mut b = Builder::new(book);
    b.cache = std::mem::take(cache);
    b.version_part(plan, (gi, g), (di, d), (vi, v), &mut String::new());
    *cache = std::mem::take(&mut b.cache);
    Some((b.lines, b.notes))
}

impl Builder<'_> {
    /// The lines (or notes) of every version of a definition, in order, and where each version's end (lines,
    /// notes); `label` is scratch space.
    fn definition_lines(
        &mut self,
        plan: &Plan,
        (gi, g): (usize, &Gallery),
        (di, d): (usize, &ImageDefinition),
        label: &mut String,
    ) -> Vec<(usize, usize)> {
        let mut ends = Vec::with_capacity(d.versions.len());
        for (vi, v) in d.versions.iter().enumerate() {
            self.version_part(plan, (gi, g), (di, d), (vi, v), label);
            ends.push((self.lines.len(), self.notes.len()));
        }
        ends
    }

    /// The lines (or note) of one version of a definition.
    fn version_part(
        &mut self,
        plan: &Plan,
        (gi, g): (usize, &Gallery),
        (di, d): (usize, &ImageDefinition),
        (vi, v): (usize, &ImageVersion),
        label: &mut String,
    ) {
        let def_loc = d.location.as_ref().unwrap_or(&g.location);
        label.clear();
        for (i, part) in [g.name.as_str(), d.name.as_str(), v.name.as_str()].into_iter().enumerate() {
            if i > 0 {
                label.push('/');
            }
            label.push_str(part);
        }
        let label: Arc<str> = Arc::from(label.as_str());
        match v.occupied_gb.as_ref().and_then(|o| gb(o.total())) {
            Some(occupied) => {
                self.version_lines(
                    &label,
                    Some(At::Version(gi, di, vi)),
                    occupied,
                    v.source_region(def_loc),
                    &v.publishing_profile,
                    &plan.api_version,
                    v,
                );
            }
            None => self.notes.push(format!("{label}: no occupied size (occupiedGb) given, so it is not priced")),
        }
    }
}

/// The one version of a what-if estimate: `occupied_gb` from `source` to `targets`.
pub fn what_if_version(name: &str, occupied_gb: f64, source: &RegionName, targets: &[TargetRegion]) -> ImageVersion {
    ImageVersion {
        name: name.to_owned(),
        location: Some(source.clone()),
        publishing_profile: PublishingProfile { target_regions: targets.to_vec(), ..PublishingProfile::default() },
        occupied_gb: Some(OccupiedSize { os_disk: occupied_gb, ..OccupiedSize::default() }),
        ..ImageVersion::default()
    }
}

/// A quick what-if: one version of `occupied_gb` from `source` to `targets` (the `az` target-region syntax
/// parsed by [`crate::target_regions::parse`]).
pub fn estimate_what_if(
    occupied_gb: f64,
    source: &RegionName,
    targets: &[TargetRegion],
    book: &PriceBook,
) -> Result<Estimate, String> {
    let occupied =
        gb(occupied_gb).ok_or_else(|| format!("occupied size {occupied_gb} GB must be a number of 0 or more"))?;
    let version = what_if_version("what-if", occupied_gb, source, targets);
    let mut b = Builder::new(book);
    if !targets.iter().any(|t| t.name == *source) {
        b.notes.push(format!("{source} (the source) is not among the target regions; Azure requires it (V1)."));
    }
    b.version_lines(
        &"what-if".into(),
        None,
        occupied,
        source,
        &version.publishing_profile,
        &ApiVersion::default(),
        &version,
    );
    Ok(b.finish())
}

/// The monthly storage of `replicas` replicas of a version in one region (what a replica recommendation
/// costs), priced like the version's other replicas there; `None` when the version has no occupied size.
pub fn replica_cost(
    version: &ImageVersion,
    region: &RegionName,
    replicas: i64,
    api: &ApiVersion,
    book: &PriceBook,
) -> Option<Line> {
    let occupied = version.occupied_gb.as_ref().and_then(|o| gb(o.total()))?;
    let mut target = version
        .target(region)
        .cloned()
        .unwrap_or_else(|| TargetRegion { name: region.clone(), ..TargetRegion::default() });
    target.regional_replica_count = Some(replicas);
    let storage = version.effective_storage(&target, api);
    target.storage_account_type = Some(storage);
    let single = ImageVersion {
        location: Some(region.clone()),
        publishing_profile: PublishingProfile {
            target_regions: vec![target],
            replication_mode: version.publishing_profile.replication_mode.clone(),
            ..PublishingProfile::default()
        },
        ..ImageVersion::default()
    };
    let mut b = Builder::new(book);
    b.version_lines(&version.name.as_str().into(), None, occupied, region, &single.publishing_profile, api, &single);
    b.lines.into_iter().next()
}

/// Money for a spreadsheet: exact, with at least two decimals.
fn cents(amount: Decimal) -> Decimal {
    let mut a = amount.normalize();
    if a.scale() < 2 {
        a.rescale(2);
    }
    a
}

/// The line items as CSV (RFC 4180), in the estimate's order.
pub fn to_csv(estimate: &Estimate) -> String {
    let q = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
    };
    let mut out = String::from("version,region,category,quantity,unit,unitPrice,currency,amount,estimated,formula\n");
    for l in &estimate.lines {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            q(&l.version),
            q(&l.region),
            l.category.as_str(),
            l.quantity.normalize(),
            l.unit(),
            l.unit_price.normalize(),
            q(&estimate.currency),
            cents(l.amount),
            l.estimated,
            q(&l.formula())
        );
    }
    out
}

/// The change of one key between two estimates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delta {
    /// The region, version or category.
    pub key: String,
    /// In the first estimate.
    pub before: Decimal,
    /// In the second.
    pub after: Decimal,
    /// `after - before`.
    pub delta: Decimal,
}

/// Two estimates side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The currency (both estimates must share it).
    pub currency: String,
    /// Monthly storage and one-time egress, before and after.
    pub by_category: Vec<Delta>,
    /// Monthly storage per region.
    pub by_region: Vec<Delta>,
    /// Monthly storage per version.
    pub by_version: Vec<Delta>,
}

/// Compares two estimates (plan A and plan B). Errors when their currencies differ.
pub fn compare(a: &Estimate, b: &Estimate) -> Result<Comparison, String> {
    if a.currency != b.currency {
        return Err(format!("the estimates are in different currencies ({} and {})", a.currency, b.currency));
    }
    let deltas = |x: &[Subtotal], y: &[Subtotal]| -> Vec<Delta> {
        let mut map: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
        for s in x {
            map.entry(&s.key).or_default().0 += s.storage_monthly;
        }
        for s in y {
            map.entry(&s.key).or_default().1 += s.storage_monthly;
        }
        map.into_iter()
            .map(|(k, (before, after))| Delta { key: k.to_owned(), before, after, delta: after - before })
            .collect()
    };
    Ok(Comparison {
        currency: a.currency.clone(),
        by_category: vec![
            Delta {
                key: "storageMonthly".to_owned(),
                before: a.storage_monthly,
                after: b.storage_monthly,
                delta: b.storage_monthly - a.storage_monthly,
            },
            Delta {
                key: "egressOneTime".to_owned(),
                before: a.egress_one_time,
                after: b.egress_one_time,
                delta: b.egress_one_time - a.egress_one_time,
            },
        ],
        by_region: deltas(&a.by_region, &b.by_region),
        by_version: deltas(&a.by_version, &b.by_version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::embedded;
    use crate::target_regions::parse;

    /// `add_to` against the two additions it stands for, scale included (the JSON writes it).
    #[test]
    fn adding_to_one_column_is_adding_zero_to_the_other() {
        let values = ["0", "0.00", "1.50", "-2.125", "0.000001", "7"];
        for a in values {
            for b in values {
                for amount in values {
                    for storage in [true, false] {
                        let (mut s, mut e) = (dec(a), dec(b));
                        add_to((&mut s, &mut e), storage, dec(amount));
                        let (mut ls, mut le) = (dec(a), dec(b));
                        if storage {
                            ls += dec(amount);
                            le += Decimal::ZERO;
                        } else {
                            ls += Decimal::ZERO;
                            le += dec(amount);
                        }
                        assert_eq!(
                            (s.to_string(), e.to_string()),
                            (ls.to_string(), le.to_string()),
                            "{a} {b} {amount}"
                        );
                    }
                }
            }
        }
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The docs' worked example: 127 GB OS disk with 10 GB used, empty 32 GB data disk; 3 regions x 2 replicas.
    fn docs_example() -> Plan {
        serde_json::from_value(serde_json::json!({
            "galleries": [{ "name": "g", "location": "eastus", "images": [{ "name": "d", "versions": [{
                "name": "1.0.0",
                "publishingProfile": { "targetRegions": [ {"name": "eastus"}, {"name": "eastus2"}, {"name": "centralus"} ], "replicaCount": 2, "storageAccountType": "Standard_LRS" },
                "storageProfile": { "osDiskImage": { "sizeInGB": 127 }, "dataDiskImages": [ { "lun": 0, "sizeInGB": 32 } ] },
                "occupiedGb": { "osDisk": 10, "dataDisks": [ { "lun": 0, "gb": 0 } ] }
            }]}]}]
        }))
        .unwrap()
    }

    #[test]
    fn the_docs_worked_example() {
        let e = estimate_plan(&docs_example(), &embedded());
        assert_eq!(e.storage_gb_months, dec("60"));
        assert_eq!(e.storage_monthly, dec("3.00"));
        assert_eq!(e.egress_gb, dec("20"));
        assert_eq!(e.egress_one_time, dec("0.40"));
        assert!(!e.estimated);
        assert_eq!(e.lines[0].formula(), "2 replicas x 10 GB x $0.05 (Standard_LRS) = $1.00 / month");
        assert_eq!(e.lines.iter().filter(|l| l.category == Category::Egress).count(), 2);
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["storageGbMonths"], 60.0);
        assert_eq!(json["storageMonthly"], "3.00");
        assert_eq!(json["egressGb"], 20.0);
        assert_eq!(json["currency"], "USD");
    }

    #[test]
    fn without_lines_keeps_every_total_and_drops_only_the_lines() {
        let e = estimate_plan(&docs_example(), &embedded());
        let kept = e.without_lines();
        assert!(kept.lines.is_empty());
        assert_eq!((kept.storage_monthly, kept.egress_one_time), (dec("3.00"), dec("0.40")));
        assert_eq!((kept.storage_gb_months, kept.egress_gb), (dec("60"), dec("20")));
        assert_eq!(kept.by_region.len(), 3);
        assert_eq!(kept.by_version.len(), 1);
        assert_eq!(Estimate { lines: e.lines.clone(), ..kept }, e);
    }

    #[test]
    fn lines_and_version_subtotals_carry_the_address_of_their_version() {
        let plan = crate::generate::plan(crate::generate::PlanSize::S, 7);
        let e = estimate_plan(&plan, &embedded());
        assert!(!e.lines.is_empty());
        let named = |at: Option<At>| {
            at.and_then(|a| a.names(&plan)).map(|names| names.join("/")).expect("a version of the plan")
        };
        for l in &e.lines {
            assert_eq!(named(l.at), *l.version);
        }
        for s in &e.by_version {
            assert_eq!(named(s.at), s.key);
        }
        assert!(e.by_region.iter().all(|s| s.at.is_none()));
        assert!(what_if(10.0, "eastus", "eastus westus2").lines.iter().all(|l| l.at.is_none()));
    }

    #[test]
    fn a_line_serializes_with_its_unit_and_formula() {
        let e = estimate_plan(&docs_example(), &embedded());
        let egress = e.lines.iter().find(|l| l.category == Category::Egress).unwrap();
        assert_eq!(
            serde_json::to_value(egress).unwrap(),
            serde_json::json!({
                "version": "g/d/1.0.0", "region": "eastus2", "category": "egress", "quantity": 10.0, "unit": "GB",
                "unitPrice": "0.02", "amount": "0.20", "formula": "10 GB x $0.02 (eastus to eastus2) = $0.20 once",
                "estimated": false, "note": egress.note.to_string()
            })
        );
    }

    fn what_if(gb: f64, source: &str, targets: &str) -> Estimate {
        estimate_what_if(gb, &RegionName::new(source), &parse(targets).unwrap(), &embedded()).unwrap()
    }

    #[test]
    fn storage_types_and_overrides() {
        let e = what_if(10.0, "eastus2", "eastus2=2=standard_zrs westus2=1=premium_lrs centralus=1");
        let by: Vec<(&str, String, bool)> = e
            .lines
            .iter()
            .filter(|l| l.category == Category::Storage)
            .map(|l| (&*l.region, l.amount.normalize().to_string(), l.estimated))
            .collect();
        assert_eq!(
            by,
            [("eastus2", "1".into(), false), ("westus2", "1.2".into(), true), ("centralus", "0.5".into(), false)]
        );
    }

    #[test]
    fn strategy_default_depends_on_api_version() {
        let mut p = docs_example();
        p.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap().publishing_profile.storage_account_type =
            None;
        let e = estimate_plan(&p, &embedded());
        assert!(e.lines[0].formula().contains("(Standard_ZRS)"), "2025-03-03 prefers ZRS where zones exist");
        p.api_version = ApiVersion::V2024_03_03;
        let e = estimate_plan(&p, &embedded());
        assert!(e.lines[0].formula().contains("(Standard_LRS)"));
    }

    #[test]
    fn fallback_priced_regions_are_estimated() {
        let e = what_if(10.0, "eastus", "eastus westus");
        let west = e.lines.iter().find(|l| &*l.region == "westus" && l.category == Category::Storage).unwrap();
        assert!(west.estimated);
        assert_eq!(&*west.note, "no Standard HDD price for West US: Central US's price used (estimated)");
        assert!(e.estimated);
    }

    #[test]
    fn intra_and_inter_continent_egress() {
        let e = what_if(100.0, "eastus", "eastus westus2 westeurope japaneast");
        let egress: Vec<(&str, String)> = e
            .lines
            .iter()
            .filter(|l| l.category == Category::Egress)
            .map(|l| (&*l.region, l.amount.normalize().to_string()))
            .collect();
        assert_eq!(egress, [("westus2", "2".into()), ("westeurope", "5".into()), ("japaneast", "5".into())]);
    }

    #[test]
    fn shallow_costs_no_replicas_and_no_egress() {
        let mut p = docs_example();
        let v = p.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap();
        v.publishing_profile.replication_mode = Some(crate::model::ReplicationMode::Shallow);
        v.publishing_profile.target_regions.truncate(1);
        let e = estimate_plan(&p, &embedded());
        assert_eq!((e.storage_monthly, e.egress_one_time), (Decimal::ZERO, Decimal::ZERO));
        assert!(e.lines[0].formula().starts_with("shallow replication"));
    }

    #[test]
    fn versions_without_sizes_are_noted_and_csv_is_quoted() {
        let mut p = docs_example();
        p.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap().occupied_gb = None;
        let e = estimate_plan(&p, &embedded());
        assert_eq!(e.notes, ["g/d/1.0.0: no occupied size (occupiedGb) given, so it is not priced"]);
        let csv = to_csv(&estimate_plan(&docs_example(), &embedded()));
        assert_eq!(
            csv.lines().next().unwrap(),
            "version,region,category,quantity,unit,unitPrice,currency,amount,estimated,formula"
        );
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "g/d/1.0.0,eastus,storage,20,GB-month,0.05,USD,1.00,false,2 replicas x 10 GB x $0.05 (Standard_LRS) = $1.00 / month"
        );
        assert_eq!(csv.lines().count(), 6);
    }

    #[test]
    fn scenario_comparison() {
        let a = estimate_plan(&docs_example(), &embedded());
        let mut p = docs_example();
        p.galleries[0].definition_mut(0).unwrap().version_mut(0).unwrap().publishing_profile.replica_count = Some(3);
        let b = estimate_plan(&p, &embedded());
        let c = compare(&a, &b).unwrap();
        assert_eq!(c.by_category[0].delta, dec("1.50"));
        assert_eq!(c.by_category[1].delta, Decimal::ZERO);
        assert_eq!(
            c.by_region.iter().map(|d| (d.key.as_str(), d.delta.normalize().to_string())).collect::<Vec<_>>(),
            [("centralus", "0.5".into()), ("eastus", "0.5".into()), ("eastus2", "0.5".into())]
        );
    }

    #[test]
    fn the_cost_of_a_replica_recommendation() {
        let p = docs_example();
        let v = &p.galleries[0].images[0].versions[0];
        let line = replica_cost(v, &RegionName::new("eastus2"), 8, &ApiVersion::default(), &embedded()).unwrap();
        assert_eq!(line.amount, dec("4.00"));
        assert_eq!(line.formula(), "8 replicas x 10 GB x $0.05 (Standard_LRS) = $4.00 / month");
    }

    /// The shortest decimal form's fast path gives what writing the number out gives, scale included.
    #[test]
    fn gb_without_text_is_gb_through_text() {
        let by_text = |v: f64| Decimal::from_str(&v.to_string()).ok().map(|d| d.normalize());
        let mut values: Vec<f64> = (0..40_000).map(|i| f64::from(i) / 100.0).collect();
        values.extend((0..2_000).map(|i| f64::from(i) * 0.1 + 0.05));
        values.extend([0.001, 0.015, 1.0 / 3.0, 12.345, 1e9 - 0.5, 1e9, 4.5e15, 0.0, 8.0, 36.5, 127.25]);
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(
                f64::from(u32::try_from(x % 1_000_000).unwrap_or(0)) / [1.0, 4.0, 100.0, 1000.0, 7.0][(x % 5) as usize],
            );
        }
        for v in values {
            let (fast, slow) = (gb(v), by_text(v));
            assert_eq!(fast, slow, "{v}");
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{v}: same scale");
        }
    }

    #[test]
    fn exact_decimals() {
        assert_eq!(gb(0.1).unwrap() + gb(0.2).unwrap(), dec("0.3"));
        assert_eq!(gb(-1.0), None);
        assert_eq!(gb(f64::NAN), None);
        let e = what_if(0.1, "eastus", "eastus=3");
        assert_eq!(e.storage_monthly, dec("0.015"));
    }

    proptest::proptest! {
        #[test]
        fn totals_are_the_exact_sum_of_lines(gbs in proptest::collection::vec(0.0f64..5000.0, 1..6)) {
            let mut total = Decimal::ZERO;
            let mut all = Decimal::ZERO;
            for g in &gbs {
                let e = what_if(*g, "eastus", "eastus=2 westeurope=3=standard_zrs japaneast=1=premium_lrs");
                proptest::prop_assert_eq!(e.storage_monthly, e.lines.iter().filter(|l| l.category == Category::Storage).map(|l| l.amount).sum::<Decimal>());
                proptest::prop_assert_eq!(e.storage_gb_months, gb(*g).unwrap() * Decimal::from(6));
                total += e.storage_monthly + e.egress_one_time;
                all += e.by_region.iter().map(|s| s.storage_monthly + s.egress_one_time).sum::<Decimal>();
            }
            proptest::prop_assert_eq!(total, all);
        }
    }
}
