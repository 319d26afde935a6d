//! Python's naive `datetime.datetime`: construction with CPython's checks, `repr`/`str` as
//! CPython prints them, ordering, and CPython's hash (so that datetimes partition as in Spark).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ValueError;

/// A naive `datetime.datetime` (no `tzinfo`), microsecond precision.
///
/// ```
/// use eddy_core::value::DateTime;
/// use eddy_core::Value;
/// let t = DateTime::new(2016, 3, 22, 20, 25, 28, 0).unwrap();
/// assert_eq!(Value::DateTime(t).repr(), "datetime.datetime(2016, 3, 22, 20, 25, 28)");
/// assert_eq!(Value::DateTime(t).to_string(), "2016-03-22 20:25:28");
/// assert!(DateTime::new(2015, 2, 29, 0, 0, 0, 0).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    microsecond: u32,
}

fn bad(message: &str) -> ValueError {
    ValueError::Raised(format!("ValueError: {message}"))
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl DateTime {
    /// `datetime(year, month, day, hour, minute, second, microsecond)`, with CPython's range
    /// checks and messages (`ValueError: day is out of range for month`).
    pub fn new(
        year: i64,
        month: i64,
        day: i64,
        hour: i64,
        minute: i64,
        second: i64,
        microsecond: i64,
    ) -> Result<Self, ValueError> {
        if !(1..=9999).contains(&year) {
            return Err(bad(&format!("year {year} is out of range")));
        }
        if !(1..=12).contains(&month) {
            return Err(bad("month must be in 1..12"));
        }
        if day < 1 || day > i64::from(days_in_month(year, month as u32)) {
            return Err(bad("day is out of range for month"));
        }
        if !(0..=23).contains(&hour) {
            return Err(bad("hour must be in 0..23"));
        }
        if !(0..=59).contains(&minute) {
            return Err(bad("minute must be in 0..59"));
        }
        if !(0..=59).contains(&second) {
            return Err(bad("second must be in 0..59"));
        }
        if !(0..=999_999).contains(&microsecond) {
            return Err(bad("microsecond must be in 0..999999"));
        }
        Ok(DateTime {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            microsecond: microsecond as u32,
        })
    }

    /// The naive datetime `micros` microseconds after 1970-01-01 00:00:00 (as
    /// `datetime(1970, 1, 1) + timedelta(microseconds=micros)`); an error outside years 1–9999.
    pub fn from_unix_micros(micros: i64) -> Result<Self, ValueError> {
        let days = micros.div_euclid(86_400_000_000);
        let in_day = micros.rem_euclid(86_400_000_000);
        let (year, month, day) = crate::time::civil_from_days(days);
        let secs = in_day / 1_000_000;
        DateTime::new(
            year,
            i64::from(month),
            i64::from(day),
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            in_day % 1_000_000,
        )
        .map_err(|_| bad("date value out of range"))
    }

    /// Microseconds since 1970-01-01 00:00:00 (negative before).
    pub fn unix_micros(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), self.month.into(), self.day.into());
        let secs =
            i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        (days * 86_400 + secs) * 1_000_000 + i64::from(self.microsecond)
    }

    /// This datetime plus `micros` microseconds (`+ timedelta(microseconds=...)`).
    pub fn plus_micros(&self, micros: i64) -> Result<Self, ValueError> {
        let total = self
            .unix_micros()
            .checked_add(micros)
            .ok_or_else(|| bad("date value out of range"))?;
        DateTime::from_unix_micros(total)
    }

    /// `datetime.strptime(text, format)` for the directives `%Y %m %d %H %M %S %f %%` (and
    /// literal characters), with CPython's message when the text does not match.
    ///
    /// ```
    /// use eddy_core::value::DateTime;
    /// let t = DateTime::strptime("2016-03-22 20:25:28", "%Y-%m-%d %H:%M:%S").unwrap();
    /// assert_eq!(t.to_string(), "2016-03-22 20:25:28");
    /// ```
    pub fn strptime(text: &str, format: &str) -> Result<Self, ValueError> {
        let mismatch = || {
            bad(&format!(
                "time data {} does not match format {}",
                super::Value::from(text).repr(),
                super::Value::from(format).repr()
            ))
        };
        let mut fields = [1900i64, 1, 1, 0, 0, 0, 0];
        let mut rest = text;
        let mut fmt = format.chars();
        while let Some(c) = fmt.next() {
            if c != '%' {
                rest = rest.strip_prefix(c).ok_or_else(mismatch)?;
                continue;
            }
            let (slot, max_digits) = match fmt.next().ok_or_else(mismatch)? {
                'Y' => (0, 4),
                'm' => (1, 2),
                'd' => (2, 2),
                'H' => (3, 2),
                'M' => (4, 2),
                'S' => (5, 2),
                'f' => (6, 6),
                '%' => {
                    rest = rest.strip_prefix('%').ok_or_else(mismatch)?;
                    continue;
                }
                other => {
                    return Err(bad(&format!(
                        "'{other}' is a bad directive in format '%{other}' (Eddy's strptime \
                         knows %Y %m %d %H %M %S %f)"
                    )))
                }
            };
            let digits = rest
                .chars()
                .take(max_digits)
                .take_while(char::is_ascii_digit)
                .count();
            if digits == 0 {
                return Err(mismatch());
            }
            let (number, tail) = rest.split_at(digits);
            let mut n: i64 = number.parse().map_err(|_| mismatch())?;
            if slot == 6 {
                n *= 10i64.pow((6 - digits) as u32);
            }
            fields[slot] = n;
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(bad(&format!("unconverted data remains: {rest}")));
        }
        let [y, mo, d, h, mi, s, us] = fields;
        DateTime::new(y, mo, d, h, mi, s, us)
    }

    /// The year.
    pub fn year(&self) -> i64 {
        self.year.into()
    }
    /// The month, 1–12.
    pub fn month(&self) -> i64 {
        self.month.into()
    }
    /// The day of the month.
    pub fn day(&self) -> i64 {
        self.day.into()
    }
    /// The hour, 0–23.
    pub fn hour(&self) -> i64 {
        self.hour.into()
    }
    /// The minute.
    pub fn minute(&self) -> i64 {
        self.minute.into()
    }
    /// The second.
    pub fn second(&self) -> i64 {
        self.second.into()
    }
    /// The microsecond.
    pub fn microsecond(&self) -> i64 {
        self.microsecond.into()
    }

    /// The 10 bytes CPython keeps (and hashes): year big-endian, month, day, hour, minute,
    /// second, microsecond in 3 bytes big-endian.
    pub(crate) fn data(&self) -> [u8; 10] {
        let [y1, y2] = self.year.to_be_bytes();
        let us = self.microsecond.to_be_bytes();
        [
            y1,
            y2,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            us[1],
            us[2],
            us[3],
        ]
    }

    /// `repr(dt)`: `datetime.datetime(2016, 3, 22, 20, 25, 28)`; CPython leaves out a zero
    /// microsecond, and a zero second too when the microsecond is zero.
    pub fn repr(&self) -> String {
        let head = format!(
            "datetime.datetime({}, {}, {}, {}, {}",
            self.year, self.month, self.day, self.hour, self.minute
        );
        match (self.second, self.microsecond) {
            (0, 0) => format!("{head})"),
            (s, 0) => format!("{head}, {s})"),
            (s, us) => format!("{head}, {s}, {us})"),
        }
    }
}

