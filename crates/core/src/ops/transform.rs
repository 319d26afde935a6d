//! `stream.transform(func)`.

use crate::func::RddFunc;
use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime};

/// Runs a driver-side function on each RDD and takes the RDD it returns. Spark calls it when
/// the batch is generated (SEMANTICS A5), before any output job, so what it prints comes
/// first in the batch's console. A function that returns `None` leaves the stream without an
/// RDD at that time (PySpark wraps the result in `Option`), so outputs print nothing for it.
///
/// ```
/// use std::rc::Rc;
/// use eddy_core::func::RddFunction;
/// use eddy_core::operator::{OpContext, OpError, Operator};
/// use eddy_core::{ops::Transform, Batch, BatchTime, Duration, Value, Vfs};
///
/// /// `lambda rdd: rdd.glom()`, written in Rust.
/// #[derive(Debug)]
/// struct Glom;
/// impl RddFunction for Glom {
///     fn call(&self, _t: BatchTime, rdds: &[&Batch], cx: &mut OpContext<'_>)
///         -> Result<Option<Batch>, OpError> {
///         cx.out.push("glomming".into());
///         Ok(Some(Batch::single(rdds[0].partitions.iter().cloned().map(Value::list).collect())))
///     }
/// }
/// let (mut out, mut vfs) = (Vec::new(), Vfs::default());
/// let mut cx = OpContext { parallelism: 2, interval: Duration(1000), batch: 0, out: &mut out, vfs: &mut vfs };
/// let input = Batch::parallelize(vec![Value::Int(1)], 2);
/// let got = Transform::new(Rc::new(Glom)).compute(BatchTime(1000), &[Some(&input)], &mut cx);
/// assert_eq!(got.unwrap().unwrap().records().map(|r| r.to_string()).collect::<Vec<_>>(), ["[]", "[1]"]);
/// assert_eq!(out, ["glomming"]);
/// ```
#[derive(Clone, Debug)]
pub struct Transform {
    f: RddFunc,
}

impl Transform {
    /// Transforms with `f`.
    pub fn new(f: RddFunc) -> Self {
        Transform { f }
    }
}

