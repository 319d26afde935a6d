//! The engine: runs a [`PipelineSpec`] one batch at a time on the logical clock.

use std::collections::BTreeMap;

use crate::clock::Clock;
use crate::func::{BuiltinsOnly, FuncResolver};
use crate::ml::Models;
use crate::operator::OpContext;
use crate::ops::{self, BuildCx, Built};
use crate::report::{NodeTiming, Printed, Timings, WindowInfo, WindowPath, ZeroKeys};
use crate::spec::{NodeId, OpSpec, PipelineSpec};
use crate::vfs::Vfs;
use crate::{Batch, BatchTime, Duration, EngineError, StepReport};

/// What a node computed for one time: an RDD, no RDD, or the error that stopped it.
type Computed = Result<Option<Batch>, EngineError>;

/// A running pipeline. `Clone` is a snapshot of the whole running state.
#[derive(Clone, Debug)]
pub struct Engine {
    spec: PipelineSpec,
    nodes: Vec<Built>,
    /// RDDs computed so far, per node and time (Spark's `generatedRDDs`).
    memo: Vec<BTreeMap<BatchTime, Computed>>,
    /// Each node's slide duration: it has an RDD only at multiples of it.
    slides: Vec<Duration>,
    /// How long each node's RDDs are kept after their time.
    remember: Vec<Duration>,
    next_batch: u64,
    /// The file system that `saveAsTextFiles` writes and `textFileStream` reads.
    vfs: Vfs,
    /// The streaming models (SEMANTICS G), which `trainOn` jobs update.
    models: Models,
    /// The host's clock, if it wants [`StepReport::timings`].
    clock: Option<Clock>,
}

impl Engine {
    /// Validates `spec` and builds its operators. Only builtin functions: pipelines with
    /// Python functions need [`Engine::with_resolver`] and the Python front end.
    pub fn new(spec: PipelineSpec) -> Result<Self, EngineError> {
        Engine::with_resolver(spec, &BuiltinsOnly)
    }

    /// Validates `spec` and builds its operators, resolving functions with `resolver`.
    pub fn with_resolver(
        spec: PipelineSpec,
        resolver: &dyn FuncResolver,
    ) -> Result<Self, EngineError> {
        Engine::with_vfs(spec, resolver, Vfs::default())
    }

    /// Like [`Engine::with_resolver`], over an existing file system. Its files count as
    /// already there when the streams start, so a `textFileStream` ignores them (SEMANTICS
    /// F4); files added later through [`Engine::vfs_mut`] are read.
    pub fn with_vfs(
        spec: PipelineSpec,
        resolver: &dyn FuncResolver,
        mut vfs: Vfs,
    ) -> Result<Self, EngineError> {
        for (i, node) in spec.nodes.iter().enumerate() {
            let invalid = |message: String| EngineError::InvalidPipeline {
                node: NodeId(i as u32),
                operator: node.op.name().to_string(),
                message,
            };
            let arity = node.op.arity();
            if !arity.contains(&node.inputs.len()) {
                let wanted = match (arity.start(), arity.end()) {
                    (a, b) if a == b => a.to_string(),
                    (a, _) => format!("at least {a}"),
                };
                return Err(invalid(format!(
                    "takes {wanted} input stream(s), got {}",
                    node.inputs.len()
                )));
            }
            for input in &node.inputs {
                match spec.nodes.get(input.0 as usize) {
                    _ if input.0 as usize >= i => {
                        return Err(invalid(format!(
                            "input {input} must be a node created before it"
                        )))
                    }
                    Some(up) if up.op.is_output() => {
                        return Err(invalid(format!(
                            "input {input} is an output operation ({}), not a stream",
                            up.op.name()
                        )))
                    }
                    _ => {}
                }
            }
        }
        if spec.batch_interval.millis() <= 0 {
            return Err(EngineError::InvalidPipeline {
                node: NodeId(0),
                operator: "StreamingContext".into(),
                message: "the batch interval must be positive".into(),
            });
        }
        if spec.checkpoint_dir.is_none() {
            if let Some(i) = spec.nodes.iter().position(|n| n.op.must_checkpoint()) {
                return Err(EngineError::InvalidPipeline {
                    node: NodeId(i as u32),
                    operator: spec.nodes[i].op.name().to_string(),
                    message: "requirement failed: The checkpoint directory has not been set. \
                              Please set it by StreamingContext.checkpoint()."
                        .into(),
                });
            }
        }
        let mut slides: Vec<Duration> = Vec::with_capacity(spec.nodes.len());
        let mut nodes = Vec::with_capacity(spec.nodes.len());
        for (i, n) in spec.nodes.iter().enumerate() {
            let invalid = |message| EngineError::InvalidPipeline {
                node: NodeId(i as u32),
                operator: n.op.name().to_string(),
                message,
            };
            let input_slides: Vec<Duration> = n
                .inputs
                .iter()
                .map(|input| slides[input.0 as usize])
                .collect();
            slides.push(
                n.op.slide(spec.batch_interval, &input_slides)
                    .map_err(invalid)?,
            );
            let cx = BuildCx {
                parallelism: spec.parallelism,
                interval: spec.batch_interval,
                input_slides: &input_slides,
            };
            nodes.push(ops::build(&n.op, cx, resolver).map_err(invalid)?);
        }
        let remember = remember_durations(&spec, &nodes, &slides, Duration(0));
        let models = Models::from_nodes(&spec.nodes).map_err(|(i, message)| {
            EngineError::InvalidPipeline {
                node: NodeId(i as u32),
                operator: spec.nodes[i].op.name().to_string(),
                message,
            }
        })?;
        vfs.mark_start();
        vfs.set_batch(0);
        Ok(Engine {
            memo: vec![BTreeMap::new(); spec.nodes.len()],
            nodes,
            slides,
            remember,
            spec,
            next_batch: 0,
            vfs,
            models,
            clock: None,
        })
    }