/// `str(dt)`: `dt.isoformat(' ')`, with `.ffffff` only when the microsecond is not zero.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.microsecond != 0 {
            write!(f, ".{:06}", self.microsecond)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::value::py_hash;
    use crate::Value;

    fn dt(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64, us: i64) -> DateTime {
        DateTime::new(y, mo, d, h, mi, s, us).unwrap()
    }

    /// Expected strings and hashes printed by CPython 3.11.7 with `PYTHONHASHSEED=0`.
    #[test]
    fn reprs_strs_and_hashes_match_cpython() {
        let t = dt(2016, 3, 22, 20, 25, 28, 0);
        assert_eq!(t.repr(), "datetime.datetime(2016, 3, 22, 20, 25, 28)");
        assert_eq!(t.to_string(), "2016-03-22 20:25:28");
        assert_eq!(py_hash(&Value::DateTime(t)), Ok(5314752934908243983));
        let midnight = dt(2016, 3, 22, 0, 0, 0, 0);
        assert_eq!(midnight.repr(), "datetime.datetime(2016, 3, 22, 0, 0)");
        let micro = dt(2016, 3, 22, 1, 2, 0, 5);
        assert_eq!(micro.repr(), "datetime.datetime(2016, 3, 22, 1, 2, 0, 5)");
        assert_eq!(micro.to_string(), "2016-03-22 01:02:00.000005");
        assert_eq!(
            py_hash(&Value::DateTime(dt(1, 1, 1, 0, 0, 0, 0))),
            Ok(6974783488857104212)
        );
        assert_eq!(
            py_hash(&Value::DateTime(dt(9999, 12, 31, 23, 59, 59, 999_999))),
            Ok(-879740279805283932)
        );
    }

    #[test]
    fn out_of_range_fields_say_what_cpython_says() {
        let err = DateTime::new(2016, 13, 1, 0, 0, 0, 0).unwrap_err();
        assert_eq!(err.to_string(), "ValueError: month must be in 1..12");
        assert!(DateTime::new(2000, 2, 29, 0, 0, 0, 0).is_ok());
        assert!(DateTime::new(1900, 2, 29, 0, 0, 0, 0).is_err());
        assert!(DateTime::new(0, 1, 1, 0, 0, 0, 0).is_err());
    }

    #[test]
    fn unix_micros_round_trip_across_leap_days() {
        let t = dt(2016, 2, 29, 23, 59, 59, 999_999);
        assert_eq!(DateTime::from_unix_micros(t.unix_micros()), Ok(t));
        assert_eq!(dt(1970, 1, 1, 0, 0, 0, 0).unix_micros(), 0);
        assert_eq!(t.plus_micros(1), Ok(dt(2016, 3, 1, 0, 0, 0, 0)));
        assert!(dt(9999, 12, 31, 23, 59, 59, 999_999)
            .plus_micros(1)
            .is_err());
    }

    #[test]
    fn strptime_reads_the_order_lines_format_and_refuses_junk() {
        let t = DateTime::strptime("2016-03-22 20:25:28.5", "%Y-%m-%d %H:%M:%S.%f").unwrap();
        assert_eq!(t.microsecond(), 500_000);
        let err = DateTime::strptime("2016/03/22", "%Y-%m-%d").unwrap_err();
        assert_eq!(
            err.to_string(),
            "ValueError: time data '2016/03/22' does not match format '%Y-%m-%d'"
        );
        assert!(DateTime::strptime("2016-03-22x", "%Y-%m-%d").is_err());
    }

    #[test]
    fn datetimes_order_by_time() {
        assert!(dt(2016, 3, 22, 0, 0, 0, 1) > dt(2016, 3, 22, 0, 0, 0, 0));
        assert!(dt(2015, 12, 31, 23, 0, 0, 0) < dt(2016, 1, 1, 0, 0, 0, 0));
    }
}
