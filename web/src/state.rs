//! The playground's state as a yew [`Reducible`]: pure, so every transition is testable.
//!
//! A program is run once, to the end of its batches, by the Python front end (exactly as
//! `eddy run` runs it); the clock then reveals its output batch by batch. Stepping back and
//! scrubbing are free, and the console after the last batch is `eddy run`'s output.

use std::rc::Rc;

use eddy_core::Duration;
use eddy_python::outline::Outline;
use eddy_python::RunOutput;
use yew::Reducible;

use crate::presets::{Preset, PRESETS};

/// What the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start ticking batches on the timer.
    Play,
    /// Stop ticking.
    Pause,
    /// Show one more batch (the timer sends this too).
    Step,
    /// Go back one batch (paused).
    StepBack,
    /// Back to before the first batch, paused.
    Reset,
    /// The editor's text changed.
    Edit(String),
    /// Show exactly this many batches (the scrubber).
    Seek(usize),
    /// Milliseconds between batches while playing.
    Speed(u32),
    /// Play if paused, pause if playing (the Space key).
    Toggle,
    /// A run was sent to the worker: show this program (and keep the old run on screen) until
    /// its run arrives.
    Start {
        /// The preset it came from.
        preset: usize,
        /// The program.
        source: String,
        /// The files dropped for it.
        drops: Rc<Vec<crate::drop::Dropped>>,
        /// The batch to show once it arrives (share links).
        shown: usize,
    },
    /// The worker's run of `source` arrived.
    Loaded {
        /// The program it ran (a newer request wins over an older run).
        source: String,
        /// The run.
        run: Rc<RunOutput>,
        /// The program's outline (where the palette writes).
        outline: Rc<Outline>,
    },
    /// Mark these lines of the program (1-based): what the palette or the Inputs panel wrote.
    Mark(Vec<u32>),
    /// The worker built the pipeline of the program being typed, without running batches.
    Sketched {
        /// The program it read.
        source: String,
        /// Its run without batches: the pipeline and the stream names.
        run: Rc<RunOutput>,
        /// Its outline.
        outline: Rc<Outline>,
    },
}

/// A stream of the program the palette can take as input.
#[derive(Clone, Debug, PartialEq)]
pub struct Stream {
    /// Its name in the program.
    pub name: String,
    /// How often it has an RDD (a window's slide, else the batch interval).
    pub slide: Duration,
}

/// The program, its run, and how much of it is shown.
#[derive(Clone, Debug)]
pub struct Playground {
    /// The preset the program came from.
    pub preset: usize,
    /// The editor's text.
    pub source: String,
    /// The run of the last program loaded or run.
    pub run: Rc<RunOutput>,
    /// How many batches are shown.
    shown: usize,
    /// Whether the timer is ticking.
    pub playing: bool,
    /// Milliseconds between batches while playing.
    pub tick_ms: u32,
    /// Files dropped on the page: `(name, text)`, one per batch.
    pub drops: Rc<Vec<crate::drop::Dropped>>,
    /// A run is under way in the worker.
    pub running: bool,
    /// The program `run` ran.
    ran: String,
    /// The edited program's pipeline, built without batches while it is typed (`None` once
    /// it runs).
    pub sketch: Option<Rc<RunOutput>>,
    /// The outline of `outline_of`.
    outline: Rc<Outline>,
    outline_of: String,
    /// Lines (1-based) the last palette or Inputs change wrote into the program, to show.
    pub marked: Rc<Vec<u32>>,
}

/// The lines of `new` (1-based) that are not in `old`, by a longest common subsequence of
/// lines: what a palette step or a queue edit wrote. Empty when most of the program changed
/// (another program, not an edit of this one) or the programs are too long to compare.
pub fn changed_lines(old: &str, new: &str) -> Vec<u32> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let (n, m) = (a.len(), b.len());
    if n == 0 || n.saturating_mul(m) > 250_000 {
        return Vec::new();
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while j < m {
        if i < n && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < n && lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            out.push(j as u32 + 1);
            j += 1;
        }
    }
    if out.len() * 2 > m {
        return Vec::new();
    }
    out
}

/// The default pace of the clock.
pub const TICK_MS: u32 = 700;

/// How many batches a program runs: its `# batches: N` line, else 20.
fn batches_of(source: &str) -> u64 {
    let header = eddy_python::golden::header(source);
    if source.lines().any(|l| l.starts_with("# batches:")) {
        header.batches
    } else {
        20
    }
}

/// Runs `source` as `eddy run` would, with the bundled data sets as its files and the dropped
/// files arriving one per batch in `input/`.
pub fn run_program(source: &str, drops: &[(String, String)]) -> RunOutput {
    run_program_timed(source, drops, None)
}

