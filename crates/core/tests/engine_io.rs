//! The engine with driver-side functions, files and state views: the console order of
//! generation-time and job-time prints (SEMANTICS A4, A5), `saveAsTextFiles` and
//! `textFileStream` through the engine's file system (F3, F4), `slice`, and state reports.

use std::rc::Rc;

// Under wasm32 these run in headless Chromium too.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use eddy_core::func::{
    native, Builtin, BuiltinsOnly, Func, FuncResolver, FuncSpec, RddFunc, RddFunction,
};
use eddy_core::operator::{OpContext, OpError};
use eddy_core::{
    Batch, BatchTime, Duration, Engine, NodeId, NodeSpec, OpSpec, PipelineSpec, Timeline, Value,
};

/// Driver functions by source text: `print_count` prints the RDD's size and returns it,
/// `swap` returns the second RDD, `none` returns no RDD.
struct Driver;

#[derive(Debug)]
struct Named(&'static str);

impl RddFunction for Named {
    fn call(
        &self,
        time: BatchTime,
        rdds: &[&Batch],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        match self.0 {
            "print_count" => {
                cx.out
                    .push(format!("{} at {}: {}", self.0, time.0, rdds[0].len()));
                Ok(Some(rdds[0].clone()))
            }
            "swap" => Ok(Some(rdds[1].clone())),
            "fail" => Err(OpError("ZeroDivisionError: division by zero".into())),
            _ => Ok(None),
        }
    }
}

impl FuncResolver for Driver {
    fn resolve(&self, spec: &FuncSpec) -> Result<Func, String> {
        match spec.python_source() {
            "lambda vs, s: sum(vs) + (s or 0)" => Ok(native("sum", |a| {
                let start = if a[1] == Value::None {
                    Value::Int(0)
                } else {
                    a[1].clone()
                };
                Ok(a[0].items()?.iter().try_fold(start, |t, v| t.add(v))?)
            })),
            _ => BuiltinsOnly.resolve(spec),
        }
    }

    fn resolve_rdd(&self, spec: &FuncSpec) -> Result<RddFunc, String> {
        let name: &'static str = match spec.python_source() {
            "print_count" => "print_count",
            "swap" => "swap",
            "fail" => "fail",
            _ => "none",
        };
        Ok(Rc::new(Named(name)))
    }
}

fn py(source: &str) -> FuncSpec {
    FuncSpec::Python {
        source: source.into(),
        id: None,
    }
}

fn ints(batches: &[&[i64]]) -> OpSpec {
    OpSpec::QueueStream {
        batches: batches
            .iter()
            .map(|b| b.iter().copied().map(Value::Int).collect())
            .collect(),
        one_at_a_time: true,
        default: None,
        partition_sizes: None,
    }
}

fn pipeline(nodes: Vec<NodeSpec>) -> PipelineSpec {
    PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: Some("cp".into()),
        nodes,
    }
}

fn engine(nodes: Vec<NodeSpec>) -> Engine {
    Engine::with_resolver(pipeline(nodes), &Driver).unwrap()
}

const HEADER: &str = "-------------------------------------------";

#[test]
fn transform_prints_come_before_every_output_job_of_the_batch() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(&[], ints(&[&[1, 2, 3]])),
        node(&[0], OpSpec::Pprint { num: 10 }),
        node(
            &[0],
            OpSpec::Transform {
                func: py("print_count"),
            },
        ),
        node(&[2], OpSpec::Pprint { num: 10 }),
    ]);
    let console = e.step().console;
    let lines: Vec<&str> = console.lines().collect();
    // The transform ran when the batch was generated, before the first pprint job.
    assert_eq!(lines[0], "print_count at 1000: 3");
    assert_eq!(lines[1], HEADER);
    assert_eq!(lines.iter().filter(|l| l.starts_with("Time:")).count(), 2);
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("print_count"))
            .count(),
        1
    );
}