    /// Times every batch from now on with the host's `clock` (or stops timing, with `None`):
    /// the reports then carry [`Timings`]. The engine reads the clock only around each node's
    /// computation and each output job; nothing it computes depends on what it reads.
    ///
    /// ```
    /// use eddy_core::{demo, Clock, Engine};
    /// let mut engine = Engine::new(demo::seed_reduce_add()).unwrap();
    /// assert!(engine.step().timings.is_none());
    /// let ticks = std::cell::Cell::new(0.0);
    /// engine.set_clock(Some(Clock::new(move || { ticks.set(ticks.get() + 1.0); ticks.get() })));
    /// let timings = engine.step().timings.unwrap();
    /// assert!(timings.total_ms > 0.0);
    /// ```
    pub fn set_clock(&mut self, clock: Option<Clock>) {
        self.clock = clock;
    }

    /// The engine's file system: what `saveAsTextFiles` wrote, what `textFileStream` reads.
    pub fn vfs(&self) -> &Vfs {
        &self.vfs
    }

    /// The file system, to add files between batches (`vfs_mut().add_file(path, text)`):
    /// a file added before batch `i` runs is read by a `textFileStream` in batch `i`.
    pub fn vfs_mut(&mut self) -> &mut Vfs {
        &mut self.vfs
    }

    /// `ssc.remember(duration)`: every node keeps its RDDs for at least `duration` after
    /// their time, so [`Engine::slice`] can still return them.
    pub fn set_remember(&mut self, duration: Duration) {
        let wanted = remember_durations(&self.spec, &self.nodes, &self.slides, duration);
        for (r, w) in self.remember.iter_mut().zip(wanted) {
            *r = (*r).max(w);
        }
    }

    /// Spark's `DStream.slice(fromTime, toTime)`: the RDDs `node` generated at times from
    /// `from` to `to` (aligned down to the node's slide), oldest first, among those the engine
    /// still remembers (see [`Engine::set_remember`]). Unlike Spark, it never computes an RDD
    /// that was not computed (or was forgotten): it only reads.
    pub fn slice(&self, node: NodeId, from: BatchTime, to: BatchTime) -> Vec<(BatchTime, &Batch)> {
        let n = node.0 as usize;
        let (Some(memo), Some(slide)) = (self.memo.get(n), self.slides.get(n)) else {
            return Vec::new();
        };
        // Spark's times are `from` aligned down to the slide, up to `to`; of those only the
        // remembered ones have an RDD here, so walk what is remembered, not every slide
        // between the ends (a slice to the year 9970 has billions of them).
        let s = slide.millis().max(1);
        let from = BatchTime(from.0.max(0).div_euclid(s) * s);
        if from > to {
            return Vec::new();
        }
        memo.range(from..=to)
            .filter_map(|(t, c)| match c {
                Ok(Some(batch)) => Some((*t, batch)),
                _ => None,
            })
            .collect()
    }

    /// The streaming models as the batches so far left them (`latestModel()` between
    /// batches, SEMANTICS G2).
    pub fn models(&self) -> &Models {
        &self.models
    }

