//! `eddy bench`: each workload run through Eddy and through a hand-written Rust baseline that
//! does the same work with no engine (typed structs, hash maps), side by side in one process
//! and one run, printed as a table of throughputs and ratios.
//!
//! Inputs are generated (seeded) before the clock starts; what is timed is the run alone.
//! Each workload checks that Eddy and its baseline computed the same answer, so a fast wrong
//! result cannot pass for a fast right one.

mod ml;
mod orders;
mod state;
mod stateless;
mod window;

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::{bail, Result};

/// What `eddy bench` runs.
#[derive(clap::Args, Debug, Clone)]
pub struct BenchArgs {
    /// Workloads to run (comma-separated): orders, window, state, stateless, ml. All by default.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Batches of the orders pipeline and the stateless chain.
    #[arg(long, default_value_t = 50)]
    pub batches: usize,
    /// Orders lines per batch, one run per size (comma-separated).
    #[arg(long, value_delimiter = ',', default_values_t = [10_000, 100_000])]
    pub orders_sizes: Vec<usize>,
    /// Window lengths (in batches) of the reduceByKeyAndWindow workload.
    #[arg(long, value_delimiter = ',', default_values_t = [10, 100, 1000])]
    pub windows: Vec<usize>,
    /// Keys in the updateStateByKey workload's state.
    #[arg(long, default_value_t = 1_000_000)]
    pub state_keys: usize,
    /// Records per batch of the stateless chain.
    #[arg(long, default_value_t = 100_000)]
    pub stateless_size: usize,
    /// Points per batch of the ML workloads.
    #[arg(long, default_value_t = 100_000)]
    pub ml_points: usize,
    /// Small sizes everywhere: a run of a few seconds that checks the benches work.
    #[arg(long)]
    pub quick: bool,
}

impl BenchArgs {
    fn normalised(mut self) -> Self {
        if self.quick {
            self.batches = self.batches.min(5);
            self.orders_sizes = vec![1_000];
            self.windows = vec![10, 100];
            self.state_keys = self.state_keys.min(10_000);
            self.stateless_size = self.stateless_size.min(10_000);
            self.ml_points = self.ml_points.min(10_000);
        }
        self
    }

    fn wants(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == name)
    }
}

/// One line of the table: a workload through Eddy and through its baseline.
#[derive(Debug, Clone)]
pub struct Row {
    /// What ran.
    pub name: String,
    /// What is counted (records, orders, keys, points).
    pub unit: &'static str,
    /// How many of them.
    pub count: u64,
    /// Eddy's time in seconds.
    pub eddy: f64,
    /// The baseline's time in seconds.
    pub baseline: f64,
    /// Anything else worth saying (per-batch times, the ratio to PySpark).
    pub note: String,
}

impl Row {
    fn eddy_rate(&self) -> f64 {
        self.count as f64 / self.eddy
    }

    fn baseline_rate(&self) -> f64 {
        self.count as f64 / self.baseline
    }
}

/// `ssc.queueStream(batches, default=default)` as a pipeline node's operation. Built from
/// the serialised form so that fields the description gains later keep their defaults.
pub fn queue_stream(
    batches: Vec<Vec<eddy_core::Value>>,
    default: Option<Vec<eddy_core::Value>>,
) -> Result<eddy_core::OpSpec> {
    let mut op: eddy_core::OpSpec =
        serde_json::from_str(r#"{"op": "queueStream", "batches": [], "oneAtATime": true}"#)?;
    match &mut op {
        eddy_core::OpSpec::QueueStream {
            batches: b,
            default: d,
            ..
        } => {
            *b = batches;
            *d = default;
        }
        _ => bail!("not a queueStream"),
    }
    Ok(op)
}

/// The CPU time of the calling thread in seconds, where the OS tells it.
#[cfg(unix)]
fn thread_cpu() -> Option<f64> {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Some(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9)
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<f64> {
    None
}

/// Seconds `f` took, with its result: the CPU time of this thread (the machines Eddy is
/// built on are shared, and wall-clock time there measures the neighbours), or wall-clock
/// time where the OS gives no thread clock.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let (start, cpu) = (Instant::now(), thread_cpu());
    let r = f();
    let secs = match (cpu, thread_cpu()) {
        (Some(a), Some(b)) => b - a,
        _ => start.elapsed().as_secs_f64(),
    };
    (r, secs)
}

/// Steps `engine` `n` times under the clock: the last batch's report (which must have no
/// errors) and the time the `n` batches took.
pub fn timed_steps(
    engine: &mut eddy_core::Engine,
    n: usize,
    what: &str,
) -> Result<(eddy_core::StepReport, f64)> {
    let (last, secs) = timed(|| (0..n).map(|_| engine.step()).last());
    let Some(report) = last else {
        bail!("{what}: no batches timed");
    };
    if !report.errors.is_empty() {
        bail!("{what} failed: {:?}", report.errors);
    }
    Ok((report, secs))
}

/// Where `batches` more batches of `engine` spend their time, from the engine's own timings
/// (a thread-CPU clock lent to it): the mean per batch of each node's computation, of the
/// output jobs, and of the engine itself (the batch's total minus both), in milliseconds.
pub fn breakdown(engine: &mut eddy_core::Engine, batches: usize) -> String {
    let clock = match thread_cpu() {
        Some(_) => eddy_core::Clock::new(|| thread_cpu().unwrap_or(0.0) * 1e3),
        None => {
            let start = Instant::now();
            eddy_core::Clock::new(move || start.elapsed().as_secs_f64() * 1e3)
        }
    };
    engine.set_clock(Some(clock));
    let names: Vec<&'static str> = engine.spec().nodes.iter().map(|n| n.op.name()).collect();
    let mut per_node = vec![0.0; names.len()];
    let (mut jobs, mut total) = (0.0, 0.0);
    for _ in 0..batches {
        let Some(t) = engine.step().timings else {
            continue;
        };
        for n in &t.nodes {
            per_node[n.node.0 as usize] += n.ms;
        }
        jobs += t.outputs.iter().map(|o| o.ms).sum::<f64>();
        total += t.total_ms;
    }
    engine.set_clock(None);
    let b = batches.max(1) as f64;
    let nodes: f64 = per_node.iter().sum();
    let mut parts: Vec<String> = (names.iter().zip(&per_node))
        .filter(|(_, ms)| **ms > 0.0)
        .map(|(name, ms)| format!("{name} {:.3}", ms / b))
        .collect();
    parts.push(format!("output jobs {:.3}", jobs / b));
    parts.push(format!("engine {:.3}", (total - nodes - jobs) / b));
    format!("per batch (ms): {}", parts.join(", "))
}

/// Runs `f` on a thread with a large stack (the interpreter recurses; debug builds need room).
pub fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)?
        .join()
        .map_err(|_| anyhow::anyhow!("a bench thread panicked"))
}