/// [`run_program`], timing each batch with the host's clock when one is given (the Web
/// Worker passes `performance.now()`): the reports then carry `timings`.
pub fn run_program_timed(
    source: &str,
    drops: &[(String, String)],
    clock: Option<eddy_core::Clock>,
) -> RunOutput {
    run_batches(source, drops, batches_of(source), clock)
}

/// Runs `source` without any batch: its pipeline and stream names, for the graph and the
/// palette while the program is being typed.
pub fn sketch_program(source: &str, drops: &[(String, String)]) -> RunOutput {
    run_batches(source, drops, 0, None)
}

fn run_batches(
    source: &str,
    drops: &[(String, String)],
    batches: u64,
    clock: Option<eddy_core::Clock>,
) -> RunOutput {
    let arrivals = drops
        .iter()
        .enumerate()
        .map(|(i, (name, text))| eddy_python::Arrival {
            batch: i as u64,
            path: format!("input/{name}"),
            data: text.as_bytes().to_vec(),
        })
        .collect();
    let files: eddy_python::interp::FileReader = Box::new(crate::data::read);
    match clock {
        Some(clock) => {
            eddy_python::run_timed("program.py", source, batches, files, arrivals, clock)
        }
        None => eddy_python::run_with_arrivals("program.py", source, batches, files, arrivals),
    }
}

impl Playground {
    /// The playground with preset `i` loaded, before its first batch.
    pub fn with_preset(i: usize) -> Self {
        let preset: &Preset = &PRESETS[i.min(PRESETS.len() - 1)];
        Playground::with_source(i, preset.source.to_string())
    }

    /// The playground running `source`.
    pub fn with_source(preset: usize, source: String) -> Self {
        Playground {
            preset,
            run: Rc::new(run_program(&source, &[])),
            outline: Rc::new(eddy_python::outline::outline(&source)),
            outline_of: source.clone(),
            ran: source.clone(),
            source,
            shown: 0,
            playing: false,
            tick_ms: TICK_MS,
            drops: Rc::new(Vec::new()),
            running: false,
            sketch: None,
            marked: Rc::default(),
        }
    }

    /// The playground for `source` whose run is still to come (from the worker).
    pub fn pending(preset: usize, source: String) -> Self {
        Playground {
            preset,
            run: Rc::new(RunOutput::default()),
            source,
            shown: 0,
            playing: false,
            tick_ms: TICK_MS,
            drops: Rc::new(Vec::new()),
            running: true,
            ran: String::new(),
            sketch: None,
            outline: Rc::default(),
            outline_of: String::new(),
            marked: Rc::default(),
        }
    }

    /// The outline of the program in the editor, once the worker has read this text.
    pub fn outline(&self) -> Option<Rc<Outline>> {
        (self.outline_of == self.source).then(|| self.outline.clone())
    }

    /// Whether the editor's program differs from the one whose run is shown.
    pub fn edited(&self) -> bool {
        self.source != self.ran
    }

    /// What the graph and the palette see: the sketch of the edited program, else the run.
    pub fn latest(&self) -> Rc<RunOutput> {
        self.sketch.clone().unwrap_or_else(|| self.run.clone())
    }

    /// The program's streams, by node, each with its slide.
    pub fn streams(&self) -> Vec<Stream> {
        let run = self.latest();
        let Some(spec) = &run.pipeline else {
            return Vec::new();
        };
        // A node's slide from its inputs' (nodes come after their inputs).
        let mut slides: Vec<Duration> = Vec::with_capacity(spec.nodes.len());
        for n in &spec.nodes {
            let inputs: Vec<Duration> = (n.inputs.iter())
                .filter_map(|i| slides.get(i.0 as usize).copied())
                .collect();
            let slide = n.op.slide(spec.batch_interval, &inputs);
            slides.push(slide.unwrap_or(spec.batch_interval));
        }
        (run.streams.iter())
            .map(|(name, node)| Stream {
                name: name.clone(),
                slide: slides
                    .get(*node as usize)
                    .copied()
                    .unwrap_or(spec.batch_interval),
            })
            .collect()
    }

    /// The share link's contents for this view.
    pub fn shared(&self) -> crate::share::Shared {
        crate::share::Shared {
            preset: self.preset,
            batch: self.shown,
            source: self.source.clone(),
        }
    }

    /// How many batches the run has.
    pub fn batches(&self) -> usize {
        self.run.batch_starts.len()
    }

    /// The number of the last batch shown (1-based), 0 before any.
    pub fn batches_run(&self) -> u64 {
        self.shown as u64
    }

