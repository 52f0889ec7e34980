//! How the model's structs are read: in one pass over a JSON object, each known key into its field and every
//! other key into the struct's `extra` map.
//!
//! serde's `#[serde(flatten)]` would keep the unknown keys too, but it buffers every field of the object as
//! `Content` first and then reads the struct from the buffer: a second pass, and per type a deserializer for
//! text and another for the buffer. [`read_fields!`] writes, per struct, one function that is not generic
//! ([`Model::build`]): it names each known key's [`Slot`], a kind of value (text, an integer, a boolean, a
//! nested struct, a list of structs, a JSON value...). The reading itself is one generic code path per kind
//! of value ([`read_members`] and the seeds and visitors below), shared by every field of every struct, so
//! the code does not grow with the number of field types (session 7 had one monomorphized reader per field
//! type: about 55 KB of the app's code before wasm-opt).
//!
//! Errors keep serde's wording and their position: a value of the wrong type fails inside the deserializer
//! call that reads it, so `serde_json` puts the error at that value (what `model::json_path` names).

#![allow(
    clippy::option_option,
    reason = "an optional field's place: not read yet (`None`), or read, as none or some value"
)]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde_json::Value;

use crate::model::Extra;

mod places;
pub(crate) use places::{IntField, JsonField, RecordField, RecordsField, Required, TextField};

/// An object's key, borrowed from the text when it has no escapes.
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// `impl Deserialize` (and [`Model`], [`Field`]) for a model struct from its field list: `field: "jsonKey"`
/// (or several keys joined by `|`, the first one its name in errors), optionally `= default expression`
/// (else `Default::default()`). The struct must have an `extra: Extra` field, which receives every other key
/// in input order. A key given twice is an error, as serde's derive makes it; nothing is required. A default
/// expression must not name a function called like one of the fields (the fields are local variables while
/// reading).
macro_rules! read_fields {
    ($ty:ident { $($field:ident: $key:literal $(| $alias:literal)* $(= $default:expr)?),* $(,)? }) => {
        impl $crate::model::read::Model for $ty {
            const NAME: &'static str = stringify!($ty);
            fn build(read: &mut $crate::model::read::Reader<'_>) -> Option<Self> {
                const KEYS: &[&[&str]] = &[$(&[$key $(, $alias)*]),*];
                $(let mut $field = $crate::model::read::unset(|s: &$ty| &s.$field);)*
                let mut extra = $crate::model::Extra::new();
                if !read(KEYS, &mut [$($crate::model::read::Field::slot(&mut $field)),*], &mut extra) {
                    return None;
                }
                Some($ty { $($field: $field.unwrap_or_else(|| read_fields!(@default $($default)?)),)* extra })
            }
        }
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::model::read::deserialize(deserializer)
            }
        }
        $crate::model::read::record_fields!($ty);
    };
    (@default) => { Default::default() };
    (@default $default:expr) => { $default };
}
pub(crate) use read_fields;

/// [`Field`] for a struct read by [`read_fields!`]: itself, optional, and lists of it (plain or shared).
macro_rules! record_fields {
    ($ty:ty) => {
        impl $crate::model::read::Required for $ty {}
        impl $crate::model::read::Field for $ty {
            fn slot(place: &mut Option<Self>) -> $crate::model::read::Slot<'_> {
                $crate::model::read::Slot::Record(place)
            }
        }
        impl $crate::model::read::Field for Option<$ty> {
            fn slot(place: &mut Option<Self>) -> $crate::model::read::Slot<'_> {
                $crate::model::read::Slot::Record(place)
            }
        }
        impl $crate::model::read::Field for Vec<$ty> {
            fn slot(place: &mut Option<Self>) -> $crate::model::read::Slot<'_> {
                $crate::model::read::Slot::Records(place)
            }
        }
        impl $crate::model::read::Field for Vec<std::sync::Arc<$ty>> {
            fn slot(place: &mut Option<Self>) -> $crate::model::read::Slot<'_> {
                $crate::model::read::Slot::Records(place)
            }
        }
    };
}
pub(crate) use record_fields;

/// A field's place while its struct is read, typed by the field (`None`: not read yet).
pub(crate) fn unset<S, T>(_field: fn(&S) -> &T) -> Option<T> {
    None
}

/// A struct that [`read_fields!`] reads.
pub(crate) trait Model: Sized {
    /// Its name in errors (`struct Plan`).
    const NAME: &'static str;
    /// Builds the struct from the members `read` reads into its slots; `None` when reading failed (the
    /// reader keeps the error).
    fn build(read: &mut Reader<'_>) -> Option<Self>;
}

/// Reads an object's members: the value of a key in `keys[i]` into `slots[i]` (the first key names the field in
/// errors), every other key into `extra`; `false` when it failed.
pub(crate) type Reader<'r> = dyn FnMut(Keys, &mut [Slot<'_>], &mut Extra) -> bool + 'r;