#[test]
fn foreach_rdd_runs_in_registration_order_with_pprint() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(&[], ints(&[&[1], &[]])),
        node(&[0], OpSpec::Pprint { num: 10 }),
        node(
            &[0],
            OpSpec::ForeachRdd {
                func: py("print_count"),
            },
        ),
    ]);
    let console = e.step().console;
    let lines: Vec<&str> = console.lines().collect();
    assert_eq!(
        lines[..5],
        [HEADER, "Time: 1970-01-01 00:00:01", HEADER, "1", ""]
    );
    assert_eq!(lines[5], "print_count at 1000: 1");
    assert!(e.step().console.ends_with("print_count at 2000: 0\n"));
}

#[test]
fn each_output_job_names_the_console_lines_it_printed() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(&[], ints(&[&[1, 2]])),
        node(
            &[0],
            OpSpec::Transform {
                func: py("print_count"),
            },
        ),
        node(&[1], OpSpec::Pprint { num: 10 }),
        node(
            &[0],
            OpSpec::ForeachRdd {
                func: py("print_count"),
            },
        ),
    ]);
    let report = e.step();
    let parts: Vec<(u32, &str)> = (report.printed.iter())
        .map(|p| (p.node.0, &report.console[p.start..p.end]))
        .collect();
    // The transform's line, printed while the batch was generated, belongs to no job.
    assert!(report.console.starts_with("print_count at 1000: 2\n"));
    assert_eq!(
        parts,
        [
            (2, "-------------------------------------------\nTime: 1970-01-01 00:00:01\n-------------------------------------------\n1\n2\n\n"),
            (3, "print_count at 1000: 2\n"),
        ]
    );
}

#[test]
fn a_failing_foreach_rdd_is_reported_and_the_next_output_still_runs() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(&[], ints(&[&[1]])),
        node(&[0], OpSpec::ForeachRdd { func: py("fail") }),
        node(&[0], OpSpec::Pprint { num: 10 }),
    ]);
    let report = e.step();
    assert!(report.console.starts_with(HEADER));
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].to_string().contains("foreachRDD"));
}

#[test]
fn transform_returning_none_leaves_no_rdd_to_print() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(&[], ints(&[&[1]])),
        node(&[0], OpSpec::Transform { func: py("none") }),
        node(&[1], OpSpec::Pprint { num: 10 }),
    ]);
    let report = e.step();
    assert_eq!(report.console, "");
    assert_eq!(report.records_of(NodeId(1)), None);
}

#[test]
fn transform_with_passes_both_streams() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(&[], ints(&[&[1]])),
        node(&[], ints(&[&[7, 8]])),
        node(&[0, 1], OpSpec::TransformWith { func: py("swap") }),
        node(&[2], OpSpec::Pprint { num: 10 }),
    ]);
    assert!(e.step().console.contains("7\n8\n"));
}

#[test]
fn save_as_text_files_writes_every_batch_and_stepping_back_restores_the_files() {
    let node = NodeSpec::new;
    let e = engine(vec![
        node(&[], ints(&[&[1, 2, 3]])),
        node(
            &[0],
            OpSpec::SaveAsTextFiles {
                prefix: "out/nums".into(),
                suffix: Some("txt".into()),
            },
        ),
    ]);
    let mut t = Timeline::new(e);
    t.seek(3);
    let vfs = t.engine().vfs();
    assert_eq!(
        vfs.list_dir("out"),
        ["nums-1000.txt/", "nums-2000.txt/", "nums-3000.txt/"]
    );
    assert_eq!(
        vfs.read_text("out/nums-1000.txt/part-00001").as_deref(),
        Some("2\n3\n")
    );
    // Drained batches: an empty part file and _SUCCESS (SEMANTICS F3); a drained queue's RDD
    // is Spark's default `sc.makeRDD(Seq.empty, 1)`, one partition.
    assert_eq!(
        vfs.list_dir("out/nums-3000.txt"),
        ["_SUCCESS", "part-00000"]
    );
    assert_eq!(
        vfs.read_text("out/nums-3000.txt/part-00000").as_deref(),
        Some("")
    );
    t.step_back();
    assert!(!t.engine().vfs().is_dir("out/nums-3000.txt"));
    assert!(t.engine().vfs().is_dir("out/nums-2000.txt"));
}

