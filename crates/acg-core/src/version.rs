//! Image version names: `Major.Minor.Patch`, compared as numbers, never as text.

use core::cmp::Ordering;
use core::fmt;
use core::str::FromStr;

/// The largest value of one segment: Azure stores each as a 32-bit signed integer (message V20).
pub const MAX_SEGMENT: u32 = 2_147_483_647;

/// A valid image version name such as `1.0.12`.
///
/// The text is kept exactly as written, so `Display` round-trips with `FromStr`.
///
/// # Order
/// Versions order by `(major, minor, patch)` as numbers: `1.0.9 < 1.0.12 < 2.0.0 < 10.0.0`. Two names that
/// are numerically equal but written differently (`1.0.0` and `1.00.0`) are different values; they order by
/// their text so the order stays total and consistent with `Eq`. Azure treats them as the same version,
/// which [`ImageVersionName::same_number`] tells.
///
/// ```
/// use acg_core::ImageVersionName;
/// let a: ImageVersionName = "1.0.9".parse().unwrap();
/// let b: ImageVersionName = "1.0.12".parse().unwrap();
/// assert!(a < b);
/// assert_eq!(b.to_string(), "1.0.12");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ImageVersionName {
    major: u32,
    minor: u32,
    patch: u32,
    text: Box<str>,
}

impl ImageVersionName {
    /// The major segment.
    pub fn major(&self) -> u32 {
        self.major
    }
    /// The minor segment.
    pub fn minor(&self) -> u32 {
        self.minor
    }
    /// The patch segment.
    pub fn patch(&self) -> u32 {
        self.patch
    }
    /// The numeric key Azure sorts by.
    pub fn key(&self) -> (u32, u32, u32) {
        (self.major, self.minor, self.patch)
    }
    /// The name as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
    /// Whether two names denote the same version number (`1.0.0` and `1.00.0` do).
    pub fn same_number(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
    /// Whether any segment is written with a leading zero (`1.01.0`): accepted, but confusing.
    pub fn has_leading_zero(&self) -> bool {
        Self::text_has_leading_zero(&self.text)
    }
    /// The numeric key of `text` if it is a valid version name (the same names [`FromStr`] accepts), without
    /// allocating: what `text.parse::<ImageVersionName>().ok().map(|v| v.key())` gives, for the walks over
    /// every version of a plan (validation, `latest`, replicas) that only compare numbers.
    pub fn parse_key(text: &str) -> Option<(u32, u32, u32)> {
        let mut numbers = [0u32; 3];
        let mut segment = 0;
        let mut value: u64 = 0;
        let mut digits = 0usize;
        for b in text.bytes() {
            if b == b'.' {
                if digits == 0 || segment == 2 {
                    return None;
                }
                numbers[segment] = u32::try_from(value).ok()?;
                segment += 1;
                value = 0;
                digits = 0;
            } else if b.is_ascii_digit() {
                value = value * 10 + u64::from(b - b'0');
                if value > u64::from(MAX_SEGMENT) {
                    return None;
                }
                digits += 1;
            } else {
                return None;
            }
        }
        if digits == 0 || segment != 2 {
            return None;
        }
        numbers[2] = u32::try_from(value).ok()?;
        Some((numbers[0], numbers[1], numbers[2]))
    }
    /// Whether a version name is written with a leading zero in a segment (`1.01.0`), as
    /// [`ImageVersionName::has_leading_zero`] says of a parsed one.
    pub fn text_has_leading_zero(text: &str) -> bool {
        let bytes = text.as_bytes();
        // A segment starts at 0 or after a dot, and has a leading zero when a '0' there is not its last byte.
        (0..bytes.len()).any(|i| {
            (i == 0 || bytes[i - 1] == b'.') && bytes[i] == b'0' && bytes.get(i + 1).is_some_and(|&b| b != b'.')
        })
    }
    /// Builds a version from its numbers, written canonically.
    pub fn from_parts(major: u32, minor: u32, patch: u32) -> Result<Self, VersionError> {
        format!("{major}.{minor}.{patch}").parse()
    }
}

impl Ord for ImageVersionName {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key()).then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for ImageVersionName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for ImageVersionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ImageVersionName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImageVersionName({})", self.text)
    }
}