    /// Everything printed up to the batch shown, as `eddy run` prints it.
    pub fn console(&self) -> &str {
        let out = &self.run.stdout;
        let end = match self.run.batch_starts.get(self.shown) {
            // Before batch `shown + 1` starts: what the shown batches and the program
            // between them printed.
            Some(&next) => next,
            None => out.len(),
        };
        &out[..end.min(out.len())]
    }

    /// The error that stopped the program (with its line), and the jobs that failed in the
    /// batches shown.
    pub fn errors(&self) -> Vec<String> {
        let mut errors: Vec<String> = (self.run.reports.iter().take(self.shown))
            .flat_map(|r| r.errors.iter().map(ToString::to_string))
            .collect();
        if let Some(e) = &self.run.error {
            if self.shown >= self.batches() {
                errors.push(e.to_string());
            }
        }
        errors
    }

    /// The line the program stopped at, if it stopped with an error.
    pub fn error_line(&self) -> Option<u32> {
        self.run.error.as_ref().map(|e| e.line)
    }

    /// Records the program's first source produced, per batch shown: the chart's figure.
    pub fn input_records(&self) -> Vec<f64> {
        let source = eddy_core::NodeId(0);
        (self.run.reports.iter().take(self.shown))
            .map(|r| r.records_of(source).unwrap_or(0) as f64)
            .collect()
    }
}

impl Default for Playground {
    fn default() -> Self {
        Playground::with_preset(0)
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::Play => next.playing = next.shown < next.batches(),
            Action::Pause => next.playing = false,
            Action::Step => {
                if next.shown < next.batches() {
                    next.shown += 1;
                }
                if next.shown >= next.batches() {
                    next.playing = false;
                }
            }
            Action::StepBack => {
                next.playing = false;
                next.shown = next.shown.saturating_sub(1);
            }
            Action::Reset => {
                next.playing = false;
                next.shown = 0;
            }
            Action::Edit(text) => {
                next.source = text;
                next.marked = Rc::default();
                if !next.edited() {
                    next.sketch = None;
                }
            }
            Action::Seek(n) => {
                next.playing = false;
                next.shown = n.min(next.batches());
            }
            Action::Speed(ms) => next.tick_ms = ms.clamp(50, 10_000),
            Action::Toggle => next.playing = !next.playing && next.shown < next.batches(),
            Action::Start {
                preset,
                source,
                drops,
                shown,
            } => {
                next.playing = false;
                next.running = true;
                next.preset = preset;
                next.marked = Rc::default();
                next.source = source;
                next.drops = drops;
                next.shown = shown;
            }
            Action::Loaded {
                source,
                run,
                outline,
            } => {
                if source == next.source {
                    next.running = false;
                    next.run = run;
                    next.shown = next.shown.min(next.batches());
                    next.sketch = None;
                    next.outline = outline;
                    next.outline_of = source.clone();
                    next.ran = source;
                }
            }
            Action::Mark(lines) => next.marked = Rc::new(lines),
            Action::Sketched {
                source,
                run,
                outline,
            } => {
                if source == next.source {
                    next.outline = outline;
                    next.outline_of = source.clone();
                    if next.edited() {
                        next.sketch = Some(run);
                    }
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn reduce(p: Playground, a: Action) -> Playground {
        Rc::unwrap_or_clone(Rc::new(p).reduce(a))
    }

    #[test]
    fn stepping_reveals_the_run_batch_by_batch_and_back() {
        let mut p = Playground::default();
        assert_eq!(p.batches_run(), 0);
        assert_eq!(p.console(), "");
        p = reduce(p, Action::Step);
        assert!(p.console().contains("Time: 1970-01-01 00:00:01"));
        assert!(!p.console().contains("00:00:02"));
        p = reduce(p, Action::StepBack);
        assert_eq!(p.console(), "");
        for _ in 0..20 {
            p = reduce(p, Action::Step);
        }
        assert_eq!(p.console(), p.run.stdout);
    }

    #[test]
    fn changed_lines_are_the_lines_a_step_wrote() {
        let old = "a\nb\nc\n\nstart\n";
        let new = "a\nimport\nb\nc\nx = 1\nx.pprint()\n\nstart\n";
        assert_eq!(changed_lines(old, new), [2, 5, 6]);
        assert_eq!(changed_lines(old, old), Vec::<u32>::new());
        assert_eq!(changed_lines(old, "p\nq\nr\n"), Vec::<u32>::new());
    }

    #[test]
    fn running_an_edited_program_shows_its_error_at_its_line() {
        let p = Playground::with_source(0, "x = 1\nprint(y)\n".into());
        assert_eq!(p.error_line(), Some(2));
        assert!(p.errors()[0].contains("NameError: name 'y' is not defined"));
    }
}
