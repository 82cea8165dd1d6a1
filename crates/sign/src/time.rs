//! UTC timestamps in the `yyyy-MM-ddTHH:mm:ssZ` form that `Timestamp` and
//! `x-acs-date` use. The core never reads a clock: callers pass the time in.
//!
//! ```
//! use ramp_sign::time::UtcTime;
//! let t = UtcTime::parse("2016-02-23T12:46:24Z").unwrap();
//! assert_eq!(t.unix_seconds(), 1_456_231_584);
//! assert_eq!(t.to_string(), "2016-02-23T12:46:24Z");
//! ```

use std::fmt;

/// A second-precision UTC instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime(i64);

/// Why a timestamp did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeFormatError {
    /// The text that was given.
    pub input: String,
}

impl fmt::Display for TimeFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a UTC timestamp; write it as yyyy-MM-ddTHH:mm:ssZ, e.g. 2024-01-02T03:04:05Z",
            self.input
        )
    }
}

impl std::error::Error for TimeFormatError {}

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// The inverse: (year, month, day) for days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

impl UtcTime {
    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        UtcTime(seconds)
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// Parses exactly `yyyy-MM-ddTHH:mm:ssZ` (years 1970–9999).
    pub fn parse(s: &str) -> Result<Self, TimeFormatError> {
        let err = || TimeFormatError {
            input: s.to_owned(),
        };
        let b = s.as_bytes();
        if b.len() != 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[19] != b'Z'
        {
            return Err(err());
        }
        let num = |range: std::ops::Range<usize>| -> Result<i64, TimeFormatError> {
            let part = &b[range];
            if !part.iter().all(u8::is_ascii_digit) {
                return Err(err());
            }
            Ok(part
                .iter()
                .fold(0, |acc, &c| acc * 10 + i64::from(c - b'0')))
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(year) => 29,
            2 => 28,
            _ => return Err(err()),
        };
        if year < 1970 || day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 59
        {
            return Err(err());
        }
        let days = days_from_civil(year, month, day);
        Ok(UtcTime(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// The instant `seconds` later (earlier when negative).
    pub fn plus_seconds(self, seconds: i64) -> Self {
        UtcTime(self.0.saturating_add(seconds))
    }
}

impl fmt::Display for UtcTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(86_400);
        let secs = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        if !(0..=9999).contains(&y) {
            return write!(
                f,
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                secs / 3600,
                secs % 3600 / 60,
                secs % 60
            );
        }
        // Every request is signed with one: digits by hand, not through the formatter.
        let mut text = *b"0000-00-00T00:00:00Z";
        let mut put = |at: usize, value: i64, width: usize| {
            let mut v = value;
            for i in (at..at + width).rev() {
                text[i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(0, y, 4);
        put(5, m, 2);
        put(8, d, 2);
        put(11, secs / 3600, 2);
        put(14, secs % 3600 / 60, 2);
        put(17, secs % 60, 2);
        f.write_str(std::str::from_utf8(&text).expect("digits and separators are ASCII"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn known_instants() {
        // Values from `date -u -d @N +%Y-%m-%dT%H:%M:%SZ`.
        for (secs, text) in [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_456_231_584, "2016-02-23T12:46:24Z"),
            (1_748_764_800, "2025-06-01T08:00:00Z"),
            (4_102_444_799, "2099-12-31T23:59:59Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
        ] {
            assert_eq!(UtcTime::from_unix_seconds(secs).to_string(), text);
            assert_eq!(UtcTime::parse(text).unwrap().unix_seconds(), secs);
        }
        // Before the epoch: printed, never parsed (no request is signed then).
        for (secs, text) in [
            (-1, "1969-12-31T23:59:59Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"),
        ] {
            assert_eq!(UtcTime::from_unix_seconds(secs).to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "2016-02-23 12:46:24Z",
            "2016-02-23T12:46:24",
            "2016-02-30T00:00:00Z",
            "2015-02-29T00:00:00Z",
            "2016-13-01T00:00:00Z",
            "2016-02-23T24:00:00Z",
            "2016-02-23T12:46:24.000Z",
            "20x6-02-23T12:46:24Z",
            "２016-02-23T12:46:24Z",
        ] {
            assert!(UtcTime::parse(bad).is_err(), "{bad}");
        }
    }
}
