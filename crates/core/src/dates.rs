//! Dates as frontmatter writes them and readers read them, and "today",
//! which honours `SOURCE_DATE_EPOCH` so that builds can be reproduced.

use jiff::civil::Date;

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for "the time
/// of this build", when it is set and a number of seconds.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok())
}

/// Today, from `SOURCE_DATE_EPOCH` when set.
pub fn today() -> Date {
    if let Some(secs) = source_date_epoch()
        && let Ok(ts) = jiff::Timestamp::from_second(secs)
    {
        return ts.to_zoned(jiff::tz::TimeZone::UTC).date();
    }
    jiff::Zoned::now().date()
}

/// "1 April 2026".
pub fn display_date(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// A `YYYY-MM-DD` date; nothing looser, so that "03/04/2025" is never guessed.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() != 10 || t.as_bytes()[4] != b'-' || t.as_bytes()[7] != b'-' {
        return None;
    }
    t.parse::<Date>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_iso_dates() {
        assert!(parse_date("2026-03-31").is_some());
        assert!(parse_date("31/03/2026").is_none());
        assert!(parse_date("2026-02-30").is_none());
        assert_eq!(display_date(parse_date("2026-04-01").unwrap()), "1 April 2026");
    }
}
