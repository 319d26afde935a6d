//! The logical batch clock. Spark measures time in milliseconds since `zeroTime`; Eddy's clock
//! starts at the epoch (SEMANTICS A1), so batch `i` has time `(i + 1) * interval`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A length of logical time, in milliseconds (Spark's `Duration`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Duration(pub i64);

impl Duration {
    /// From seconds, as PySpark takes them (`StreamingContext(sc, 0.5)`), rounded to the
    /// millisecond as Spark's `Seconds(...)` does.
    pub fn from_secs_f64(secs: f64) -> Self {
        Duration((secs * 1000.0).round() as i64)
    }

    /// Milliseconds.
    pub fn millis(self) -> i64 {
        self.0
    }
}

/// The time of a batch: milliseconds since the epoch on the logical clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BatchTime(pub i64);

impl BatchTime {
    /// The time of batch `index` (0-based) for a batch interval (SEMANTICS A1).
    pub fn of_batch(index: u64, interval: Duration) -> Self {
        BatchTime((index as i64 + 1) * interval.0)
    }

    /// Whether a stream sliding every `slide` has an RDD at this time: Spark's `isTimeValid`
    /// with `zeroTime` 0 (after zero, on a multiple of the slide).
    pub fn is_valid_for(self, slide: Duration) -> bool {
        self.0 > 0 && slide.0 > 0 && self.0 % slide.0 == 0
    }

    /// This time moved by `d` (which may be negative).
    pub fn plus(self, d: Duration) -> BatchTime {
        BatchTime(self.0 + d.0)
    }

    /// This time moved back by `d`.
    pub fn minus(self, d: Duration) -> BatchTime {
        BatchTime(self.0 - d.0)
    }
}

/// Spark's `DStream.slice(from, to)` for a stream sliding every `slide`: the times from `from`
/// to `to` inclusive, aligned down to the slide, that are after zero (earlier ones have no
/// RDD, which is why windows start partial, SEMANTICS B2).
///
/// ```
/// use eddy_core::time::{slice, BatchTime, Duration};
/// let times = slice(BatchTime(-1000), BatchTime(2000), Duration(1000));
/// assert_eq!(times, [BatchTime(1000), BatchTime(2000)]);
/// ```
pub fn slice(from: BatchTime, to: BatchTime, slide: Duration) -> Vec<BatchTime> {
    let s = slide.0.max(1);
    // The first time after zero: walking the times before it only to drop them took seconds
    // per batch for `window(10**9, 1)`.
    let from = (from.0.div_euclid(s) * s).max(s);
    let to = to.0.div_euclid(s) * s;
    (from..=to)
        .step_by(s as usize)
        .filter(|t| *t > 0)
        .map(BatchTime)
        .collect()
}

impl Duration {
    /// Whether this duration is a whole number of `other`s (Spark's `isMultipleOf`).
    pub fn is_multiple_of(self, other: Duration) -> bool {
        other.0 > 0 && self.0 % other.0 == 0
    }
}

impl fmt::Display for Duration {
    /// As Spark prints durations in its messages: `2500 ms`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ms", self.0)
    }
}

/// Formats like Python's `str(datetime.fromtimestamp(t / 1000))` in UTC, which is what pprint
/// prints after `Time: ` (`1970-01-01 00:00:01`, or `1970-01-01 00:00:00.500000`).
impl fmt::Display for BatchTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0;
        let days = millis.div_euclid(86_400_000);
        let ms_of_day = millis.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        let secs = ms_of_day / 1000;
        write!(
            f,
            "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )?;
        match ms_of_day % 1000 {
            0 => Ok(()),
            ms => write!(f, ".{:06}", ms * 1000),
        }
    }
}

/// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count since 1970.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn batch_zero_is_one_interval_after_the_epoch() {
        let t = BatchTime::of_batch(0, Duration::from_secs_f64(1.0));
        assert_eq!(t.to_string(), "1970-01-01 00:00:01");
    }

    #[test]
    fn fractional_intervals_print_microseconds() {
        let t = BatchTime::of_batch(0, Duration::from_secs_f64(0.5));
        assert_eq!(t.to_string(), "1970-01-01 00:00:00.500000");
    }

    #[test]
    fn dates_roll_over_days_months_and_leap_years() {
        assert_eq!(
            BatchTime(86_400_000 * 59).to_string(),
            "1970-03-01 00:00:00"
        );
        // 2016-03-22 20:25:28 UTC, the time stamp of the book's order lines.
        assert_eq!(
            BatchTime(1_458_678_328_000).to_string(),
            "2016-03-22 20:25:28"
        );
        assert_eq!(
            BatchTime(951_782_400_000).to_string(),
            "2000-02-29 00:00:00"
        );
    }
}
