//! The PySpark surface mapped onto the engine: `SparkContext`, `StreamingContext`, DStreams
//! (each method call adds a node to the [`PipelineSpec`]), RDDs (evaluated eagerly on
//! [`eddy_core::Batch`]es), and the program clock of SEMANTICS §I.

mod context;
mod dstream;
mod funcs;
pub mod mllib;
mod rdd;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use eddy_core::{Duration, Engine, PipelineSpec};

pub use context::{SparkContext, StreamingContext};
pub use dstream::DStream;
pub use funcs::ProgramResolver;
pub use rdd::Rdd;

use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{Module, Obj};

/// The streaming side of a running program.
pub struct Session {
    /// How many batches the run may have in all (`eddy run --batches N`).
    pub max_batches: u64,
    state: RefCell<State>,
    interp: RefCell<Weak<Interp>>,
    /// Engine errors (failed jobs), as the run reports them on stderr.
    pub errors: RefCell<Vec<String>>,
    /// Where each batch's output starts in the program's output (bytes).
    pub marks: RefCell<Vec<usize>>,
    /// What the engine reported for each batch.
    pub reports: RefCell<Vec<eddy_core::StepReport>>,
    /// Files that arrive just before a batch, as a user drops them into a watched directory:
    /// `(batch index, path, contents)`.
    pub arrivals: RefCell<Vec<(u64, String, Vec<u8>)>>,
    /// The host's clock, which the engine times each batch with (the reports' `timings`);
    /// `None` leaves the reports without timings.
    pub clock: RefCell<Option<eddy_core::Clock>>,
    virtual_ms: Cell<i64>,
}

#[derive(Default)]
struct State {
    spec: Option<PipelineSpec>,
    funcs: Vec<Obj>,
    engine: Option<Engine>,
    started: bool,
    stopped: bool,
    checkpoint_dir: Option<String>,
    /// Files the program wrote before the engine existed.
    files: eddy_core::vfs::Vfs,
    /// `ssc.remember(duration)`.
    remember: Option<Duration>,
    /// The engine's streaming models after the last batch that ran (`latestModel()`).
    models: Option<eddy_core::ml::Models>,
}

impl Session {
    /// A session that runs at most `max_batches` batches.
    pub fn new(max_batches: u64) -> Self {
        Session {
            max_batches,
            state: RefCell::new(State::default()),
            interp: RefCell::new(Weak::new()),
            errors: RefCell::new(Vec::new()),
            marks: RefCell::new(Vec::new()),
            reports: RefCell::new(Vec::new()),
            arrivals: RefCell::new(Vec::new()),
            clock: RefCell::new(None),
            virtual_ms: Cell::new(0),
        }
    }

    /// Ties the session to its interpreter (the engine calls back into it).
    pub fn attach(&self, interp: &Rc<Interp>) {
        *self.interp.borrow_mut() = Rc::downgrade(interp);
    }

    /// The interpreter, weakly (functions handed to the engine must not keep it alive).
    pub fn weak_interp(&self) -> Weak<Interp> {
        self.interp.borrow().clone()
    }

    /// Writes a file the program writes (`open(path, 'w')`): into the engine's file system
    /// once it runs, so a `textFileStream` on its directory reads it in the next batch.
    pub fn write_file(&self, path: &str, data: &[u8]) {
        let mut st = self.state.borrow_mut();
        match &mut st.engine {
            Some(engine) => engine.vfs_mut().write(path, data.to_vec()),
            None => st.files.write(path, data.to_vec()),
        }
    }

    /// A file in the program's virtual file system (written by the program or by
    /// `saveAsTextFiles`).
    pub fn read_file(&self, path: &str) -> Option<Vec<u8>> {
        self.with_vfs(|vfs| vfs.read(path).map(<[u8]>::to_vec))
    }

    /// The program's file system: the engine's once it runs, before that the files the
    /// program wrote.
    fn with_vfs<T>(&self, f: impl FnOnce(&eddy_core::vfs::Vfs) -> T) -> T {
        let st = self.state.borrow();
        f(st.engine.as_ref().map_or(&st.files, |e| e.vfs()))
    }

    /// `ssc.remember(duration)`: how long streams keep their past RDDs (for `slice`).
    pub fn remember(&self, d: Duration) {
        self.state.borrow_mut().remember = Some(d);
    }

    /// `stream.slice(from, to)`: the RDDs a node generated in that interval and still keeps.
    pub fn slice(
        &self,
        node: eddy_core::NodeId,
        from: eddy_core::BatchTime,
        to: eddy_core::BatchTime,
    ) -> Vec<eddy_core::Batch> {
        let st = self.state.borrow();
        st.engine.as_ref().map_or_else(Vec::new, |e| {
            e.slice(node, from, to)
                .into_iter()
                .map(|(_, b)| b.clone())
                .collect()
        })
    }

    /// The names in a directory of the virtual file system (`os.listdir`).
    pub fn list_dir(&self, dir: &str) -> Vec<String> {
        // The file system marks directories with a trailing `/`; `os.listdir` gives names.
        self.with_vfs(|vfs| {
            vfs.list_dir(dir)
                .into_iter()
                .map(|n| n.trim_end_matches('/').to_string())
                .collect()
        })
    }

