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

/// A text field's place.
pub(crate) trait TextField {
    fn is_set(&self) -> bool;
    /// Whether `null` reads as none.
    fn optional(&self) -> bool;
    fn set(&mut self, text: Cow<'_, str>);
    fn set_none(&mut self);
}

impl<T: FromText> TextField for Option<T> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        false
    }
    fn set(&mut self, text: Cow<'_, str>) {
        *self = Some(T::from_text(text));
    }
    fn set_none(&mut self) {}
}

impl<T: FromText> TextField for Option<Option<T>> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        true
    }
    fn set(&mut self, text: Cow<'_, str>) {
        *self = Some(Some(T::from_text(text)));
    }
    fn set_none(&mut self) {
        *self = Some(None);
    }
}

impl Field for String {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Text(place)
    }
}

impl Field for Option<String> {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Text(place)
    }
}

impl Field for crate::region::RegionName {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Text(place)
    }
}

impl Field for Option<crate::region::RegionName> {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Text(place)
    }
}

/// An integer field's place.
pub(crate) trait IntField {
    fn is_set(&self) -> bool;
    /// Whether `null` reads as none.
    fn optional(&self) -> bool;
    /// The type in errors (`i64`, `u32`), as serde names it.
    fn expected(&self) -> &'static str;
    /// `false` when out of range.
    fn set(&mut self, value: i64) -> bool;
    /// `false` when out of range.
    fn set_unsigned(&mut self, value: u64) -> bool;
    fn set_none(&mut self);
}

impl IntField for Option<i64> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        false
    }
    fn expected(&self) -> &'static str {
        "i64"
    }
    fn set(&mut self, value: i64) -> bool {
        *self = Some(value);
        true
    }
    fn set_unsigned(&mut self, value: u64) -> bool {
        i64::try_from(value).is_ok_and(|v| self.set(v))
    }
    fn set_none(&mut self) {}
}

impl IntField for Option<Option<i64>> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        true
    }
    fn expected(&self) -> &'static str {
        "i64"
    }
    fn set(&mut self, value: i64) -> bool {
        *self = Some(Some(value));
        true
    }
    fn set_unsigned(&mut self, value: u64) -> bool {
        i64::try_from(value).is_ok_and(|v| self.set(v))
    }
    fn set_none(&mut self) {
        *self = Some(None);
    }
}

impl IntField for Option<u32> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        false
    }
    fn expected(&self) -> &'static str {
        "u32"
    }
    fn set(&mut self, value: i64) -> bool {
        u32::try_from(value).is_ok_and(|v| {
            *self = Some(v);
            true
        })
    }
    fn set_unsigned(&mut self, value: u64) -> bool {
        u32::try_from(value).is_ok_and(|v| {
            *self = Some(v);
            true
        })
    }
    fn set_none(&mut self) {}
}

impl Field for i64 {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Int(place)
    }
}

impl Field for Option<i64> {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Int(place)
    }
}

impl Field for u32 {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Int(place)
    }
}

impl Field for f64 {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Float(place)
    }
}

impl Field for bool {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Bool(place)
    }
}

impl Field for Option<bool> {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::OptBool(place)
    }
}

impl Field for Vec<String> {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Strings(place)
    }
}

impl Field for BTreeMap<String, String> {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Tags(place)
    }
}

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

/// [`Field`] for types read from any JSON value.
macro_rules! json_fields {
    ($($ty:ty),*) => {$(
        impl Field for $ty {
            fn slot(place: &mut Option<Self>) -> Slot<'_> {
                Slot::Json(place)
            }
        }
    )*};
}

json_fields!(
    Value,
    Option<Value>,
    Vec<Value>,
    Extra,
    Option<Extra>,
    Option<crate::model::Reference>,
    crate::model::PlanPrices,
    crate::model::ReplicaSettings,
    Option<crate::model::BillingSettings>
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

impl FromJson for Option<crate::model::BillingSettings> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        if value.is_null() { Ok(None) } else { serde::Deserialize::deserialize(value).map(Some) }
    }
}

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

impl Field for crate::model::Unknowns {
    fn slot(place: &mut Option<Self>) -> Slot<'_> {
        Slot::Record(place)
    }
}

/// A nested struct's place.
pub(crate) trait RecordField {
    fn is_set(&self) -> bool;
    /// Whether `null` reads as none.
    fn optional(&self) -> bool;
    /// The struct's name in errors.
    fn name(&self) -> &'static str;
    /// Builds the struct from what `read` reads; `false` when reading failed.
    fn build(&mut self, read: &mut Reader<'_>) -> bool;
    fn set_none(&mut self);
}

impl<T: Model> RecordField for Option<T> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        false
    }
    fn name(&self) -> &'static str {
        T::NAME
    }
    fn build(&mut self, read: &mut Reader<'_>) -> bool {
        *self = T::build(read);
        self.is_some()
    }
    fn set_none(&mut self) {}
}

impl<T: Model> RecordField for Option<Option<T>> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn optional(&self) -> bool {
        true
    }
    fn name(&self) -> &'static str {
        T::NAME
    }
    fn build(&mut self, read: &mut Reader<'_>) -> bool {
        let value = T::build(read);
        let built = value.is_some();
        *self = Some(value);
        built
    }
    fn set_none(&mut self) {
        *self = Some(None);
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

impl<T: Model> RecordsField for Option<Vec<T>> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn name(&self) -> &'static str {
        T::NAME
    }
    fn start(&mut self) {
        *self = Some(Vec::new());
    }
    fn push(&mut self, read: &mut Reader<'_>) -> bool {
        match (T::build(read), self) {
            (Some(element), Some(list)) => {
                list.push(element);
                true
            }
            _ => false,
        }
    }
}

impl<T: Model> RecordsField for Option<Vec<Arc<T>>> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
    fn name(&self) -> &'static str {
        T::NAME
    }
    fn start(&mut self) {
        *self = Some(Vec::new());
    }
    fn push(&mut self, read: &mut Reader<'_>) -> bool {
        match (T::build(read), self) {
            (Some(element), Some(list)) => {
                list.push(Arc::new(element));
                true
            }
            _ => false,
        }
    }
}

