//! Closed Azure enums that never lose what the user typed.
//!
//! Azure's REST enums are case-insensitive on input. A plan may still hold a value Azure does not define
//! (a typo, a newer API value); such a value parses to `Unknown(text)` so the document round-trips and the
//! validator can name the field, instead of the whole import failing on one word.

/// Defines a string enum with a lossless `Unknown(String)` variant, case-insensitive parsing, `Display`,
/// and serde through the canonical string.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value Azure does not define, kept exactly as written.
            Unknown(String),
        }

        impl $name {
            /// Every value Azure defines, in the order of the REST specification.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];
            /// The canonical spellings of [`Self::KNOWN`].
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The canonical spelling (or the text as written for `Unknown`).
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Unknown(text) => text,
                }
            }

            /// Parses case-insensitively; anything else becomes `Unknown`.
            pub fn parse(text: &str) -> Self {
                $( if text.eq_ignore_ascii_case($text) { return $name::$variant; } )+
                $name::Unknown(text.to_owned())
            }

            /// `false` for `Unknown`.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::str::FromStr for $name {
            type Err = core::convert::Infallible;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(text))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::enums::StringEnum for $name {
            fn parse(text: &str) -> Self {
                Self::parse(text)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::parse(&text))
            }
        }
    };
}

pub(crate) use string_enum;

/// A type [`string_enum!`] defines: read from any text (the model's reader reads them all one way).
pub(crate) trait StringEnum {
    /// Parses case-insensitively; anything else becomes `Unknown`.
    fn parse(text: &str) -> Self;
}