    /// Whether `path` is a directory of the virtual file system.
    pub fn is_dir(&self, path: &str) -> bool {
        !self.list_dir(path).is_empty()
    }

    /// Every file of the virtual file system, for `eddy run --out DIR` and the UI.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        self.with_vfs(|vfs| {
            vfs.files()
                .map(|(p, f)| (p.to_string(), f.data.to_vec()))
                .collect()
        })
    }

    /// Seconds on the virtual clock (`time.time()`).
    pub fn virtual_time(&self) -> f64 {
        self.virtual_ms.get() as f64 / 1000.0
    }

    /// The pipeline built so far.
    pub fn spec(&self) -> Option<PipelineSpec> {
        self.state.borrow().spec.clone()
    }

    /// Streaming ML (SEMANTICS G): the engine's models as the last batch left them, once the
    /// streams started (inside a batch, as the batch before left them).
    pub fn models(&self) -> Option<eddy_core::ml::Models> {
        self.state.borrow().models.clone()
    }

    /// Changes the engine's models between batches (a model's setter after `start()`);
    /// `None` before the start or while a batch runs.
    pub fn update_models<T>(&self, f: impl FnOnce(&mut eddy_core::ml::Models) -> T) -> Option<T> {
        let mut st = self.state.borrow_mut();
        let State { engine, models, .. } = &mut *st;
        let engine = engine.as_mut()?;
        let r = f(engine.models_mut());
        *models = Some(engine.models().clone());
        Some(r)
    }

    fn new_context(&self, interval: Duration) -> Result<(), Exc> {
        let mut st = self.state.borrow_mut();
        if st.spec.is_some() && !st.stopped {
            return Err(Exc::new(
                "ValueError",
                "Eddy runs one StreamingContext per program; stop the first before making another",
            ));
        }
        st.spec = Some(PipelineSpec {
            batch_interval: interval,
            parallelism: 2,
            checkpoint_dir: st.checkpoint_dir.clone(),
            nodes: Vec::new(),
        });
        st.started = false;
        st.stopped = false;
        st.funcs.clear();
        st.engine = None;
        st.models = None;
        Ok(())
    }

    fn with_spec<T>(
        &self,
        f: impl FnOnce(&mut PipelineSpec, &mut Vec<Obj>) -> Result<T, Exc>,
    ) -> Result<T, Exc> {
        let mut st = self.state.borrow_mut();
        if st.started {
            return Err(Exc::new(
                "ValueError",
                "Adding new inputs, transformations, and output operations after starting a context is not supported",
            ));
        }
        let State { spec, funcs, .. } = &mut *st;
        match spec {
            Some(spec) => f(spec, funcs),
            None => Err(Exc::new(
                "ValueError",
                "no StreamingContext has been created",
            )),
        }
    }

    fn set_checkpoint(&self, dir: String) {
        let mut st = self.state.borrow_mut();
        st.checkpoint_dir = Some(dir.clone());
        if let Some(spec) = &mut st.spec {
            spec.checkpoint_dir = Some(dir);
        }
    }

    fn start(&self) -> Result<(), Exc> {
        let interp = self.interp.borrow().clone();
        let mut st = self.state.borrow_mut();
        if st.started {
            return Err(Exc::new(
                "ValueError",
                "StreamingContext has already been started",
            ));
        }
        let Some(spec) = st.spec.clone() else {
            return Err(Exc::new(
                "ValueError",
                "no StreamingContext has been created",
            ));
        };
        if !spec.nodes.iter().any(|n| n.op.is_output()) {
            return Err(Exc::new(
                "IllegalArgumentException",
                "requirement failed: No output operations registered, so nothing to execute",
            ));
        }
        let resolver = ProgramResolver::new(interp, st.funcs.clone());
        let mut engine = Engine::with_resolver(spec, &resolver)
            .map_err(|e| Exc::new("IllegalArgumentException", e.to_string()))?;
        // Files written before start() are "already there" (SEMANTICS F4).
        for (path, file) in st.files.files() {
            engine.vfs_mut().write(path, file.data.clone());
        }
        engine.vfs_mut().mark_start();
        if let Some(d) = st.remember {
            engine.set_remember(d);
        }
        engine.set_clock(self.clock.borrow().clone());
        st.models = Some(engine.models().clone());
        st.engine = Some(engine);
        st.started = true;
        self.virtual_ms.set(0);
        Ok(())
    }

    /// Runs batches while their time is at most the virtual clock (SEMANTICS §I).
    fn run_due(&self, interp: &Interp) {
        loop {
            let (mut engine, interval) = {
                let mut st = self.state.borrow_mut();
                if !st.started || st.stopped {
                    return;
                }
                let Some(engine) = st.engine.take() else {
                    return;
                };
                let interval = engine.spec().batch_interval.millis();
                (engine, interval)
            };
            let next = engine.batches_run();
            let due =
                next < self.max_batches && (next as i64 + 1) * interval <= self.virtual_ms.get();
            if due {
                self.marks.borrow_mut().push(interp.output_len());
                for (_, path, data) in self.arrivals.borrow().iter().filter(|(b, ..)| *b == next) {
                    engine.vfs_mut().write(path, data.clone());
                }
                let report = engine.step();
                interp.write(&report.console);
                for e in &report.errors {
                    self.errors.borrow_mut().push(e.to_string());
                }
                self.reports.borrow_mut().push(report);
            }
            let mut st = self.state.borrow_mut();
            st.models = Some(engine.models().clone());
            st.engine = Some(engine);
            drop(st);
            if !due {
                return;
            }
        }
    }

    /// Runs the remaining batches up to the limit (`awaitTermination()`, `stop()`, the end
    /// of the program).
    pub fn finish(&self, interp: &Interp) {
        let interval = match &self.state.borrow().engine {
            Some(e) => e.spec().batch_interval.millis(),
            None => return,
        };
        self.virtual_ms.set(
            self.virtual_ms
                .get()
                .max(self.max_batches as i64 * interval),
        );
        self.run_due(interp);
    }

    fn stop(&self, interp: &Interp) {
        if self.state.borrow().started {
            self.finish(interp);
        }
        self.state.borrow_mut().stopped = true;
    }
}

