//! `eddy`: runs Eddy pipelines in the terminal and prints what PySpark would print.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use eddy_core::{demo, Engine, PipelineSpec};

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
    /// Run a pipeline description (JSON, as the playground shares it).
    Run {
        /// The pipeline file.
        pipeline: PathBuf,
        /// How many batches to run.
        #[arg(long, default_value_t = 10)]
        batches: u64,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Demo { batches } => run(demo::seed_reduce_add(), batches),
        Command::Run { pipeline, batches } => {
            let text = std::fs::read_to_string(&pipeline)
                .with_context(|| format!("reading {}", pipeline.display()))?;
            let spec: PipelineSpec = serde_json::from_str(&text)
                .with_context(|| format!("{}: not a pipeline description", pipeline.display()))?;
            run(spec, batches)
        }
    }
}

/// Runs `batches` batches, printing each batch's output to stdout and its failed jobs to stderr.
fn run(spec: PipelineSpec, batches: u64) -> Result<()> {
    let mut engine = Engine::new(spec)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for _ in 0..batches {
        let report = engine.step();
        out.write_all(report.console.as_bytes())?;
        for error in &report.errors {
            eprintln!("eddy: job failed: {error}");
        }
    }
    out.flush()?;
    Ok(())
}
