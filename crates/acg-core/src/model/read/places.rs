//! The places of the model's fields while a struct is read: which [`Slot`] (kind of value) each field type
//! is, and how a read value is stored (one small non-generic function per field type, no reader).

#![allow(
    clippy::option_option,
    reason = "an optional field's place: not read yet (`None`), or read, as none or some value"
)]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::de::{self, Unexpected};
use serde_json::Value;

use super::{Field, Keys, Model, Reader, Slot};
use crate::model::Extra;

/// A type a field holds itself, not as an `Option`: text, an integer, a nested struct.
pub(crate) trait Required {}

/// A field's type: a [`Required`] value, or an optional one (`Option`: `null` reads as none).
pub(crate) trait Maybe: Sized {
    /// The value without the `Option`.
    type Inner;
    /// Whether `null` reads as none.
    const OPTIONAL: bool;
    /// The field's value of a read value.
    fn of(inner: Self::Inner) -> Self;
    /// What `null` reads as (`None`: an error, for a required field).
    fn none() -> Option<Self>;
}

impl<T: Required> Maybe for T {
    type Inner = T;
    const OPTIONAL: bool = false;
    fn of(inner: T) -> Self {
        inner
    }
    fn none() -> Option<Self> {
        None
    }
}

impl<T: Required> Maybe for Option<T> {
    type Inner = T;
    const OPTIONAL: bool = true;
    fn of(inner: T) -> Self {
        Some(inner)
    }
    fn none() -> Option<Self> {
        Some(None)
    }
}

/// A field's place while its struct is read (`None`: not read yet).
pub(crate) trait Place {
    fn is_set(&self) -> bool;
    /// Whether `null` reads as none.
    fn optional(&self) -> bool;
    /// Stores `null` (for an optional field).
    fn set_none(&mut self);
}

impl<F: Maybe> Place for Option<F> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        F::OPTIONAL
    }
    fn set_none(&mut self) {
        if let Some(none) = F::none() {
            *self = Some(none);
        }
    }
}

/// A type read from text that cannot be wrong (unknown text is kept: see `enums::string_enum`).
pub(crate) trait FromText {
    /// The value of the text.
    fn from_text(text: Cow<'_, str>) -> Self;
}

impl<T: crate::enums::StringEnum> FromText for T {
    fn from_text(text: Cow<'_, str>) -> Self {
        T::parse(&text)
    }
}

impl<T: crate::enums::StringEnum> Required for T {}

impl FromText for String {
    fn from_text(text: Cow<'_, str>) -> Self {
        text.into_owned()
    }
}

impl FromText for crate::region::RegionName {
    fn from_text(text: Cow<'_, str>) -> Self {
        Self::new(&text)
    }
}

impl Required for String {}
impl Required for crate::region::RegionName {}

/// A text field's place.
pub(crate) trait TextField: Place {
    fn set(&mut self, text: Cow<'_, str>);
}

impl<F: Maybe<Inner: FromText>> TextField for Option<F> {
    fn set(&mut self, text: Cow<'_, str>) {
        *self = Some(F::of(F::Inner::from_text(text)));
    }
}

/// An integer type, as serde names it in errors.
pub(crate) trait Integer: TryFrom<i64> + TryFrom<u64> {
    const NAME: &'static str;
}

impl Integer for i64 {
    const NAME: &'static str = "i64";
}

impl Integer for u32 {
    const NAME: &'static str = "u32";
}

impl Required for i64 {}
impl Required for u32 {}

/// An integer field's place.
pub(crate) trait IntField: Place {
    /// The type in errors (`i64`, `u32`).
    fn expected(&self) -> &'static str;
    /// `false` when out of range.
    fn set(&mut self, value: i64) -> bool;
    /// `false` when out of range.
    fn set_unsigned(&mut self, value: u64) -> bool;
}

impl<F: Maybe<Inner: Integer>> IntField for Option<F> {
    fn expected(&self) -> &'static str {
        F::Inner::NAME
    }
    fn set(&mut self, value: i64) -> bool {
        F::Inner::try_from(value).is_ok_and(|v| {
            *self = Some(F::of(v));
            true
        })
    }
    fn set_unsigned(&mut self, value: u64) -> bool {
        F::Inner::try_from(value).is_ok_and(|v| {
            *self = Some(F::of(v));
            true
        })
    }
}

/// [`Field`] for types of one kind of value.
macro_rules! fields {
    ($kind:ident: $($ty:ty),*) => {$(
        impl Field for $ty {
            fn slot(place: &mut Option<Self>) -> Slot<'_> {
                Slot::$kind(place)
            }
        }
    )*};
}

impl<T: crate::enums::StringEnum> Field for T {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Text(place)
    }
}

impl<T: crate::enums::StringEnum> Field for Option<T> {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Text(place)
    }
}

fields!(Text: String, Option<String>, crate::region::RegionName, Option<crate::region::RegionName>);
fields!(Int: i64, Option<i64>, u32);
fields!(Float: f64);
fields!(Bool: bool);
fields!(OptBool: Option<bool>);
fields!(Strings: Vec<String>);
fields!(Tags: BTreeMap<String, String>);

/// A type read from any JSON value.
pub(crate) trait FromJson: Sized {
    /// The value, or serde's error (`invalid type: ..., expected ...`).
    fn from_json(value: Value) -> Result<Self, serde_json::Error>;
}

/// A JSON-valued field's place.
pub(crate) trait JsonField {
    fn is_set(&self) -> bool;
    fn set(&mut self, value: Value) -> Result<(), serde_json::Error>;
}

impl<T: FromJson> JsonField for Option<T> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn set(&mut self, value: Value) -> Result<(), serde_json::Error> {
        *self = Some(T::from_json(value)?);
        Ok(())
    }
}

