//! Dates as the model keeps them: text as written (`endOfLifeDate`), read the way Azure reads it. Used by
//! validation (D7, D8, D9), `latest` (expired versions), update checks and deployments.

use chrono::{Datelike, NaiveDate};

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

/// Why a date written as `yyyy-MM-dd` (alone or before a time) names no day of the calendar, in words:
/// "February 2030 has 28 days", "there is no month 13". `None` when the text does not start with that shape
/// or the day exists (then something else is wrong with it).
pub fn missing_day(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let t = text.trim();
    let head = t.get(..10)?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse::<u32>().ok()).flatten();
    let (year, month, day) = match head.as_bytes() {
        [_, _, _, _, b'-', _, _, b'-', _, _] => (digits(&head[..4])?, digits(&head[5..7])?, digits(&head[8..10])?),
        _ => return None,
    };
    let year = i32::try_from(year).ok()?;
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month} (months run from 01 to 12)"));
    }
    // The month's last day: the day before the first of the next month.
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }?;
    let days = first_of_next.pred_opt()?.day();
    let name = MONTHS.get(usize::try_from(month - 1).ok()?)?;
    (day == 0 || day > days).then(|| format!("{name} {year} has {days} days"))
}