/// A struct's keys, per field (its name first, then its aliases).
pub(crate) type Keys = &'static [&'static [&'static str]];

/// A field type's kind of value, read by one code path per kind.
pub(crate) trait Field: Sized {
    /// Where a value of this field goes.
    fn slot(place: &mut Option<Self>) -> Slot<'_>;
}

/// Where one known key's value goes: a kind of value and its place.
pub(crate) enum Slot<'a> {
    /// A string, a region name or a string enum.
    Text(&'a mut dyn TextField),
    /// An integer.
    Int(&'a mut dyn IntField),
    /// A number.
    Float(&'a mut Option<f64>),
    /// A boolean.
    Bool(&'a mut Option<bool>),
    /// An optional boolean (`null`: none).
    OptBool(&'a mut Option<Option<bool>>),
    /// A list of strings.
    Strings(&'a mut Option<Vec<String>>),
    /// Tags: string values by key.
    Tags(&'a mut Option<BTreeMap<String, String>>),
    /// Any JSON value, converted.
    Json(&'a mut dyn JsonField),
    /// A nested struct.
    Record(&'a mut dyn RecordField),
    /// A list of nested structs.
    Records(&'a mut dyn RecordsField),
}

impl Slot<'_> {
    fn is_set(&self) -> bool {
        match self {
            Slot::Text(f) => f.is_set(),
            Slot::Int(f) => f.is_set(),
            Slot::Float(f) => f.is_some(),
            Slot::Bool(f) => f.is_some(),
            Slot::OptBool(f) => f.is_some(),
            Slot::Strings(f) => f.is_some(),
            Slot::Tags(f) => f.is_some(),
            Slot::Json(f) => f.is_set(),
            Slot::Record(f) => f.is_set(),
            Slot::Records(f) => f.is_set(),
        }
    }
}

/// A model struct read from a deserializer (its `Deserialize`).
pub(crate) fn deserialize<'de, D: Deserializer<'de>, T: Model + Required>(deserializer: D) -> Result<T, D::Error> {
    let mut place: Option<T> = None;
    deserializer.deserialize_map(RecordVisitor(&mut place))?;
    place.ok_or_else(|| de::Error::custom(format_args!("struct {} was not read", T::NAME)))
}

/// Reads an object's members into a struct's slots (the one loop for every struct).
fn read_members<'de, A: MapAccess<'de>>(
    map: &mut A,
    keys: Keys,
    slots: &mut [Slot<'_>],
    extra: &mut Extra,
) -> Result<(), A::Error> {
    while let Some(Key(key)) = map.next_key()? {
        let field = keys.iter().position(|names| names.contains(&&*key));
        match field.and_then(|i| Some((keys[i].first()?, slots.get_mut(i)?))) {
            Some((name, slot)) => {
                if slot.is_set() {
                    return Err(de::Error::duplicate_field(name));
                }
                map.next_value_seed(SlotSeed(slot))?;
            }
            None => other(map, extra, key)?,
        }
    }
    Ok(())
}

/// A [`Reader`] over a map: its error, if any, is kept in `error`.
fn read_map<'de, A: MapAccess<'de>>(place: &mut dyn RecordField, map: &mut A) -> Result<(), A::Error> {
    let mut error = None;
    place.build(&mut |keys, slots, extra| match read_members(map, keys, slots, extra) {
        Ok(()) => true,
        Err(e) => {
            error = Some(e);
            false
        }
    });
    error.map_or(Ok(()), Err)
}

/// Reads the value of a key the struct does not know into its `extra` map.
fn other<'de, A: MapAccess<'de>>(map: &mut A, extra: &mut Extra, key: Cow<'de, str>) -> Result<(), A::Error> {
    let value = map.next_value()?;
    extra.insert(key.into_owned(), value);
    Ok(())
}

/// Reads one value into its slot.
struct SlotSeed<'s, 'a>(&'s mut Slot<'a>);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0 {
            Slot::Text(f) if f.optional() => d.deserialize_option(TextVisitor(&mut **f)),
            Slot::Text(f) => d.deserialize_str(TextVisitor(&mut **f)),
            Slot::Int(f) if f.optional() => d.deserialize_option(IntVisitor(&mut **f)),
            Slot::Int(f) => d.deserialize_i64(IntVisitor(&mut **f)),
            Slot::Float(f) => d.deserialize_f64(FloatVisitor(f)),
            Slot::Bool(f) => d.deserialize_bool(BoolVisitor(BoolPlace::Required(f))),
            Slot::OptBool(f) => d.deserialize_option(BoolVisitor(BoolPlace::Optional(f))),
            Slot::Strings(f) => d.deserialize_seq(StringsVisitor(f)),
            Slot::Tags(f) => d.deserialize_map(TagsVisitor(f)),
            Slot::Json(f) => d.deserialize_any(JsonVisitor(&mut **f)),
            Slot::Record(f) if f.optional() => d.deserialize_option(RecordVisitor(&mut **f)),
            Slot::Record(f) => d.deserialize_map(RecordVisitor(&mut **f)),
            Slot::Records(f) => d.deserialize_seq(RecordsVisitor(&mut **f)),
        }
    }
}

struct TextVisitor<'a>(&'a mut dyn TextField);

impl<'de> Visitor<'de> for TextVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.set(Cow::Borrowed(v));
        Ok(())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<(), E> {
        self.0.set(Cow::Owned(v));
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.set_none();
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

struct IntVisitor<'a>(&'a mut dyn IntField);

impl<'de> Visitor<'de> for IntVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0.expected())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        if self.0.set(v) { Ok(()) } else { Err(E::invalid_value(Unexpected::Signed(v), &self)) }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        if self.0.set_unsigned(v) { Ok(()) } else { Err(E::invalid_value(Unexpected::Unsigned(v), &self)) }
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.set_none();
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_i64(self)
    }
}

struct FloatVisitor<'a>(&'a mut Option<f64>);

impl Visitor<'_> for FloatVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("f64")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        *self.0 = Some(v);
        Ok(())
    }
    #[allow(clippy::cast_precision_loss, reason = "serde's f64 reads an integer so")]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.visit_f64(v as f64)
    }
    #[allow(clippy::cast_precision_loss, reason = "serde's f64 reads an integer so")]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.visit_f64(v as f64)
    }
}

