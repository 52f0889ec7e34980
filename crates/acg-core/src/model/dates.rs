//! Dates as the model keeps them: text as written (`endOfLifeDate`), read the way Azure reads it. Used by
//! validation (D7, D8, D9), `latest` (expired versions), update checks and deployments.

use chrono::NaiveDate;

/// Parses a date as Azure accepts it for `endOfLifeDate`: `yyyy-MM-dd`, or an ISO 8601 date-time with or
/// without an offset. Returns the calendar date (UTC when an offset is given).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // chrono's `FromStr` parsers, not `parse_from_str`: the same forms without the strftime interpreter,
    // which is most of chrono's size in the browser builds.
    if let Ok(d) = t.parse::<NaiveDate>() {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&chrono::Utc).date_naive());
    }
    t.parse::<chrono::NaiveDateTime>().ok().map(|dt| dt.date())
}