    /// The streaming models, to change one between batches (a setter called while the
    /// streams run).
    pub fn models_mut(&mut self) -> &mut Models {
        &mut self.models
    }

    /// The pipeline being run.
    pub fn spec(&self) -> &PipelineSpec {
        &self.spec
    }

    /// How many batches have run.
    pub fn batches_run(&self) -> u64 {
        self.next_batch
    }

    /// Runs the next batch: generates every output's RDD (in registration order, SEMANTICS
    /// A5), then runs the output jobs one after another (A4). Lines that operators print
    /// while their RDDs are generated (the body of `transform`) come first in the console,
    /// in the order they were computed, then the output jobs' lines.
    ///
    /// Spark's `JobGenerator` generates the jobs of a batch in one go: when a driver-side
    /// function raises while an RDD is generated (the body of `transform` or
    /// `transformWith`), no job of the batch runs, not even the outputs that do not read
    /// it, the error is reported once, and the next batch is generated as usual. The outputs
    /// after the failing one are not generated at all, so their inputs are not computed for
    /// this batch (a queue they alone read keeps its item). A failure in an executor-side
    /// function (a `map` lambda) fails only the jobs of the outputs that read it.
    pub fn step(&mut self) -> StepReport {
        let started = self.clock.as_ref().map(Clock::now);
        let index = self.next_batch;
        let time = BatchTime::of_batch(index, self.spec.batch_interval);
        self.vfs.set_batch(index);
        let outputs: Vec<(usize, NodeId)> = (self.spec.nodes.iter().enumerate())
            .filter(|(_, n)| n.op.is_output())
            .map(|(i, n)| (i, n.inputs[0]))
            .collect();
        let mut lines = Vec::new();
        let mut computed = Vec::new();
        let mut errors = Vec::new();
        // Per node: milliseconds spent computing it this batch, and how many computations.
        let mut spent = vec![
            (0.0, 0);
            if started.is_some() {
                self.nodes.len()
            } else {
                0
            }
        ];
        for &(_, input) in &outputs {
            let gen = Gen {
                batch: index,
                lines: &mut lines,
                computed: &mut computed,
                spent: &mut spent,
            };
            if let Err(e) = self.get_or_compute(input, time, gen) {
                errors.push(e);
                break;
            }
        }
        let generated = errors.is_empty();
        let jobs = if generated { &outputs[..] } else { &[] };
        // (output node, first line, end line) of what each job printed.
        let mut jobs_lines = Vec::new();
        let mut job_times = Vec::new();
        for &(node, input) in jobs {
            let Some(computed) = self.memo[input.0 as usize].get(&time) else {
                continue;
            };
            match computed {
                Ok(None) => {}
                Err(e) => errors.push(e.clone()),
                Ok(Some(batch)) => {
                    let Built::Output(out) = &mut self.nodes[node] else {
                        unreachable!("outputs are built as outputs")
                    };
                    let mut cx = OpContext {
                        parallelism: self.spec.parallelism,
                        interval: self.spec.batch_interval,
                        batch: index,
                        out: &mut lines,
                        vfs: &mut self.vfs,
                    };
                    let first = cx.out.len();
                    let clock = self.clock.as_ref().filter(|_| started.is_some());
                    let before = clock.map(Clock::now);
                    let ran = out.run_with_models(time, batch, &mut self.models, &mut cx);
                    if let (Some(clock), Some(before)) = (clock, before) {
                        job_times.push(NodeTiming {
                            node: NodeId(node as u32),
                            ms: clock.now() - before,
                            runs: 1,
                        });
                    }
                    if lines.len() > first {
                        jobs_lines.push((NodeId(node as u32), first, lines.len()));
                    }
                    if let Err(e) = ran {
                        errors.push(EngineError::UserFunction {
                            node: NodeId(node as u32),
                            operator: self.spec.nodes[node].op.name().to_string(),
                            batch: index,
                            message: e.0,
                        });
                    }
                }
            }
        }
        let records = self
            .memo
            .iter()
            .map(|m| match m.get(&time) {
                Some(Ok(Some(b))) => Some(b.len()),
                _ => None,
            })
            .collect();
        let windows: Vec<(NodeId, WindowInfo)> = (self.nodes.iter().enumerate())
            .filter_map(|(i, node)| {
                match node {
                    Built::Stream(op) => op.window_info().filter(|w| w.time == time),
                    Built::Output(_) => None,
                }
                .map(|w| (NodeId(i as u32), w))
            })
            .collect();
        // Keys the incremental path keeps at zero (only keyed windows: the composite ones
        // unkey their results or filter their zeros).
        let zero_keys = (windows.iter())
            .filter(|(n, w)| {
                matches!(w.path, WindowPath::Incremental { .. })
                    && matches!(
                        self.spec.nodes[n.0 as usize].op,
                        OpSpec::ReduceByKeyAndWindow { .. }
                    )
            })
            .filter_map(|(n, _)| match self.memo[n.0 as usize].get(&time) {
                Some(Ok(Some(b))) => ZeroKeys::of(b).map(|z| (*n, z)),
                _ => None,
            })
            .collect();
        computed.sort_unstable();
        computed.dedup();
        let states = computed
            .into_iter()
            .filter_map(|n| match &self.nodes[n] {
                Built::Stream(op) => op.state_view().map(|v| (NodeId(n as u32), v)),
                Built::Output(_) => None,
            })
            .collect();
        // Spark forgets old RDDs when a batch's jobs complete (`clearMetadata`); a batch whose
        // generation failed never completes, so what it computed stays for the next batch,
        // which may need it to compute what this one did not (a state at this time).
        if generated {
            for (memo, remember) in self.memo.iter_mut().zip(&self.remember) {
                let oldest = time.minus(*remember);
                // O(log n), where `retain` would walk every remembered time each batch.
                *memo = memo.split_off(&oldest);
            }
        }
        self.next_batch += 1;
        let mut console = String::new();
        let mut offsets = Vec::with_capacity(lines.len() + 1);
        for line in lines {
            offsets.push(console.len());
            console.push_str(&line);
            console.push('\n');
        }
        offsets.push(console.len());
        let printed = jobs_lines
            .into_iter()
            .map(|(node, first, end)| Printed {
                node,
                start: offsets[first],
                end: offsets[end],
            })
            .collect();
        let models = self.models.take_reports();
        let timings = match (&self.clock, started) {
            (Some(clock), Some(started)) => Some(Timings {
                total_ms: clock.now() - started,
                nodes: (spent.into_iter().enumerate())
                    .filter(|(_, (_, runs))| *runs > 0)
                    .map(|(n, (ms, runs))| NodeTiming {
                        node: NodeId(n as u32),
                        ms,
                        runs,
                    })
                    .collect(),
                outputs: job_times,
            }),
            _ => None,
        };
        StepReport {
            index,
            time,
            console,
            records,
            windows,
            errors,
            states,
            models,
            printed,
            zero_keys,
            timings,
        }
    }