/// `12.3M`, `456k`: a rate for the table.
pub fn si(x: f64) -> String {
    if x >= 1e9 {
        format!("{:.2}G", x / 1e9)
    } else if x >= 1e6 {
        format!("{:.2}M", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.1}k", x / 1e3)
    } else {
        format!("{x:.0}")
    }
}

/// `0.52x`, `0.0031x`: a ratio with two significant digits at least.
pub fn ratio(x: f64) -> String {
    if x >= 0.1 {
        format!("{x:.2}x")
    } else if x >= 0.01 {
        format!("{x:.3}x")
    } else {
        format!("{x:.4}x")
    }
}

/// Milliseconds with sensible precision.
pub fn ms(secs: f64) -> String {
    let m = secs * 1e3;
    if m >= 100.0 {
        format!("{m:.0} ms")
    } else if m >= 1.0 {
        format!("{m:.1} ms")
    } else {
        format!("{m:.3} ms")
    }
}

/// Runs the workloads `args` asks for, printing each row as it finishes and the table at the end.
pub fn run(args: BenchArgs) -> Result<()> {
    let args = args.normalised();
    let known = ["orders", "window", "state", "stateless", "ml"];
    if let Some(bad) = args.only.iter().find(|o| !known.contains(&o.as_str())) {
        bail!("unknown workload `{bad}` (known: {})", known.join(", "));
    }
    if cfg!(debug_assertions) {
        eprintln!("eddy bench: this is a debug build; numbers mean little (cargo run --release)");
    }
    let mut rows = Vec::new();
    let mut add = |new: Vec<Row>| {
        for r in &new {
            eprintln!(
                "  {}: Eddy {} {}/s, baseline {} {}/s",
                r.name,
                si(r.eddy_rate()),
                r.unit,
                si(r.baseline_rate()),
                r.unit
            );
        }
        rows.extend(new);
    };
    if args.wants("orders") {
        for &size in &args.orders_sizes {
            add(orders::run(args.batches, size)?);
        }
    }
    if args.wants("window") {
        add(window::run(&args.windows)?);
    }
    if args.wants("state") {
        add(state::run(args.state_keys)?);
    }
    if args.wants("stateless") {
        add(stateless::run(args.batches, args.stateless_size)?);
    }
    if args.wants("ml") {
        add(ml::run(args.ml_points)?);
    }
    print!("{}", table(&rows));
    for line in orders::goals(&rows)
        .into_iter()
        .chain(window::flatness(&rows))
    {
        println!("{line}");
    }
    println!(
        "Times are {} time; Eddy/baseline is the ratio of throughputs (1.00x = the hand-written limit).",
        if thread_cpu().is_some() { "thread CPU" } else { "wall-clock" }
    );
    Ok(())
}

/// The table `eddy bench` prints.
pub fn table(rows: &[Row]) -> String {
    let header = [
        "workload",
        "unit",
        "count",
        "Eddy /s",
        "baseline /s",
        "Eddy/baseline",
        "notes",
    ];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.name.clone(),
                r.unit.to_string(),
                r.count.to_string(),
                si(r.eddy_rate()),
                si(r.baseline_rate()),
                ratio(r.eddy_rate() / r.baseline_rate()),
                r.note.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, row: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in row.iter().zip(widths).enumerate() {
            let pad = w - c.chars().count();
            if i == 0 || i == 1 || i == 6 {
                let _ = write!(s, "{c}{}  ", " ".repeat(pad));
            } else {
                let _ = write!(s, "{}{c}  ", " ".repeat(pad));
            }
        }
        out.push_str(s.trim_end());
        out.push('\n');
    };
    line(&mut out, &header.map(String::from));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut out, &rule);
    for row in &cells {
        line(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_aligns_columns_and_prints_the_ratio() {
        let rows = [Row {
            name: "w".into(),
            unit: "records",
            count: 1000,
            eddy: 0.5,
            baseline: 0.25,
            note: "n".into(),
        }];
        let t = table(&rows);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[2].contains("0.50x"), "{t}");
        assert!(
            lines[2].contains("2.0k") && lines[2].contains("4.0k"),
            "{t}"
        );
    }

    #[test]
    fn rates_print_with_si_prefixes() {
        assert_eq!(si(2_500_000.0), "2.50M");
        assert_eq!(si(25_000.0), "25.0k");
        assert_eq!(si(12.0), "12");
    }
}