/// Why a text is not an image version name. `Display` gives the reason in one sentence.
#[derive(Clone, PartialEq, Eq)]
pub struct VersionError(ErrorKind);

#[derive(Clone, PartialEq, Eq, Debug)]
enum ErrorKind {
    Empty,
    Keyword(String),
    SegmentCount(usize),
    EmptySegment(&'static str),
    NotDigits(&'static str, String),
    TooLarge(&'static str, String),
}

const SEGMENTS: [&str; 3] = ["Major", "Minor", "Patch"];

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            ErrorKind::Empty => f.write_str("the version name is empty; expected Major.Minor.Patch, e.g. 1.0.0"),
            ErrorKind::Keyword(word) => write!(
                f,
                "'{word}' selects a version at deployment; a version's own name must be Major.Minor.Patch, e.g. 1.0.0"
            ),
            ErrorKind::SegmentCount(n) => write!(
                f,
                "expected three numbers separated by dots (Major.Minor.Patch), found {n} part{}",
                if *n == 1 { "" } else { "s" }
            ),
            ErrorKind::EmptySegment(seg) => write!(f, "the {seg} number is missing"),
            ErrorKind::NotDigits(seg, text) => {
                write!(f, "the {seg} part '{text}' is not a number: only digits 0-9 are allowed")
            }
            ErrorKind::TooLarge(seg, text) => {
                write!(f, "the {seg} number {text} is larger than {MAX_SEGMENT}, the largest Azure accepts")
            }
        }
    }
}

impl fmt::Debug for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VersionError({self})")
    }
}

impl std::error::Error for VersionError {}

impl FromStr for ImageVersionName {
    type Err = VersionError;

    fn from_str(text: &str) -> Result<Self, VersionError> {
        if text.is_empty() {
            return Err(VersionError(ErrorKind::Empty));
        }
        if let Some((major, minor, patch)) = Self::parse_key(text) {
            return Ok(Self { major, minor, patch, text: text.into() });
        }
        if text.eq_ignore_ascii_case("latest") || text.eq_ignore_ascii_case("recent") {
            return Err(VersionError(ErrorKind::Keyword(text.to_owned())));
        }
        let parts: Vec<&str> = text.split('.').collect();
        if parts.len() != 3 {
            return Err(VersionError(ErrorKind::SegmentCount(parts.len())));
        }
        let mut numbers = [0u32; 3];
        for ((part, seg), slot) in parts.iter().zip(SEGMENTS).zip(&mut numbers) {
            if part.is_empty() {
                return Err(VersionError(ErrorKind::EmptySegment(seg)));
            }
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(VersionError(ErrorKind::NotDigits(seg, truncate(part))));
            }
            let digits = part.trim_start_matches('0');
            let value = if digits.is_empty() { Some(0) } else { digits.parse::<u32>().ok() };
            match value {
                Some(v) if v <= MAX_SEGMENT => *slot = v,
                _ => return Err(VersionError(ErrorKind::TooLarge(seg, truncate(part)))),
            }
        }
        Ok(Self { major: numbers[0], minor: numbers[1], patch: numbers[2], text: text.into() })
    }
}

