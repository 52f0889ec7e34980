//! The planning choices a plan carries beside its Azure resources (planner-only, never exported to Azure):
//! release and retention settings (`billing`), the plan's own prices (`prices`) and the replica guidance
//! (`replicaPolicy`). Plain data and its JSON form; what uses them lives above the model, in
//! [`crate::billing`] and [`crate::replicas`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Extra;

/// Release and retention settings, carried by the plan (`billing`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingSettings {
    /// New versions per month for each definition.
    #[serde(default = "one")]
    pub cadence_per_month: u32,
    /// Versions kept per definition (older ones are deleted).
    #[serde(default = "five")]
    pub retention: u32,
    /// The newest versions kept in all their target regions; older kept ones are trimmed to the source region
    /// with one replica.
    #[serde(default = "two")]
    pub full_versions: u32,
    /// Months to project.
    #[serde(default = "twelve")]
    pub months: u32,
}

fn one() -> u32 {
    1
}
fn two() -> u32 {
    2
}
fn five() -> u32 {
    5
}
fn twelve() -> u32 {
    12
}

impl Default for BillingSettings {
    fn default() -> Self {
        Self { cadence_per_month: 1, retention: 5, full_versions: 2, months: 12 }
    }
}

/// Planner-only: the prices a plan decided on, on top of the embedded catalog (`plan.prices`).
///
/// In JSON: `{"currency"?, "snapshots"?: [PlanPrice], "transferPairs"?: [PlanPrice], "transferOut"?:
/// [PlanPrice], "imports"?: [text]}`, lists sorted by key, unknown properties kept. Read and written through
/// `serde_json::Value`, whose (de)serializers the browser builds already carry: derived ones for these types
/// cost the app about 4 KB of gzip.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanPrices {
    /// The currency of these prices when it is not the catalog's (USD): then they replace the catalog
    /// instead of overlaying it, so no price is mixed with, or converted from, USD.
    pub currency: Option<String>,
    /// Snapshot prices keyed `region|tier|redundancy` (`eastus|Standard HDD|LRS`), as the catalog keys them.
    pub snapshots: Vec<PlanPrice>,
    /// Transfer prices keyed `from|to` continent (`Europe|Europe`).
    pub transfer_pairs: Vec<PlanPrice>,
    /// Transfer prices to any other continent, keyed by the source continent.
    pub transfer_out: Vec<PlanPrice>,
    /// One line per Retail Prices API import: how many prices it took, their currency and dates.
    pub imports: Vec<String>,
    /// Unknown properties.
    pub extra: Extra,
}

/// One price of a plan, with its date and provenance: `{"key", "amount": "0.07", "asOf", "source",
/// "estimated"?}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPrice {
    /// What it prices, keyed as in [`crate::billing::PriceBook`].
    pub key: String,
    /// Amount per unit (written as decimal text).
    pub amount: Decimal,
    /// The date of the source, or [`crate::billing::OVERRIDE_AS_OF`].
    pub as_of: String,
    /// Where the figure comes from.
    pub source: String,
    /// Whether the figure is an inference rather than a published price.
    pub estimated: bool,
}

impl PlanPrice {
    fn to_value(&self) -> Value {
        let mut o = Extra::new();
        o.insert("key".into(), Value::String(self.key.clone()));
        o.insert("amount".into(), Value::String(self.amount.to_string()));
        o.insert("asOf".into(), Value::String(self.as_of.clone()));
        o.insert("source".into(), Value::String(self.source.clone()));
        if self.estimated {
            o.insert("estimated".into(), Value::Bool(true));
        }
        Value::Object(o)
    }

    fn from_value(v: &Value) -> Result<Self, String> {
        let o = v.as_object().ok_or("not an object")?;
        let text = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
        let amount = match o.get("amount") {
            Some(Value::String(t)) => t.trim().parse().ok(),
            Some(Value::Number(n)) => n.to_string().parse().ok(),
            _ => None,
        }
        .ok_or("amount: not a decimal amount such as \"0.05\"")?;
        let key = text("key");
        if key.is_empty() {
            return Err("key: missing".to_owned());
        }
        let estimated = o.get("estimated").and_then(Value::as_bool).unwrap_or(false);
        Ok(Self { key, amount, as_of: text("asOf"), source: text("source"), estimated })
    }
}

const LISTS: [&str; 3] = ["snapshots", "transferPairs", "transferOut"];

impl PlanPrices {
    /// Whether the plan prices with the embedded catalog alone.
    pub fn is_empty(&self) -> bool {
        self.currency.is_none()
            && self.snapshots.is_empty()
            && self.transfer_pairs.is_empty()
            && self.transfer_out.is_empty()
            && self.imports.is_empty()
            && self.extra.is_empty()
    }

    fn lists(&self) -> [&Vec<PlanPrice>; 3] {
        [&self.snapshots, &self.transfer_pairs, &self.transfer_out]
    }