/// serde's error for a value of the wrong type.
fn invalid_type(value: &Value, expected: &str) -> serde_json::Error {
    let unexpected = match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => {
            if let Some(v) = n.as_u64() {
                Unexpected::Unsigned(v)
            } else if let Some(v) = n.as_i64() {
                Unexpected::Signed(v)
            } else {
                Unexpected::Float(n.as_f64().unwrap_or_default())
            }
        }
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    };
    de::Error::invalid_type(unexpected, &expected)
}

fields!(
    Json:
    Value,
    Option<Value>,
    Vec<Value>,
    Extra,
    Option<Extra>,
    Option<crate::model::Reference>,
    crate::model::PlanPrices,
    crate::model::ReplicaSettings
);

impl FromJson for Value {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        Ok(value)
    }
}

impl FromJson for Option<Value> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        Ok((!value.is_null()).then_some(value))
    }
}

impl FromJson for Vec<Value> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        match value {
            Value::Array(items) => Ok(items),
            other => Err(invalid_type(&other, "a sequence")),
        }
    }
}

impl FromJson for Extra {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        match value {
            Value::Object(members) => Ok(members),
            other => Err(invalid_type(&other, "a map")),
        }
    }
}

impl FromJson for Option<Extra> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        if value.is_null() { Ok(None) } else { Extra::from_json(value).map(Some) }
    }
}

impl FromJson for Option<crate::model::Reference> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        serde::Deserialize::deserialize(value)
    }
}

impl FromJson for crate::model::PlanPrices {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        Self::from_value(&value).map_err(de::Error::custom)
    }
}

impl FromJson for crate::model::ReplicaSettings {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        Self::from_value(&value).map_err(de::Error::custom)
    }
}

/// The plan's release and retention settings: read field by field, so an error names the field
/// (`billing.months`), each missing one its default (its derived `Deserialize` ignores other keys).
impl Model for crate::model::BillingSettings {
    const NAME: &'static str = "BillingSettings";
    fn build(read: &mut Reader<'_>) -> Option<Self> {
        const KEYS: Keys = &[&["cadencePerMonth"], &["retention"], &["fullVersions"], &["months"]];
        let (mut cadence, mut retention, mut full, mut months) = (None, None, None, None);
        let mut ignored = Extra::new();
        if !read(
            KEYS,
            &mut [Slot::Int(&mut cadence), Slot::Int(&mut retention), Slot::Int(&mut full), Slot::Int(&mut months)],
            &mut ignored,
        ) {
            return None;
        }
        let default = Self::default();
        Some(Self {
            cadence_per_month: cadence.unwrap_or(default.cadence_per_month),
            retention: retention.unwrap_or(default.retention),
            full_versions: full.unwrap_or(default.full_versions),
            months: months.unwrap_or(default.months),
        })
    }
}

impl Required for crate::model::BillingSettings {}
fields!(Record: Option<crate::model::BillingSettings>);

/// What an import could not know: read like the model's structs (its derived `Deserialize` ignores other keys).
impl Model for crate::model::Unknowns {
    const NAME: &'static str = "Unknowns";
    fn build(read: &mut Reader<'_>) -> Option<Self> {
        const KEYS: Keys = &[&["reference"], &["values"], &["reported"]];
        let (mut reference, mut values, mut reported) = (None, None, None);
        let mut ignored = Extra::new();
        if !read(
            KEYS,
            &mut [Slot::Json(&mut reference), Slot::Tags(&mut values), Slot::Bool(&mut reported)],
            &mut ignored,
        ) {
            return None;
        }
        Some(Self {
            reference: reference.flatten(),
            values: values.unwrap_or_default(),
            reported: reported.unwrap_or_default(),
        })
    }
}

impl Required for crate::model::Unknowns {}
fields!(Record: crate::model::Unknowns);

/// A nested struct's place.
pub(crate) trait RecordField: Place {
    /// The struct's name in errors.
    fn name(&self) -> &'static str;
    /// Builds the struct from what `read` reads; `false` when reading failed.
    fn build(&mut self, read: &mut Reader<'_>) -> bool;
}

impl<F: Maybe<Inner: Model>> RecordField for Option<F> {
    fn name(&self) -> &'static str {
        F::Inner::NAME
    }
    fn build(&mut self, read: &mut Reader<'_>) -> bool {
        F::Inner::build(read).is_some_and(|value| {
            *self = Some(F::of(value));
            true
        })
    }
}

/// An element of a list of nested structs: the struct, or the struct shared (`Arc`).
pub(crate) trait Element {
    /// The struct.
    type Of: Model;
    /// The element of a read struct.
    fn of(value: Self::Of) -> Self;
}

impl<T: Model> Element for T {
    type Of = T;
    fn of(value: T) -> Self {
        value
    }
}

impl<T: Model> Element for Arc<T> {
    type Of = T;
    fn of(value: T) -> Self {
        Arc::new(value)
    }
}

/// A list of nested structs' place.
pub(crate) trait RecordsField {
    fn is_set(&self) -> bool;
    /// The element struct's name in errors.
    fn name(&self) -> &'static str;
    /// An empty list: the value is a list.
    fn start(&mut self);
    /// Builds an element from what `read` reads and appends it; `false` when reading failed.
    fn push(&mut self, read: &mut Reader<'_>) -> bool;
}

impl<E: Element> RecordsField for Option<Vec<E>> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn name(&self) -> &'static str {
        E::Of::NAME
    }
    fn start(&mut self) {
        *self = Some(Vec::new());
    }
    fn push(&mut self, read: &mut Reader<'_>) -> bool {
        match (E::Of::build(read), self) {
            (Some(element), Some(list)) => {
                list.push(E::of(element));
                true
            }
            _ => false,
        }
    }
}