    /// Spark's `getOrCompute`: the node's RDD at `time`, computed at most once. What the
    /// operator prints goes to `lines`; nodes that computed are added to `computed`.
    ///
    /// An executor-side failure is kept as the node's result at `time` (the jobs that read
    /// it fail). A driver-side function that raises ([`fails_at_generation`]) is returned as
    /// `Err`: the generation of batch `batch` stops there, and nothing is kept for the
    /// failed node or the nodes waiting for it, so a later batch that needs the RDD at
    /// `time` (a window) calls the function again, as Spark does.
    fn get_or_compute(
        &mut self,
        node: NodeId,
        time: BatchTime,
        gen: Gen<'_>,
    ) -> Result<(), EngineError> {
        let Gen {
            batch,
            lines,
            computed,
            spent,
        } = gen;
        let n = node.0 as usize;
        if self.memo[n].contains_key(&time) {
            return Ok(());
        }
        if !time.is_valid_for(self.slides[n]) {
            self.memo[n].insert(time, Ok(None));
            return Ok(());
        }
        if reads_its_previous_rdd(&self.spec.nodes[n].op) {
            let previous = time.minus(self.slides[n]);
            if previous.0 > 0 {
                let gen = Gen {
                    batch,
                    lines,
                    computed,
                    spent,
                };
                self.get_or_compute(node, previous, gen)?;
            }
        }
        let Built::Stream(op) = &self.nodes[n] else {
            unreachable!("validated: inputs are streams")
        };
        let inputs = self.spec.nodes[n].inputs.clone();
        let needs = op.needs(time, inputs.len());
        for &(i, t) in &needs {
            let gen = Gen {
                batch,
                lines,
                computed,
                spent,
            };
            self.get_or_compute(inputs[i], t, gen)?;
        }
        let mut ready = Vec::with_capacity(needs.len());
        let mut failed = None;
        for &(i, t) in &needs {
            match &self.memo[inputs[i].0 as usize][&t] {
                Ok(b) => ready.push(b.as_ref()),
                Err(e) => failed = Some(e.clone()),
            }
        }
        let result = match failed {
            Some(e) => Err(e),
            None => {
                let Built::Stream(op) = &mut self.nodes[n] else {
                    unreachable!("checked above")
                };
                let mut cx = OpContext {
                    parallelism: self.spec.parallelism,
                    interval: self.spec.batch_interval,
                    batch,
                    out: lines,
                    vfs: &mut self.vfs,
                };
                computed.push(n);
                let op_spec = &self.spec.nodes[n].op;
                // Timed only when the host asked (`spent` has a slot per node then).
                let clock = self.clock.as_ref().filter(|_| !spent.is_empty());
                let before = clock.map(Clock::now);
                let result = op.compute_with_models(time, &ready, &self.models, &mut cx);
                if let (Some(clock), Some(before), Some(slot)) = (clock, before, spent.get_mut(n)) {
                    slot.0 += clock.now() - before;
                    slot.1 += 1;
                }
                match result {
                    Err(e) if fails_at_generation(op_spec) => {
                        let batch_time = BatchTime::of_batch(batch, self.spec.batch_interval);
                        return Err(EngineError::UserFunction {
                            node,
                            operator: op_spec.name().to_string(),
                            batch,
                            message: format!(
                                "{} (error generating jobs for time {} ms: no output \
                                 operation ran in this batch)",
                                e.0, batch_time.0
                            ),
                        });
                    }
                    result => result.map_err(|e| EngineError::UserFunction {
                        node,
                        operator: op_spec.name().to_string(),
                        batch,
                        message: e.0,
                    }),
                }
            }
        };
        self.memo[n].insert(time, result);
        Ok(())
    }
}