/// The batch time as PySpark passes it to `transform`/`foreachRDD` functions: a datetime in
/// the driver's zone, UTC here (the harness runs with TZ=UTC).
pub fn time_obj(time: eddy_core::BatchTime) -> Obj {
    match eddy_core::value::DateTime::from_unix_micros(time.0 * 1000) {
        Ok(dt) => Obj::Data(eddy_core::Value::DateTime(dt)),
        Err(_) => Obj::Float(time.0 as f64 / 1000.0),
    }
}

/// `time.sleep(secs)`: advances the virtual clock after `start()` (SEMANTICS §I).
pub fn sleep(interp: &Interp, secs: f64) -> Result<(), Exc> {
    if secs.is_nan() || secs < 0.0 {
        return Err(Exc::new("ValueError", "sleep length must be non-negative"));
    }
    let s = &interp.spark;
    let running = {
        let st = s.state.borrow();
        st.started && !st.stopped
    };
    if running {
        s.virtual_ms
            .set(s.virtual_ms.get() + (secs * 1000.0).round() as i64);
        s.run_due(interp);
    }
    Ok(())
}

/// A class attribute of a PySpark class (`SparkContext.getOrCreate`).
pub fn class_attr(class: &str, name: &str) -> Option<Obj> {
    Some(Obj::Builtin(match (class, name) {
        ("pyspark.SparkContext", "getOrCreate") => "pyspark.SparkContext.getOrCreate",
        ("pyspark.streaming.StreamingContext", "getOrCreate") => {
            "pyspark.streaming.StreamingContext.getOrCreate"
        }
        _ => return None,
    }))
}

/// The `pyspark` modules.
pub fn module(name: &str) -> Option<Obj> {
    let m = |name: &'static str, attrs: Vec<(&'static str, Obj)>| {
        Some(Obj::Module(Rc::new(Module { name, attrs })))
    };
    match name {
        "pyspark" => m(
            "pyspark",
            vec![
                ("SparkContext", Obj::Builtin("pyspark.SparkContext")),
                ("SparkConf", Obj::Builtin("pyspark.SparkConf")),
                ("StorageLevel", Obj::None),
            ],
        ),
        "pyspark.streaming" => m(
            "pyspark.streaming",
            vec![(
                "StreamingContext",
                Obj::Builtin("pyspark.streaming.StreamingContext"),
            )],
        ),
        "pyspark.context" => m(
            "pyspark.context",
            vec![("SparkContext", Obj::Builtin("pyspark.SparkContext"))],
        ),
        _ if name.starts_with("pyspark.mllib") => mllib::module(name),
        "numpy" => mllib::module(name),
        _ => None,
    }
}

/// Calls a `pyspark` constructor or function.
pub fn call(interp: &Interp, name: &str, args: Vec<Obj>, kwargs: Kwargs) -> Result<Obj, Exc> {
    match name {
        "pyspark.SparkContext" | "pyspark.SparkContext.getOrCreate" => {
            Ok(Obj::Native(Rc::new(SparkContext)))
        }
        "pyspark.SparkConf" => Ok(Obj::Native(Rc::new(context::SparkConf))),
        "pyspark.streaming.StreamingContext" => {
            context::new_streaming_context(interp, args, kwargs)
        }
        "pyspark.streaming.StreamingContext.getOrCreate" => {
            let setup =
                crate::builtins::arg_or_kw(&args, &kwargs, 1, "setupFunc").ok_or_else(|| {
                    Exc::type_error("getOrCreate() missing required argument 'setupFunc'")
                })?;
            interp.call(setup, Vec::new(), Vec::new())
        }
        _ if name.starts_with("pyspark.mllib.") => mllib::call(interp, name, args, kwargs),
        _ => Err(Exc::new(
            "NotImplementedError",
            format!("Eddy does not support {name} yet"),
        )),
    }
}