impl Operator for Transform {
    fn compute(
        &mut self,
        time: BatchTime,
        inputs: &[Option<&Batch>],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        match inputs[0] {
            Some(batch) => self.f.call(time, &[batch], cx),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::rc::Rc;

    use super::*;
    use crate::func::RddFunction;
    use crate::{Duration, Value, Vfs};

    /// An RDD function written in Rust: prints a line naming the batch and returns the first
    /// input (or `None` when told to).
    #[derive(Debug)]
    pub(crate) struct Echo {
        pub(crate) label: &'static str,
        pub(crate) give_none: bool,
    }

    impl RddFunction for Echo {
        fn call(
            &self,
            time: BatchTime,
            rdds: &[&Batch],
            cx: &mut OpContext<'_>,
        ) -> Result<Option<Batch>, OpError> {
            let sizes: Vec<String> = rdds.iter().map(|b| b.len().to_string()).collect();
            cx.out
                .push(format!("{} {} {}", self.label, time.0, sizes.join(",")));
            Ok((!self.give_none).then(|| rdds[0].clone()))
        }
    }

    fn run(op: &mut Transform, input: Option<&Batch>) -> (Option<Batch>, Vec<String>) {
        let (mut out, mut vfs) = (Vec::new(), Vfs::default());
        let mut cx = OpContext {
            parallelism: 2,
            interval: Duration(1000),
            batch: 0,
            out: &mut out,
            vfs: &mut vfs,
        };
        let got = op.compute(BatchTime(1000), &[input], &mut cx).unwrap();
        (got, out)
    }

    #[test]
    fn an_empty_batch_is_passed_to_the_function() {
        let mut op = Transform::new(Rc::new(Echo {
            label: "t",
            give_none: false,
        }));
        let (got, out) = run(&mut op, Some(&Batch::parallelize(vec![], 2)));
        assert_eq!(got.map(|b| b.partitions.len()), Some(2));
        assert_eq!(out, ["t 1000 0"]);
    }

    #[test]
    fn no_input_rdd_means_no_call_and_no_rdd() {
        let mut op = Transform::new(Rc::new(Echo {
            label: "t",
            give_none: false,
        }));
        assert_eq!(run(&mut op, None), (None, vec![]));
    }

    #[test]
    fn returning_none_leaves_no_rdd() {
        let mut op = Transform::new(Rc::new(Echo {
            label: "t",
            give_none: true,
        }));
        let (got, out) = run(&mut op, Some(&Batch::single(vec![Value::Int(1)])));
        assert_eq!(got, None);
        assert_eq!(out.len(), 1);
    }

    /// The engine with driver functions by name: `first_or_fail` prints the batch and raises
    /// on an empty RDD (`rdd.first()`), `none` returns no RDD; `fail_on_zero` is a `map`
    /// lambda that raises on 0 (an executor-side failure).
    pub(crate) mod engine {
        use std::rc::Rc;

        use crate::func::RddFunction;
        use crate::func::{native, BuiltinsOnly, Func, FuncResolver, FuncSpec, RddFunc};
        use crate::operator::{OpContext, OpError};
        use crate::{Batch, BatchTime, Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};

        /// Prints the time, then raises on an empty RDD (`first_or_fail`) or at 2 s
        /// (`fail_at_2000`), else returns the first RDD.
        #[derive(Debug)]
        struct FirstOrFail(bool);

        impl RddFunction for FirstOrFail {
            fn call(
                &self,
                time: BatchTime,
                rdds: &[&Batch],
                cx: &mut OpContext<'_>,
            ) -> Result<Option<Batch>, OpError> {
                cx.out.push(format!("generating {}", time.0));
                let fails = if self.0 {
                    rdds.iter().any(|b| b.is_empty())
                } else {
                    time.0 == 2000
                };
                if fails {
                    Err(OpError("ValueError: RDD is empty".into()))
                } else {
                    Ok(Some(rdds[0].clone()))
                }
            }
        }

        struct Driver;

        impl FuncResolver for Driver {
            fn resolve(&self, spec: &FuncSpec) -> Result<Func, String> {
                match spec.python_source() {
                    "sum_state" => Ok(native("sum_state", |a| {
                        let old = if a[1] == Value::None {
                            Value::Int(0)
                        } else {
                            a[1].clone()
                        };
                        Ok(a[0].items()?.iter().try_fold(old, |t, v| t.add(v))?)
                    })),
                    "fail_on_zero" => Ok(native("fail_on_zero", |a| match &a[0] {
                        Value::Int(0) => Err(OpError("ZeroDivisionError: division by zero".into())),
                        v => Ok(v.clone()),
                    })),
                    _ => BuiltinsOnly.resolve(spec),
                }
            }

            fn resolve_rdd(&self, spec: &FuncSpec) -> Result<RddFunc, String> {
                Ok(Rc::new(FirstOrFail(spec.python_source() != "fail_at_2000")))
            }
        }

        pub(crate) fn py(source: &str) -> FuncSpec {
            FuncSpec::Python {
                source: source.into(),
                id: None,
            }
        }

        pub(crate) fn queue(batches: &[&[i64]]) -> OpSpec {
            OpSpec::QueueStream {
                batches: (batches.iter())
                    .map(|b| b.iter().copied().map(Value::Int).collect())
                    .collect(),
                one_at_a_time: true,
                default: None,
                partition_sizes: None,
            }
        }

        pub(crate) fn pprint() -> OpSpec {
            OpSpec::Pprint { num: 10 }
        }

        /// An engine over `nodes` with the driver functions above.
        pub(crate) fn engine(nodes: Vec<(&[u32], OpSpec)>) -> Engine {
            let spec = PipelineSpec {
                batch_interval: Duration(1000),
                parallelism: 2,
                checkpoint_dir: Some("checkpoint".into()),
                nodes: (nodes.into_iter())
                    .map(|(inputs, op)| NodeSpec::new(inputs, op))
                    .collect(),
            };
            Engine::with_resolver(spec, &Driver).unwrap()
        }

        /// The records each pprint of a batch printed, in order (lines between the headers).
        pub(crate) fn printed(console: &str) -> Vec<Vec<String>> {
            console
                .split("-------------------------------------------\n")
                .skip(1)
                .filter(|block| !block.starts_with("Time:"))
                .map(|block| {
                    block
                        .lines()
                        .take_while(|l| !l.is_empty())
                        .map(String::from)
                        .collect()
                })
                .collect()
        }
    }

    use crate::OpSpec;
    use engine::{engine, pprint, printed, py, queue};

    #[test]
    fn a_transform_that_raises_fails_every_output_of_the_batch_and_the_stream_goes_on() {
        let transform = OpSpec::Transform {
            func: py("first_or_fail"),
        };
        let mut e = engine(vec![
            (&[], queue(&[&[3, 1], &[], &[7]])),
            (&[0], pprint()),
            (&[0], transform),
            (&[2], pprint()),
            (&[0], OpSpec::Count),
            (&[4], pprint()),
        ]);
        let first = e.step();
        assert_eq!(
            printed(&first.console),
            [vec!["3", "1"], vec!["3", "1"], vec!["2"]]
        );
        let failed = e.step();
        // The transform ran and printed at generation time, then nothing else did: not the
        // pprint registered before it, not the count that does not read it.
        assert_eq!(failed.console, "generating 2000\n");
        assert_eq!(failed.errors.len(), 1);
        let error = failed.errors[0].to_string();
        assert!(
            error.starts_with("batch 1, transform (node 2): ValueError: RDD is empty"),
            "{error}"
        );
        assert!(
            error.contains("error generating jobs for time 2000 ms"),
            "{error}"
        );
        // The failed batch consumed its queue item: the next batch gets the next one.
        let next = e.step();
        assert!(next.errors.is_empty());
        assert_eq!(printed(&next.console), [vec!["7"], vec!["7"], vec!["1"]]);
    }

    #[test]
    fn a_map_lambda_that_raises_fails_only_the_outputs_that_read_it() {
        let map = OpSpec::Map {
            func: py("fail_on_zero"),
        };
        let mut e = engine(vec![
            (&[], queue(&[&[0, 1]])),
            (&[0], map),
            (&[1], pprint()),
            (&[0], pprint()),
        ]);
        let report = e.step();
        assert_eq!(report.errors.len(), 1);
        assert!(report.errors[0]
            .to_string()
            .starts_with("batch 0, map (node 1): ZeroDivisionError"));
        assert_eq!(printed(&report.console), [vec!["0", "1"]]);
    }

    #[test]
    fn outputs_after_a_failed_generation_are_not_generated_so_their_queue_keeps_its_item() {
        let mut e = engine(vec![
            (&[], queue(&[&[]])),
            (
                &[0],
                OpSpec::Transform {
                    func: py("first_or_fail"),
                },
            ),
            (&[1], pprint()),
            (&[], queue(&[&[1], &[2]])),
            (&[3], pprint()),
        ]);
        let failed = e.step();
        assert_eq!(failed.errors.len(), 1);
        assert_eq!(failed.records_of(crate::NodeId(3)), None);
        // The transform's queue is drained now (one empty partition): it raises again.
        assert_eq!(e.step().errors.len(), 1);
        let mut e = engine(vec![
            (&[], queue(&[&[], &[5]])),
            (
                &[0],
                OpSpec::Transform {
                    func: py("first_or_fail"),
                },
            ),
            (&[1], pprint()),
            (&[], queue(&[&[1], &[2]])),
            (&[3], pprint()),
        ]);
        e.step();
        // The second queue hands out its first item in the first batch that asked for it.
        assert_eq!(printed(&e.step().console), [vec!["5"], vec!["1"]]);
    }

    #[test]
    fn a_window_over_a_failed_transform_calls_it_again_for_as_long_as_it_covers_that_time() {
        let mut e = engine(vec![
            (&[], queue(&[&[1], &[], &[5], &[6], &[7]])),
            (
                &[0],
                OpSpec::Transform {
                    func: py("first_or_fail"),
                },
            ),
            (
                &[1],
                OpSpec::Window {
                    window_duration: Duration(3000),
                    slide_duration: None,
                },
            ),
            (&[2], pprint()),
        ]);
        assert_eq!(printed(&e.step().console), [vec!["1"]]);
        // Spark keeps no RDD for a time whose generation failed: the windows at 3 s and 4 s
        // ask for the transform at 2 s again, which raises again (on the queue's RDD at 2 s,
        // which is remembered, not dequeued anew), so those batches generate no job either.
        for (batch, time) in [(1, 2000), (2, 2000), (3, 2000)] {
            let report = e.step();
            assert_eq!(report.errors.len(), 1, "batch {batch}");
            assert!(
                report.console.ends_with(&format!("generating {time}\n")),
                "{}",
                report.console
            );
        }
        // The window at 5 s no longer covers 2 s: the queue hands out 3 s, 4 s and 5 s now.
        assert_eq!(printed(&e.step().console), [vec!["5", "6", "7"]]);
    }

    #[test]
    fn a_state_that_a_failed_batch_did_not_compute_is_computed_by_the_next_batch() {
        let pairs = |xs: &[i64]| {
            xs.iter()
                .map(|&x| Value::tuple([Value::str("k"), Value::Int(x)]))
                .collect()
        };
        let queue = OpSpec::QueueStream {
            batches: vec![pairs(&[1]), pairs(&[2]), pairs(&[4])],
            one_at_a_time: true,
            default: None,
            partition_sizes: None,
        };
        let state = OpSpec::UpdateStateByKey {
            func: py("sum_state"),
            num_partitions: None,
            initial: None,
        };
        let mut e = engine(vec![
            (&[], queue),
            (
                &[0],
                OpSpec::Transform {
                    func: py("fail_at_2000"),
                },
            ),
            (&[1], pprint()),
            (&[0], state),
            (&[3], pprint()),
        ]);
        assert_eq!(printed(&e.step().console)[1], ["('k', 1)"]);
        // The generation stops at the transform, before the state's output: no state at 2 s.
        assert_eq!(e.step().errors.len(), 1);
        // Spark's state at 3 s asks for the state at 2 s first (`getOrCompute(time - slide)`),
        // which is computed now from the queue's RDD at 2 s: 1 + 2 + 4.
        assert_eq!(printed(&e.step().console)[1], ["('k', 7)"]);
    }
}
