//! `eddy`: runs Eddy pipelines in the terminal and prints what PySpark would print.

mod bench;

/// mimalloc: the interpreter's many small, short-lived allocations are its strength.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use eddy_core::report::Timings;
use eddy_core::{demo, Clock, Engine, PipelineSpec, StepReport};

/// Eddy: a micro-batch stream-processing playground with PySpark Streaming's semantics.
#[derive(Parser)]
#[command(name = "eddy", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the built-in demo (seed (a): reduce(add) and pprint over a queue of five batches).
    Demo {
        /// How many batches to run.
        #[arg(long, default_value_t = 7)]
        batches: u64,
    },
    /// Run a PySpark Streaming program (`.py`), or a pipeline description (`.json`, as the
    /// playground shares it), printing what PySpark prints.
    Run {
        /// The program or pipeline file.
        file: PathBuf,
        /// How many batches to run (default: the program's `# batches: N` line, else 10).
        #[arg(long)]
        batches: Option<u64>,
        /// Write the files the run wrote (saveAsTextFiles) under this directory.
        #[arg(long)]
        out: Option<PathBuf>,
        /// After each batch, print to stderr where its time went: each node's computation
        /// and each output job, in milliseconds (wall-clock).
        #[arg(long)]
        timings: bool,
    },
    /// Write a pipeline (`.json`, from the playground's operator picker) or a program (`.py`)
    /// as a PySpark program that runs with spark-submit and prints what Eddy prints.
    Export {
        /// The pipeline or program file.
        file: PathBuf,
        /// How many batches the exported program runs (pipelines only).
        #[arg(long, default_value_t = 10)]
        batches: u64,
    },
    /// Measure throughput: each workload through Eddy and through a hand-written Rust
    /// baseline, in one run, printed as a table (build with --release).
    Bench(bench::BenchArgs),
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Demo { batches } => run(demo::seed_reduce_add(), batches, false),
        Command::Bench(args) => bench::run(args),
        Command::Export { file, batches } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let program = if file.extension().is_some_and(|e| e == "json") {
                let spec: PipelineSpec = serde_json::from_str(&text)
                    .with_context(|| format!("{}: not a pipeline description", file.display()))?;
                eddy_python::export::export_pipeline(&spec, batches)?
            } else {
                eddy_python::export::export_program(&text)
            };
            io::stdout().write_all(program.as_bytes())?;
            Ok(())
        }
        Command::Run {
            file,
            batches,
            out,
            timings,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            if file.extension().is_some_and(|e| e == "json") {
                let spec: PipelineSpec = serde_json::from_str(&text)
                    .with_context(|| format!("{}: not a pipeline description", file.display()))?;
                return run(spec, batches.unwrap_or(10), timings);
            }
            let batches = batches.unwrap_or_else(|| header_batches(&text));
            run_program(&file, &text, batches, out.as_deref(), timings)
        }
    }
}

/// The `# batches: N` line conformance programs start with.
fn header_batches(text: &str) -> u64 {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# batches:")?.trim().parse().ok())
        .unwrap_or(10)
}

/// Runs a Python program from its own directory (SEMANTICS §I: data files open by relative
/// path), printing its output; a program that fails exits with status 1.
fn run_program(
    file: &Path,
    text: &str,
    batches: u64,
    out_dir: Option<&Path>,
    timings: bool,
) -> Result<()> {
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = file
        .file_name()
        .map_or("program.py".into(), |n| n.to_string_lossy().into_owned());
    let files = Box::new(move |path: &str| std::fs::read_to_string(dir.join(path)).ok());
    // Debug builds take ~70 KB of native stack per Python call: give the interpreter room for
    // its whole recursion limit.
    let text = text.to_string();
    let out = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || match timings {
            true => eddy_python::run_timed(&name, &text, batches, files, Vec::new(), wall_clock()),
            false => eddy_python::run(&name, &text, batches, files),
        })?
        .join()
        .map_err(|_| anyhow::anyhow!("the interpreter thread panicked"))?;
    io::stdout().write_all(out.stdout.as_bytes())?;
    io::stderr().write_all(out.stderr.as_bytes())?;
    if let (true, Some(spec)) = (timings, &out.pipeline) {
        for report in &out.reports {
            eprintln!("{}", timings_line(spec, report));
        }
    }
    if let Some(dir) = out_dir {
        for (path, data) in &out.files {
            let target = dir.join(path.trim_start_matches('/'));
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, data)
                .with_context(|| format!("writing {}", target.display()))?;
        }
    }
    if out.error.is_some() {
        std::process::exit(1);
    }
    Ok(())
}

/// Runs `batches` batches, printing each batch's output to stdout and its failed jobs (and,
/// with `timings`, where its time went) to stderr.
fn run(spec: PipelineSpec, batches: u64, timings: bool) -> Result<()> {
    let mut engine =
        Engine::with_resolver(spec, &eddy_python::pyspark::ProgramResolver::standalone())?;
    if timings {
        engine.set_clock(Some(wall_clock()));
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for _ in 0..batches {
        let report = engine.step();
        out.write_all(report.console.as_bytes())?;
        for error in &report.errors {
            eprintln!("eddy: job failed: {error}");
        }
        if timings {
            out.flush()?;
            eprintln!("{}", timings_line(engine.spec(), &report));
        }
    }
    out.flush()?;
    Ok(())
}

/// Milliseconds since the clock was made, from `Instant` (the engine reads no clock of its
/// own: the host lends it one).
fn wall_clock() -> Clock {
    let start = std::time::Instant::now();
    Clock::new(move || start.elapsed().as_secs_f64() * 1e3)
}

/// One line of `--timings`: `batch 3: 1.234 ms | reduceByKey#1 0.800 | jobs: pprint#2 0.100`.
fn timings_line(spec: &PipelineSpec, report: &StepReport) -> String {
    let Some(Timings {
        total_ms,
        nodes,
        outputs,
    }) = &report.timings
    else {
        return format!("eddy: batch {}: not timed", report.index);
    };
    let name = |t: &eddy_core::report::NodeTiming| {
        let op = spec
            .nodes
            .get(t.node.0 as usize)
            .map_or("?", |n| n.op.name());
        let runs = if t.runs > 1 {
            format!(" ({} runs)", t.runs)
        } else {
            String::new()
        };
        format!("{op}#{} {:.3}{runs}", t.node.0, t.ms)
    };
    let list =
        |ts: &[eddy_core::report::NodeTiming]| ts.iter().map(name).collect::<Vec<_>>().join(", ");
    format!(
        "eddy: batch {}: {total_ms:.3} ms | {} | jobs: {}",
        report.index,
        list(nodes),
        list(outputs)
    )
}