/// What [`Engine::get_or_compute`] carries through its recursion for one batch.
struct Gen<'a> {
    /// The 0-based index of the batch being generated.
    batch: u64,
    /// Lines printed while generating.
    lines: &'a mut Vec<String>,
    /// Nodes that computed.
    computed: &'a mut Vec<usize>,
    /// Per node, time spent computing and computations: empty when not timing.
    spent: &'a mut [(f64, u32)],
}

/// Whether the operation runs user code in the driver when Spark generates the batch's jobs
/// (SEMANTICS A5), so that its failure fails the generation of the whole batch rather than
/// the jobs that read it. These are the RDD functions of `transform` and `transformWith`:
/// everything else PySpark builds at generation time only wraps RDDs lazily (its operations
/// are `transform`s of pyspark's own code), and `foreachRDD` runs in its job.
fn fails_at_generation(op: &OpSpec) -> bool {
    matches!(op, OpSpec::Transform { .. } | OpSpec::TransformWith { .. })
}

/// Whether the operation computes its RDD at a time from its own RDD one slide earlier, which
/// Spark gets with `getOrCompute(time - slide)` first, computing it then if it was not (a
/// batch whose generation failed before reaching it, or a time no output asked for):
/// `updateStateByKey` (`PythonStateDStream`) and the reducing windows, which PySpark builds
/// on `PythonReducedWindowedDStream`. Their operators carry that previous RDD as state.
fn reads_its_previous_rdd(op: &OpSpec) -> bool {
    matches!(
        op,
        OpSpec::UpdateStateByKey { .. }
            | OpSpec::ReduceByKeyAndWindow { .. }
            | OpSpec::ReduceByWindow { .. }
            | OpSpec::CountByWindow { .. }
            | OpSpec::CountByValueAndWindow { .. }
            | OpSpec::GroupByKeyAndWindow { .. }
    )
}