#[test]
fn text_file_stream_reads_files_added_before_each_batch() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(
            &[],
            OpSpec::TextFileStream {
                directory: "in".into(),
            },
        ),
        node(&[0], OpSpec::Count),
        node(&[0], OpSpec::Pprint { num: 10 }),
        node(&[1], OpSpec::Pprint { num: 10 }),
    ]);
    e.vfs_mut().add_file("in/b.txt", "b1\nb2\n");
    e.vfs_mut().add_file("in/a.txt", "a1\n");
    let first = e.step().console;
    assert!(first.contains("a1\nb1\nb2\n"), "{first}");
    assert!(first.contains("\n3\n"), "{first}");
    // No new file: an RDD without partitions, whose count prints nothing (SEMANTICS C1).
    let second = e.step().console;
    assert_eq!(second.matches("Time: 1970-01-01 00:00:02").count(), 2);
    assert!(!second.contains("\n0\n"), "{second}");
    e.vfs_mut().add_file("in/c.txt", "c1");
    assert!(e.step().console.contains("c1\n"));
}

#[test]
fn files_present_when_the_engine_starts_are_ignored() {
    let mut vfs = eddy_core::Vfs::default();
    vfs.add_file("in/old.txt", "old");
    let spec = pipeline(vec![
        NodeSpec::new(
            &[],
            OpSpec::TextFileStream {
                directory: "in".into(),
            },
        ),
        NodeSpec::new(&[0], OpSpec::Pprint { num: 10 }),
    ]);
    let mut e = Engine::with_vfs(spec, &Driver, vfs).unwrap();
    assert!(!e.step().console.contains("old"));
}

#[test]
fn slice_returns_the_remembered_rdds_of_a_node() {
    let node = NodeSpec::new;
    let mut e = engine(vec![
        node(&[], ints(&[&[1], &[2, 2], &[3, 3, 3]])),
        node(&[0], OpSpec::Pprint { num: 10 }),
    ]);
    e.set_remember(Duration(10_000));
    for _ in 0..3 {
        e.step();
    }
    let sizes: Vec<(i64, usize)> = e
        .slice(NodeId(0), BatchTime(1500), BatchTime(3000))
        .into_iter()
        .map(|(t, b)| (t.0, b.len()))
        .collect();
    // 1500 is aligned down to 1000, as Spark aligns it.
    assert_eq!(sizes, [(1000, 1), (2000, 2), (3000, 3)]);
    assert!(e.slice(NodeId(9), BatchTime(0), BatchTime(5000)).is_empty());
}

#[test]
fn state_views_come_only_from_stateful_nodes() {
    let node = NodeSpec::new;
    let kv = |k: &str, v: i64| Value::tuple(vec![Value::from(k), Value::Int(v)]);
    let mut e = engine(vec![
        node(
            &[],
            OpSpec::QueueStream {
                batches: vec![vec![kv("b", 1), kv("a", 2)], vec![kv("c", 1), kv("a", 1)]],
                one_at_a_time: true,
                default: None,
                partition_sizes: None,
            },
        ),
        node(
            &[0],
            OpSpec::UpdateStateByKey {
                func: py("lambda vs, s: sum(vs) + (s or 0)"),
                num_partitions: None,
                initial: None,
            },
        ),
        node(
            &[0],
            OpSpec::ReduceByKey {
                func: FuncSpec::Builtin(Builtin::Add),
                num_partitions: None,
            },
        ),
        node(&[1], OpSpec::Pprint { num: 10 }),
        node(&[2], OpSpec::Pprint { num: 10 }),
    ]);
    let first = e.step();
    assert_eq!(first.states.len(), 1);
    let view = first.state_of(NodeId(1)).unwrap();
    assert_eq!(
        view.entries,
        [("'a'".into(), "2".into()), ("'b'".into(), "1".into())]
    );
    assert_eq!(view.added, ["'a'", "'b'"]);
    let second = e.step();
    let view = second.state_of(NodeId(1)).unwrap();
    assert_eq!(view.total, 3);
    assert_eq!(view.added, ["'c'"]);
    assert_eq!(view.changed, ["'a'"]);
    assert!(view.deleted.is_empty());
}

