//! A seeded source of Spark-in-Action order lines.

use rand_core::Rng;
use rand_pcg::Pcg64;

use crate::operator::{OpContext, OpError, Operator};
use crate::value::DateTime;
use crate::{Batch, BatchTime, Duration, Value};

/// The ticker symbols orders are drawn from (the book's feed uses real NASDAQ/NYSE symbols).
pub const SYMBOLS: [&str; 80] = [
    "AAPL", "ABBV", "ABT", "ACN", "ADBE", "AMD", "AMGN", "AMZN", "AVGO", "AXP", "BA", "BAC",
    "BIIB", "BK", "BMY", "C", "CAT", "CELG", "CMCSA", "COP", "COST", "CSCO", "CVS", "CVX", "DIS",
    "EBAY", "EPE", "F", "FB", "FOX", "GE", "GILD", "GM", "GOOG", "GS", "HD", "HON", "IBM", "INTC",
    "JNJ", "JPM", "KO", "LLY", "LMT", "LOW", "MA", "MCD", "MDT", "MET", "MMM", "MO", "MRK", "MS",
    "MSFT", "NFLX", "NKE", "NVDA", "ORCL", "OXY", "PEP", "PFE", "PG", "PYPL", "QCOM", "SBUX",
    "SLB", "T", "TGT", "TSLA", "TXN", "UNH", "UNP", "UPS", "USB", "V", "VZ", "WBA", "WFC", "WMT",
    "XOM",
];

/// Where the time stamps start: the first line of the book's order feed,
/// `2016-03-22 20:25:28` (1458678328 seconds after the epoch).
const BASE_MICROS: i64 = 1_458_678_328_000_000;

/// Order lines in the format of *Spark in Action*'s stock-exchange feed:
/// `2016-03-22 20:25:28,1,80,EPE,710,51.00,B`, that is time stamp, order id, client id
/// (1–100), symbol (one of [`SYMBOLS`]), number of shares (1–1000), price (1.00–100.00) and
/// `B` (buy) or `S` (sell), about evenly.
///
/// Each batch has `rate` lines. Nothing reads a clock: the lines of the batch at time `t` are a
/// function of `(seed, rate, t)` alone (a PCG generator seeded with the seed and the batch's
/// index), so a batch computed twice, or replayed after stepping back, is the same. Order ids
/// run on across batches (`index * rate + 1 …`); time stamps are the base date plus the
/// batch's start on the logical clock, spread evenly over the batch interval and cut to whole
/// seconds. The batch is cut into partitions as `sc.parallelize` cuts a list (SEMANTICS E1).
///
/// ```
/// use eddy_core::ops::OrderGenerator;
/// use eddy_core::{BatchTime, Duration};
/// let lines = OrderGenerator::new(3, 42).lines(BatchTime(1000), Duration(1000));
/// assert_eq!(lines.len(), 3);
/// assert!(lines[0].starts_with("2016-03-22 20:25:28,1,"));
/// let fields: Vec<&str> = lines[2].split(',').collect();
/// assert_eq!(fields[1], "3");
/// assert!(fields[6] == "B" || fields[6] == "S");
/// ```
#[derive(Clone, Debug)]
pub struct OrderGenerator {
    rate: usize,
    seed: u64,
}

/// A uniform draw in `0..n` (Lemire's multiply-shift; the tiny bias is the same everywhere).
fn below(rng: &mut Pcg64, n: u64) -> u64 {
    ((u128::from(rng.next_u64()) * u128::from(n)) >> 64) as u64
}

impl OrderGenerator {
    /// `rate` lines per batch from `seed`.
    pub fn new(rate: usize, seed: u64) -> Self {
        OrderGenerator { rate, seed }
    }