/// How long each node keeps its RDDs after their time (Spark's `rememberDuration`), when
/// every node keeps them at least `floor`. A node's RDDs are kept as long as the node reading
/// furthest back needs them, and one slide at least when the node reads its own previous RDD
/// ([`reads_its_previous_rdd`]). A node that may fail at generation ([`fails_at_generation`])
/// is computed again later for a time that failed, so its inputs are kept as long as it is
/// (Spark propagates `remember` to the parents of every DStream; Eddy keeps its memory to
/// these, as every other node's RDD at a time stays computed once its jobs were generated).
fn remember_durations(
    spec: &PipelineSpec,
    nodes: &[Built],
    slides: &[Duration],
    floor: Duration,
) -> Vec<Duration> {
    let mut remember = vec![floor; spec.nodes.len()];
    for (n, (node, built)) in spec.nodes.iter().zip(nodes).enumerate().rev() {
        let Built::Stream(op) = built else { continue };
        if reads_its_previous_rdd(&node.op) {
            remember[n] = remember[n].max(slides[n]);
        }
        let own = if fails_at_generation(&node.op) {
            remember[n]
        } else {
            Duration(0)
        };
        for input in &node.inputs {
            let r = &mut remember[input.0 as usize];
            *r = (*r).max(Duration(own.0 + op.lookback().0));
        }
    }
    remember
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;
    use crate::demo;
    use crate::spec::NodeSpec;
    use crate::Value;

    /// A fake clock that moves 1 ms each time it is read, and how often it was read.
    fn ticking() -> (Clock, Rc<Cell<u32>>) {
        let reads = Rc::new(Cell::new(0));
        let r = reads.clone();
        let clock = Clock::new(move || {
            r.set(r.get() + 1);
            f64::from(r.get())
        });
        (clock, reads)
    }

    fn timing(node: u32, ms: f64, runs: u32) -> NodeTiming {
        NodeTiming {
            node: NodeId(node),
            ms,
            runs,
        }
    }

    #[test]
    fn without_a_clock_reports_carry_no_timings_and_repeat_exactly() {
        let run = || {
            let mut engine = Engine::new(demo::seed_reduce_add()).unwrap();
            (0..6).map(|_| engine.step()).collect::<Vec<_>>()
        };
        let reports = run();
        assert!(reports.iter().all(|r| r.timings.is_none()));
        assert_eq!(reports, run());
        let json = serde_json::to_string(&reports[0]).unwrap();
        assert!(!json.contains("timings"), "{json}");
    }

    #[test]
    fn a_clock_times_each_node_once_and_each_output_job() {
        let mut engine = Engine::new(demo::seed_reduce_add()).unwrap();
        let (clock, reads) = ticking();
        engine.set_clock(Some(clock));
        let report = engine.step();
        // Read at the start (1), around the queue (2, 3) and the reduce (4, 5), around the two
        // pprint jobs (6..9), and at the end (10). The queue, read by both outputs, computed once.
        let timings = report.timings.unwrap();
        assert_eq!(timings.nodes, [timing(0, 1.0, 1), timing(1, 1.0, 1)]);
        assert_eq!(timings.outputs, [timing(2, 1.0, 1), timing(3, 1.0, 1)]);
        assert_eq!(timings.total_ms, 9.0);
        assert_eq!(timings.of(NodeId(3)), Some(1.0));
        assert_eq!(reads.get(), 10);
        // Timing changes nothing else in the report.
        let mut plain = Engine::new(demo::seed_reduce_add()).unwrap();
        assert_eq!(
            StepReport {
                timings: None,
                ..engine.step()
            },
            {
                plain.step();
                plain.step()
            }
        );
        engine.set_clock(None);
        assert!(engine.step().timings.is_none());
    }

    #[test]
    fn a_node_computed_for_several_times_in_one_batch_sums_them() {
        // A queue read only through window(2 s, 3 s) computes at 2 s and 3 s in batch 2
        // (SEMANTICS A2): two runs of the queue in one batch.
        let batches = (1..=8).map(|i| vec![Value::Int(i)]).collect();
        let spec = PipelineSpec {
            checkpoint_dir: None,
            batch_interval: Duration(1000),
            parallelism: 2,
            nodes: vec![
                NodeSpec::new(
                    &[],
                    OpSpec::QueueStream {
                        batches,
                        one_at_a_time: true,
                        default: None,
                        partition_sizes: None,
                    },
                ),
                NodeSpec::new(
                    &[0],
                    OpSpec::Window {
                        window_duration: Duration(2000),
                        slide_duration: Some(Duration(3000)),
                    },
                ),
                NodeSpec::new(&[1], OpSpec::Pprint { num: 10 }),
            ],
        };
        let mut engine = Engine::new(spec).unwrap();
        engine.set_clock(Some(ticking().0));
        let first = engine.step().timings.unwrap();
        // No window at 1 s: nothing computed, no job ran.
        assert_eq!((first.nodes.len(), first.outputs.len()), (0, 0));
        engine.step();
        let third = engine.step().timings.unwrap();
        assert_eq!(third.nodes, [timing(0, 2.0, 2), timing(1, 1.0, 1)]);
        assert_eq!(third.outputs, [timing(2, 1.0, 1)]);
    }
}