/// Keeps error messages readable when the input is huge.
fn truncate(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

impl serde::Serialize for ImageVersionName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for ImageVersionName {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        text.parse::<ImageVersionName>().unwrap_err().to_string()
    }

    #[test]
    fn valid_names_round_trip() {
        for text in ["0.0.0", "1.0.12", "2018.12.1", "2147483647.2147483647.2147483647", "1.00.0"] {
            assert_eq!(text.parse::<ImageVersionName>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(err(""), "the version name is empty; expected Major.Minor.Patch, e.g. 1.0.0");
        assert_eq!(err("1.0"), "expected three numbers separated by dots (Major.Minor.Patch), found 2 parts");
        assert_eq!(err("1"), "expected three numbers separated by dots (Major.Minor.Patch), found 1 part");
        assert_eq!(err("1.0.0.0"), "expected three numbers separated by dots (Major.Minor.Patch), found 4 parts");
        assert_eq!(err("1.0.x"), "the Patch part 'x' is not a number: only digits 0-9 are allowed");
        assert_eq!(err("1..0"), "the Minor number is missing");
        assert_eq!(err("-1.0.0"), "the Major part '-1' is not a number: only digits 0-9 are allowed");
        assert_eq!(err("1.0.+1"), "the Patch part '+1' is not a number: only digits 0-9 are allowed");
        assert_eq!(
            err("1.0.2147483648"),
            "the Patch number 2147483648 is larger than 2147483647, the largest Azure accepts"
        );
        assert_eq!(
            err("99999999999999999999.0.0"),
            "the Major number 99999999999999999999 is larger than 2147483647, the largest Azure accepts"
        );
        assert_eq!(
            err("latest"),
            "'latest' selects a version at deployment; a version's own name must be Major.Minor.Patch, e.g. 1.0.0"
        );
        assert_eq!(
            err("Recent"),
            "'Recent' selects a version at deployment; a version's own name must be Major.Minor.Patch, e.g. 1.0.0"
        );
        assert_eq!(err("１.0.0"), "the Major part '１' is not a number: only digits 0-9 are allowed");
    }

    #[test]
    fn numeric_order_not_text_order() {
        let v = |t: &str| t.parse::<ImageVersionName>().unwrap();
        assert!(v("1.0.9") < v("1.0.12"));
        assert!(v("9.9.9") < v("10.0.0"));
        assert!(v("1.2.0") < v("1.10.0"));
        assert!(v("1.0.0").same_number(&v("1.00.0")));
        assert_ne!(v("1.0.0"), v("1.00.0"));
        assert!(v("1.00.0").has_leading_zero());
        assert!(!v("10.0.0").has_leading_zero());
    }

    #[test]
    fn leading_zeros_do_not_overflow() {
        let v: ImageVersionName = "0000000000002147483647.0.0".parse().unwrap();
        assert_eq!(v.major(), MAX_SEGMENT);
    }

    proptest::proptest! {
        #[test]
        fn order_is_numeric_and_total(a in proptest::array::uniform3(0u32..=MAX_SEGMENT), b in proptest::array::uniform3(0u32..=MAX_SEGMENT)) {
            let va = ImageVersionName::from_parts(a[0], a[1], a[2]).unwrap();
            let vb = ImageVersionName::from_parts(b[0], b[1], b[2]).unwrap();
            proptest::prop_assert_eq!(va.cmp(&vb), (a[0], a[1], a[2]).cmp(&(b[0], b[1], b[2])));
            proptest::prop_assert_eq!(va.cmp(&vb), vb.cmp(&va).reverse());
            proptest::prop_assert_eq!(va.to_string().parse::<ImageVersionName>().unwrap(), va);
        }

        #[test]
        fn parse_key_accepts_what_parse_accepts(text in "(0|1|9|00|07|[0-9]{1,11}|x|-|\\.){0,7}") {
            // The full parser checks the rules one by one (and says which failed); the key accepts the same.
            proptest::prop_assert_eq!(
                ImageVersionName::parse_key(&text),
                text.parse::<ImageVersionName>().ok().map(|v| v.key())
            );
            proptest::prop_assert_eq!(
                ImageVersionName::text_has_leading_zero(&text),
                text.split('.').any(|s| s.len() > 1 && s.starts_with('0'))
            );
            proptest::prop_assert_eq!(
                ImageVersionName::parse_key(&text).is_some(),
                !text.is_empty() && text.split('.').count() == 3 && text.split('.').all(|p| {
                    !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
                        && p.trim_start_matches('0').parse::<u64>().map_or(p.trim_start_matches('0').is_empty(), |n| n <= u64::from(MAX_SEGMENT))
                })
            );
        }

        #[test]
        fn parse_never_panics(text in ".{0,64}") {
            if let Ok(v) = text.parse::<ImageVersionName>() {
                proptest::prop_assert_eq!(v.to_string(), text);
            }
        }
    }
}