    /// The JSON form.
    pub fn to_value(&self) -> Value {
        let mut o = Extra::new();
        if let Some(c) = &self.currency {
            o.insert("currency".into(), Value::String(c.clone()));
        }
        for (name, list) in LISTS.iter().zip(self.lists()) {
            if !list.is_empty() {
                o.insert((*name).into(), Value::Array(list.iter().map(PlanPrice::to_value).collect()));
            }
        }
        if !self.imports.is_empty() {
            o.insert("imports".into(), Value::Array(self.imports.iter().cloned().map(Value::String).collect()));
        }
        o.extend(self.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        Value::Object(o)
    }

    /// Reads the JSON form; the error names the field.
    pub fn from_value(v: &Value) -> Result<Self, String> {
        let o = match v {
            Value::Object(o) => o,
            Value::Null => return Ok(Self::default()),
            _ => return Err("prices: not an object".to_owned()),
        };
        let list = |name: &str| -> Result<Vec<PlanPrice>, String> {
            let mut out = Vec::new();
            match o.get(name) {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        let p = PlanPrice::from_value(item).map_err(|e| format!("prices.{name}[{i}]: {e}"))?;
                        // One price per key, the last one listed wins (as in a map); sorted by key.
                        match out.binary_search_by(|x: &PlanPrice| x.key.cmp(&p.key)) {
                            Ok(at) => out[at] = p,
                            Err(at) => out.insert(at, p),
                        }
                    }
                }
                Some(_) => return Err(format!("prices.{name}: not a list")),
            }
            Ok(out)
        };
        let imports = match o.get("imports") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.iter().map(|i| i.as_str().unwrap_or_default().to_owned()).collect(),
            Some(_) => return Err("prices.imports: not a list".to_owned()),
        };
        let known = ["currency", "snapshots", "transferPairs", "transferOut", "imports"];
        Ok(Self {
            currency: o.get("currency").and_then(Value::as_str).map(str::to_owned),
            snapshots: list(LISTS[0])?,
            transfer_pairs: list(LISTS[1])?,
            transfer_out: list(LISTS[2])?,
            imports,
            extra: o
                .iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        })
    }
}

impl Serialize for PlanPrices {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for PlanPrices {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_value(&Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// The default over-provisioning margin in percent.
pub const DEFAULT_MARGIN_PERCENT: u32 = 10;

/// Which published guidance sizes the replicas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Policy {
    /// "Best practices" of the Compute Gallery overview: 1 per 20 VMs, 1 per scale set, at least 3 for production.
    #[default]
    #[serde(rename = "bestPractices", alias = "best-practices")]
    BestPractices,
    /// "Scaling" of the Compute Gallery overview: 1 per 50 VMs, 1 per scale set.
    #[serde(rename = "scaling", alias = "scalingGuidance")]
    ScalingGuidance,
    /// The 2019 Shared Image Gallery page: 1 per 20 VMs, 1 per scale set of up to 600 instances.
    #[serde(rename = "2019", alias = "guidance2019")]
    Guidance2019,
}

impl Policy {
    /// All three, in the order the comparison shows them.
    pub const ALL: [Policy; 3] = [Policy::BestPractices, Policy::ScalingGuidance, Policy::Guidance2019];

    /// The policy's id: `bestPractices`, `scaling` or `2019`.
    pub fn id(self) -> &'static str {
        match self {
            Policy::BestPractices => "bestPractices",
            Policy::ScalingGuidance => "scaling",
            Policy::Guidance2019 => "2019",
        }
    }

    /// A name for people.
    pub fn title(self) -> &'static str {
        match self {
            Policy::BestPractices => "Best practices (1 per 20 VMs)",
            Policy::ScalingGuidance => "Scaling guidance (1 per 50 VMs)",
            Policy::Guidance2019 => "2019 guidance (1 per 20 VMs, 1 per 600-instance scale set)",
        }
    }

    /// Parses an id or a CLI spelling: `best-practices`, `bestPractices`, `scaling`, `2019`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "bestpractices" | "best-practices" | "best" => Some(Policy::BestPractices),
            "scaling" | "scalingguidance" | "scaling-guidance" => Some(Policy::ScalingGuidance),
            "2019" | "guidance2019" => Some(Policy::Guidance2019),
            _ => None,
        }
    }
}

/// The replica choices a plan records: the guidance and the over-provisioning margin
/// (`{"policy": "scaling", "marginPercent": 25}`). Read and written through `serde_json::Value`, like
/// [`PlanPrices`]: the browser builds already carry its (de)serializers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplicaSettings {
    /// The guidance.
    pub policy: Policy,
    /// Over-provisioning margin in percent.
    pub margin_percent: u32,
}

impl Serialize for ReplicaSettings {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ReplicaSettings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_value(&serde_json::Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl ReplicaSettings {
    /// The JSON form: `{"policy": "scaling", "marginPercent": 25}`.
    pub fn to_value(&self) -> serde_json::Value {
        let mut o = serde_json::Map::new();
        o.insert("policy".into(), serde_json::Value::String(self.policy.id().to_owned()));
        o.insert("marginPercent".into(), self.margin_percent.into());
        serde_json::Value::Object(o)
    }

    /// Reads `{"policy", "marginPercent"}` (either may be missing: the default); the error names the field.
    pub fn from_value(v: &serde_json::Value) -> Result<Self, String> {
        if v.is_null() {
            return Ok(Self::default());
        }
        let o = v.as_object().ok_or("replicaPolicy: not an object")?;
        let policy = match o.get("policy") {
            None | Some(serde_json::Value::Null) => Policy::default(),
            Some(p) => p
                .as_str()
                .and_then(Policy::parse)
                .ok_or_else(|| format!("replicaPolicy.policy: {p} is not one of bestPractices, scaling, 2019"))?,
        };
        let margin_percent = match o.get("marginPercent") {
            None | Some(serde_json::Value::Null) => DEFAULT_MARGIN_PERCENT,
            Some(m) => m
                .as_u64()
                .and_then(|m| u32::try_from(m).ok())
                .ok_or_else(|| format!("replicaPolicy.marginPercent: {m} is not a whole number of percent"))?,
        };
        Ok(Self { policy, margin_percent })
    }
}

impl Default for ReplicaSettings {
    fn default() -> Self {
        Self { policy: Policy::default(), margin_percent: DEFAULT_MARGIN_PERCENT }
    }
}

impl ReplicaSettings {
    /// Whether these are the defaults (best practices, [`DEFAULT_MARGIN_PERCENT`]); a plan does not write them.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}