    /// The lines of the batch at `time` of a stream with batch interval `interval`.
    pub fn lines(&self, time: BatchTime, interval: Duration) -> Vec<String> {
        let b = interval.0.max(1);
        let index = (time.0 / b - 1).max(0) as u64;
        let mut rng = Pcg64::new(u128::from(self.seed), u128::from(index));
        let start = i64::try_from(index)
            .unwrap_or(i64::MAX)
            .saturating_mul(b)
            .saturating_mul(1000);
        let rate = self.rate as i64;
        (0..self.rate as u64)
            .map(|j| {
                let offset = start.saturating_add(b * 1000 * j as i64 / rate.max(1));
                let stamp = DateTime::from_unix_micros(BASE_MICROS.saturating_add(offset))
                    .map(|t| t.plus_micros(-t.microsecond()).unwrap_or(t).to_string())
                    .unwrap_or_else(|_| "9999-12-31 23:59:59".into());
                let id = index.saturating_mul(self.rate as u64).saturating_add(j + 1);
                let client = 1 + below(&mut rng, 100);
                let symbol = SYMBOLS[below(&mut rng, SYMBOLS.len() as u64) as usize];
                let amount = 1 + below(&mut rng, 1000);
                let cents = 100 + below(&mut rng, 9901);
                let side = if rng.next_u64() >> 63 == 0 { "B" } else { "S" };
                format!(
                    "{stamp},{id},{client},{symbol},{amount},{}.{:02},{side}",
                    cents / 100,
                    cents % 100
                )
            })
            .collect()
    }
}

impl Operator for OrderGenerator {
    fn compute(
        &mut self,
        time: BatchTime,
        _inputs: &[Option<&Batch>],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        let lines = self.lines(time, cx.interval);
        let records = lines.into_iter().map(Value::str).collect();
        Ok(Some(Batch::parallelize(records, cx.parallelism)))
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const B: Duration = Duration(1000);

    #[test]
    fn a_rate_of_zero_gives_empty_batches() {
        assert!(OrderGenerator::new(0, 1)
            .lines(BatchTime(1000), B)
            .is_empty());
    }

    #[test]
    fn the_same_seed_and_time_give_the_same_lines() {
        let g = OrderGenerator::new(50, 7);
        assert_eq!(g.lines(BatchTime(5000), B), g.lines(BatchTime(5000), B));
        assert_ne!(g.lines(BatchTime(5000), B), g.lines(BatchTime(6000), B));
        assert_ne!(
            g.lines(BatchTime(5000), B),
            OrderGenerator::new(50, 8).lines(BatchTime(5000), B)
        );
    }

    /// The first lines for seed 42, fixed so that any change to the generator shows.
    #[test]
    fn seed_42_gives_these_lines() {
        let lines = OrderGenerator::new(2, 42).lines(BatchTime(2000), B);
        assert_eq!(
            lines,
            [
                "2016-03-22 20:25:29,3,72,F,469,3.21,B",
                "2016-03-22 20:25:29,4,32,AAPL,284,99.68,B"
            ]
        );
    }

    #[test]
    fn every_field_is_in_range_and_ids_run_on() {
        let g = OrderGenerator::new(1000, 3);
        let lines = g.lines(BatchTime(4000), Duration(2000)).into_iter();
        let mut buys = 0;
        for (j, line) in lines.enumerate() {
            let f: Vec<&str> = line.split(',').collect();
            assert_eq!(f.len(), 7, "{line}");
            assert!(DateTime::strptime(f[0], "%Y-%m-%d %H:%M:%S").is_ok());
            assert_eq!(f[1].parse::<usize>().unwrap(), 1000 + j + 1);
            assert!((1..=100).contains(&f[2].parse::<u32>().unwrap()));
            assert!(SYMBOLS.contains(&f[3]));
            assert!((1..=1000).contains(&f[4].parse::<u32>().unwrap()));
            let price: f64 = f[5].parse().unwrap();
            assert!((1.0..=100.0).contains(&price) && f[5].len() - f[5].find('.').unwrap() == 3);
            buys += usize::from(f[6] == "B");
        }
        assert!((400..600).contains(&buys), "{buys} buys of 1000");
    }

    #[test]
    fn time_stamps_start_at_the_batch_and_spread_over_it() {
        let lines = OrderGenerator::new(4, 1).lines(BatchTime(4000), Duration(2000));
        let stamps: Vec<&str> = lines.iter().map(|l| &l[..19]).collect();
        // Batch 1 of 2-second batches starts 2 s after the base.
        assert_eq!(
            stamps,
            [
                "2016-03-22 20:25:30",
                "2016-03-22 20:25:30",
                "2016-03-22 20:25:31",
                "2016-03-22 20:25:31"
            ]
        );
    }
}
