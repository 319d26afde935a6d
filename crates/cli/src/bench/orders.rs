//! The Spark-in-Action orders pipeline: Eddy runs the PySpark program of
//! [`eddy_python::workloads::orders`] (shared with the wasm benchmark in Chromium); the
//! baseline is the same pipeline written directly in Rust, over the same generated lines.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{bail, Result};
use eddy_python::workloads::orders;

use super::{ms, on_big_stack, si, timed, Row};

/// PySpark `local[2]` on this kind of machine (2 cores), from issue 7: orders per second.
const PYSPARK_ORDERS_PER_SEC: (f64, f64) = (25_000.0, 28_000.0);

/// Issue 7's goals for the orders pipeline, natively: at least 100x PySpark's throughput,
/// and no more than 2x the hand-written baseline's time.
pub fn goals(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| r.name.starts_with("orders"))
        .map(|r| {
            let rate = r.count as f64 / r.eddy;
            let pyspark = rate / PYSPARK_ORDERS_PER_SEC.1;
            let time = r.eddy / r.baseline;
            let verdict = |ok: bool| if ok { "met" } else { "missed" };
            format!(
                "goal, {}: >= 100x PySpark: {:.1}x ({}); <= 2x the baseline's time: {:.1}x ({})",
                r.name,
                pyspark,
                verdict(pyspark >= 100.0),
                time,
                verdict(time <= 2.0)
            )
        })
        .collect()
}

/// Runs the workload: one row.
pub fn run(batches: usize, size: usize) -> Result<Vec<Row>> {
    // An untimed run on a little input first: the first run of a process also pays for
    // touching its heap's pages for the first time.
    run_program(Arc::new(orders::files(2, 1000)), 2)?;
    let files = orders::files(batches, size);
    let lines = (batches * size) as u64;

    let (expected, baseline) = timed(|| baseline(&files));
    let (stdout, eddy) = run_program(Arc::new(files), batches)?;
    check(&stdout, &expected)?;

    let rate = lines as f64 / eddy;
    let (lo, hi) = PYSPARK_ORDERS_PER_SEC;
    let note = format!(
        "{} a batch (baseline {}); {:.1}-{:.1}x PySpark ({}-{}/s)",
        ms(eddy / batches as f64),
        ms(baseline / batches as f64),
        rate / hi,
        rate / lo,
        si(lo),
        si(hi),
    );
    Ok(vec![Row {
        name: format!("orders pipeline {batches}x{}", si(size as f64)),
        unit: "orders",
        count: lines,
        eddy,
        baseline,
        note,
    }])
}

/// Runs the program on `files` for `batches` batches: what it printed and its time.
fn run_program(files: Arc<Vec<String>>, batches: usize) -> Result<(String, f64)> {
    debug_assert_eq!(files.len(), batches);
    let (out, secs) = on_big_stack(move || timed(|| orders::run(files)))?;
    if let Some(e) = &out.error {
        bail!("the orders program failed: {e}\n{}", out.stderr);
    }
    if !out.stderr.is_empty() {
        bail!("the orders program reported errors:\n{}", out.stderr);
    }
    Ok((out.stdout, secs))
}

/// The lines the program's last batch prints, from the baseline, sorted.
type Expected = Vec<String>;

/// Compares the program's last pprint block with what the baseline computed.
fn check(stdout: &str, expected: &Expected) -> Result<()> {
    let Some(last) = stdout
        .rsplit("-------------------------------------------\n")
        .next()
    else {
        bail!("the orders program printed nothing");
    };
    let mut got: Vec<String> = last
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    got.sort();
    if &got != expected {
        bail!("the orders program's last batch differs from the baseline's:\n{got:#?}\nexpected:\n{expected:#?}");
    }
    Ok(())
}

/// A naive date-time as `datetime.strptime(s, "%Y-%m-%d %H:%M:%S")` checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl Stamp {
    fn parse(s: &str) -> Option<Stamp> {
        let b = s.as_bytes();
        if b.len() != 19 || b[4] != b'-' || b[7] != b'-' || b[10] != b' ' {
            return None;
        }
        if b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if year == 0 || day == 0 || day > days || hour > 23 || minute > 59 || second > 61 {
            return None;
        }
        Some(Stamp {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
        })
    }
}

/// One order, as `parseOrder` makes it.
#[derive(Debug, Clone)]
#[allow(dead_code)] // the pipeline reads some fields only; all are parsed, as the program does
struct Order {
    time: Stamp,
    order_id: i64,
    client_id: i64,
    symbol: String,
    amount: i64,
    price: f64,
    buy: bool,
}

fn parse_order(line: &str) -> Option<Order> {
    let s: Vec<&str> = line.split(',').collect();
    if s.len() < 7 || (s[6] != "B" && s[6] != "S") {
        return None;
    }
    Some(Order {
        time: Stamp::parse(s[0])?,
        order_id: s[1].trim().parse().ok()?,
        client_id: s[2].trim().parse().ok()?,
        symbol: s[3].to_string(),
        amount: s[4].trim().parse().ok()?,
        price: s[5].trim().parse().ok()?,
        buy: s[6] == "B",
    })
}

/// The pipeline by hand: the last batch's printed lines, sorted.
fn baseline(files: &[String]) -> Expected {
    let mut state: HashMap<i64, f64> = HashMap::new();
    let mut last = Vec::new();
    for text in files {
        let orders: Vec<Order> = text.lines().filter_map(parse_order).collect();
        let (mut buys, mut sells) = (0u64, 0u64);
        let mut amounts: HashMap<i64, f64> = HashMap::new();
        for o in &orders {
            if o.buy {
                buys += 1;
            } else {
                sells += 1;
            }
            *amounts.entry(o.client_id).or_insert(0.0) += o.amount as f64 * o.price;
        }
        for (client, amount) in amounts {
            *state.entry(client).or_insert(0.0) += amount;
        }
        let mut ranked: Vec<(i64, f64)> = state.iter().map(|(k, v)| (*k, *v)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let top: Vec<String> = ranked
            .iter()
            .take(5)
            .map(|(c, _)| format!("'{c}'"))
            .collect();
        last.clear();
        if buys > 0 {
            last.push(format!("('BUYS', ['{buys}'])"));
        }
        if sells > 0 {
            last.push(format!("('SELLS', ['{sells}'])"));
        }
        last.push(format!("('TOP5CLIENTS', [{}])", top.join(", ")));
    }
    last.sort();
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_parse_as_strptime_checks_them() {
        assert!(Stamp::parse("2016-03-22 20:25:28").is_some());
        assert!(Stamp::parse("2015-02-29 00:00:00").is_none());
        assert!(Stamp::parse("2016-13-01 00:00:00").is_none());
        assert!(Stamp::parse("this line is malformed").is_none());
    }

    #[test]
    fn malformed_lines_are_dropped() {
        assert!(parse_order("2016-03-22 20:25:28,1,80,EPE,710,51.00,B").is_some());
        assert!(parse_order("2016-03-22 20:25:28,1,80,EPE,710,51.00,X").is_none());
        assert!(parse_order("this line is malformed").is_none());
    }

    #[test]
    fn the_program_and_the_baseline_agree_on_small_input() {
        let files = orders::files(3, 200);
        assert!(files[0].contains("this line is malformed"));
        let expected = baseline(&files);
        let shared = Arc::new(files);
        let out = on_big_stack(move || orders::run(shared)).unwrap();
        assert_eq!(out.error, None, "{}", out.stderr);
        check(&out.stdout, &expected).unwrap();
    }
}