enum BoolPlace<'a> {
    Required(&'a mut Option<bool>),
    Optional(&'a mut Option<Option<bool>>),
}

struct BoolVisitor<'a>(BoolPlace<'a>);

impl<'de> Visitor<'de> for BoolVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        match self.0 {
            BoolPlace::Required(place) => *place = Some(v),
            BoolPlace::Optional(place) => *place = Some(Some(v)),
        }
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        if let BoolPlace::Optional(place) = self.0 {
            *place = Some(None);
        }
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_bool(self)
    }
}

struct StringsVisitor<'a>(&'a mut Option<Vec<String>>);

impl<'de> Visitor<'de> for StringsVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        *self.0 = Some(items);
        Ok(())
    }
}

struct TagsVisitor<'a>(&'a mut Option<BTreeMap<String, String>>);

impl<'de> Visitor<'de> for TagsVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut tags = BTreeMap::new();
        while let Some((key, value)) = map.next_entry()? {
            tags.insert(key, value);
        }
        *self.0 = Some(tags);
        Ok(())
    }
}

/// Reads any JSON value and converts it into its field, failing at the value (so the error names it).
struct JsonVisitor<'a>(&'a mut dyn JsonField);

impl JsonVisitor<'_> {
    fn set<E: de::Error>(self, value: Value) -> Result<(), E> {
        self.0.set(value).map_err(E::custom)
    }
}

impl<'de> Visitor<'de> for JsonVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.set(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.set(Value::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.set(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.set(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.set(Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<(), E> {
        self.set(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.set(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.set(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        self.set(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut members = Extra::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            members.insert(key, value);
        }
        self.set(Value::Object(members))
    }
}

/// Reads a nested struct (or `null` into an optional one).
struct RecordVisitor<'a>(&'a mut dyn RecordField);

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.0.name())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        read_map(self.0, &mut map)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.set_none();
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

/// Reads a list of nested structs.
struct RecordsVisitor<'a>(&'a mut dyn RecordsField);

impl<'de> Visitor<'de> for RecordsVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        self.0.start();
        while seq.next_element_seed(ElementSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// One element of a list of nested structs.
struct ElementSeed<'a>(&'a mut dyn RecordsField);

impl<'de> DeserializeSeed<'de> for ElementSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ElementSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.0.name())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut error = None;
        self.0.push(&mut |keys, slots, extra| match read_members(&mut map, keys, slots, extra) {
            Ok(()) => true,
            Err(e) => {
                error = Some(e);
                false
            }
        });
        error.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests;