#[test]
fn the_order_generator_feeds_a_pipeline_deterministically() {
    let node = NodeSpec::new;
    let spec = || {
        pipeline(vec![
            node(&[], OpSpec::OrderGenerator { rate: 5, seed: 9 }),
            node(&[0], OpSpec::Count),
            node(&[0], OpSpec::Pprint { num: 2 }),
            node(&[1], OpSpec::Pprint { num: 10 }),
        ])
    };
    let run = || {
        let mut e = Engine::new(spec()).unwrap();
        (0..3).map(|_| e.step().console).collect::<String>()
    };
    let text = run();
    assert_eq!(text, run());
    assert!(text.contains("\n5\n"));
    assert!(text.contains("2016-03-22 20:25:28,1,"));
    assert!(text.contains("2016-03-22 20:25:30,11,"));
}

#[test]
fn map_partitions_partition_by_and_combine_by_key_build_from_the_spec() {
    let node = NodeSpec::new;
    let add = FuncSpec::Builtin(Builtin::Add);
    let kv = |k: i64, v: i64| Value::tuple(vec![Value::Int(k), Value::Int(v)]);
    let spec = pipeline(vec![
        node(
            &[],
            OpSpec::QueueStream {
                batches: vec![vec![kv(1, 1), kv(2, 2), kv(1, 3), kv(3, 4)]],
                one_at_a_time: true,
                default: None,
                partition_sizes: None,
            },
        ),
        node(
            &[0],
            OpSpec::PartitionBy {
                num_partitions: 3,
                partition_func: None,
            },
        ),
        node(&[1], OpSpec::Glom),
        node(
            &[0],
            OpSpec::CombineByKey {
                create_combiner: FuncSpec::Python {
                    source: "lambda v: v".into(),
                    id: None,
                },
                merge_value: add.clone(),
                merge_combiners: add,
                num_partitions: Some(1),
            },
        ),
        node(&[2], OpSpec::Pprint { num: 10 }),
        node(&[3], OpSpec::Pprint { num: 10 }),
    ]);
    struct Identity;
    impl FuncResolver for Identity {
        fn resolve(&self, spec: &FuncSpec) -> Result<Func, String> {
            match spec {
                FuncSpec::Python { .. } => Ok(native("lambda v: v", |a| Ok(a[0].clone()))),
                b => BuiltinsOnly.resolve(b),
            }
        }
    }
    let mut e = Engine::with_resolver(spec, &Identity).unwrap();
    let console = e.step().console;
    assert!(
        console.contains("[(3, 4)]\n[(1, 1), (1, 3)]\n[(2, 2)]\n"),
        "{console}"
    );
    assert!(console.contains("(1, 4)\n(2, 2)\n(3, 4)\n"), "{console}");
}

#[test]
fn transform_without_the_python_front_end_is_a_build_error() {
    let spec = pipeline(vec![
        NodeSpec::new(&[], ints(&[&[1]])),
        NodeSpec::new(
            &[0],
            OpSpec::Transform {
                func: py("lambda rdd: rdd"),
            },
        ),
    ]);
    let err = Engine::new(spec).unwrap_err().to_string();
    assert!(err.contains("transform (node 1)"), "{err}");
}
