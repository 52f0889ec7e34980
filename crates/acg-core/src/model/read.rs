//! How the model's structs are read: in one pass over a JSON object, each known key into its field and every
//! other key into the struct's `extra` map.
//!
//! serde's `#[serde(flatten)]` would keep the unknown keys too, but it buffers every field of the object as
//! `Content` first and then reads the struct from the buffer: a second pass, and per type a deserializer for
//! text and another for the buffer (most of the app's generic code). [`read_fields!`] writes one visitor per
//! struct from a list of its fields; the field types come from the struct, so the list names only keys and
//! defaults.

use std::borrow::Cow;

/// An object's key, borrowed from the text when it has no escapes.
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
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
        deserializer.deserialize_str(Visitor)
    }
}

/// `impl Deserialize` for a model struct from its field list: `field: "jsonKey"` (or several keys joined by
/// `|`, the first one its name in errors), optionally `= default expression` (else `Default::default()`).
/// The struct must have an `extra: Extra` field, which receives every other key in input order. A key given
/// twice is an error, as serde's derive makes it; nothing is required. A default expression must not name a
/// function called like one of the fields (the fields are local variables while reading).
macro_rules! read_fields {
    ($ty:ident { $($field:ident: $key:literal $(| $alias:literal)* $(= $default:expr)?),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($ty)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        $(let mut $field = None;)*
                        let mut extra = $crate::model::Extra::new();
                        while let Some($crate::model::read::Key(key)) = map.next_key()? {
                            match &*key {
                                $($key $(| $alias)* => {
                                    $crate::model::read::field(&mut map, &mut $field, $key)?;
                                })*
                                _ => $crate::model::read::other(&mut map, &mut extra, key)?,
                            }
                        }
                        Ok($ty { $($field: $field.unwrap_or_else(|| read_fields!(@default $($default)?)),)* extra })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    };
    (@default) => { Default::default() };
    (@default $default:expr) => { $default };
}
pub(crate) use read_fields;

/// Reads one known field's value (not inlined: one copy per field type, not one per field).
#[inline(never)]
pub(crate) fn field<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(serde::de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads the value of a key the struct does not know into its `extra` map.
#[inline(never)]
pub(crate) fn other<'de, A: serde::de::MapAccess<'de>>(
    map: &mut A,
    extra: &mut crate::model::Extra,
    key: Cow<'de, str>,
) -> Result<(), A::Error> {
    let value = map.next_value()?;
    extra.insert(key.into_owned(), value);
    Ok(())
}
