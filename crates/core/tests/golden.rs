//! Builtin-only programs of `../shared/conformance` as hand-built pipelines, compared with what
//! real PySpark printed. (Whole programs, lambdas included, run through the Python front end.)

use std::path::PathBuf;

use eddy_core::func::{native, Builtin, BuiltinsOnly, Func, FuncResolver, FuncSpec};
use eddy_core::operator::OpError;
use eddy_core::ops::JoinKind;
use eddy_core::{demo, Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};

fn golden(name: &str) -> (String, bool, u64) {
    let dir = std::env::var_os("EDDY_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let program = std::fs::read_to_string(dir.join(format!("conformance/{name}.py"))).unwrap();
    let header = |key: &str| {
        program
            .lines()
            .find_map(|l| l.strip_prefix(&format!("# {key}: ")))
            .map(str::to_owned)
    };
    let batches = header("batches").unwrap().parse().unwrap();
    let ordered = header("ordered").as_deref() == Some("true");
    let text = std::fs::read_to_string(dir.join(format!("conformance/{name}.spark.txt"))).unwrap();
    (text, ordered, batches)
}

/// pprint blocks, each a header and its record lines; records sorted when order is undefined.
fn blocks(text: &str, ordered: bool) -> Vec<Vec<String>> {
    let rule = "-------------------------------------------";
    let mut out: Vec<Vec<String>> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] == rule && lines.get(i + 2) == Some(&rule) {
            let mut block = vec![lines[i + 1].to_string()];
            i += 3;
            let mut records = Vec::new();
            while i < lines.len() && !(lines[i] == rule && lines.get(i + 2) == Some(&rule)) {
                records.push(lines[i].to_string());
                i += 1;
            }
            if !ordered {
                records.sort();
            }
            block.extend(records);
            out.push(block);
        } else {
            out.push(vec![lines[i].to_string()]);
            i += 1;
        }
    }
    out
}

/// The conformance programs' Python functions, written in Rust, until the Python front end
/// compiles them: each source text maps to what it computes.
struct ProgramFunctions;

fn int_sum(values: &Value, start: Value) -> Result<Value, OpError> {
    values
        .items()?
        .iter()
        .try_fold(start, |acc, v| Ok(acc.add(v)?))
}

fn or_zero(v: &Value) -> Value {
    if v.truthy() {
        v.clone()
    } else {
        Value::Int(0)
    }
}

impl FuncResolver for ProgramFunctions {
    fn resolve(&self, spec: &FuncSpec) -> Result<Func, String> {
        let FuncSpec::Python { source, .. } = spec else {
            return BuiltinsOnly.resolve(spec);
        };
        Ok(match source.as_str() {
            "updateFunction" => native("updateFunction", |a| {
                int_sum(
                    &a[0],
                    if a[1] == Value::None {
                        Value::Int(0)
                    } else {
                        a[1].clone()
                    },
                )
            }),
            "drop_idle" => native("drop_idle", |a| {
                if a[0].items()?.is_empty() {
                    return Ok(Value::None);
                }
                int_sum(&a[0], Value::Int(0))?
                    .add(&or_zero(&a[1]))
                    .map_err(Into::into)
            }),
            "drop_zero" => native("drop_zero", |a| {
                let s = int_sum(&a[0], Value::Int(0))?.add(&or_zero(&a[1]))?;
                Ok(if s.py_eq(&Value::Int(0)) {
                    Value::None
                } else {
                    s
                })
            }),
            other => return Err(format!("no Rust version of `{other}` in this test")),
        })
    }
}

fn python(source: &str) -> FuncSpec {
    FuncSpec::Python {
        source: source.into(),
        id: None,
    }
}

fn run(spec: PipelineSpec, batches: u64) -> String {
    let mut engine = Engine::with_resolver(spec, &ProgramFunctions).unwrap();
    (0..batches).map(|_| engine.step().console).collect()
}

fn assert_matches_spark(name: &str, spec: PipelineSpec) {
    let (want, ordered, batches) = golden(name);
    let got = run(spec, batches);
    if ordered {
        assert_eq!(got, want, "{name}");
    } else {
        assert_eq!(blocks(&got, false), blocks(&want, false), "{name}");
    }
}

fn ints(rows: &[&[i64]]) -> Vec<Vec<Value>> {
    rows.iter()
        .map(|r| r.iter().copied().map(Value::Int).collect())
        .collect()
}

fn pipeline(nodes: Vec<(Vec<u32>, OpSpec)>) -> PipelineSpec {
    PipelineSpec {
        checkpoint_dir: Some("checkpoint".into()),
        batch_interval: Duration::from_secs_f64(1.0),
        parallelism: 2,
        nodes: nodes
            .into_iter()
            .map(|(inputs, op)| NodeSpec::new(&inputs, op))
            .collect(),
    }
}

fn queue(rows: &[&[i64]]) -> OpSpec {
    OpSpec::QueueStream {
        batches: ints(rows),
        one_at_a_time: true,
        default: None,
        partition_sizes: None,
    }
}

const ADD: FuncSpec = FuncSpec::Builtin(Builtin::Add);

#[test]
fn seed_a_reduce_add() {
    assert_matches_spark("seed_a_reduce_add", demo::seed_reduce_add());
}

#[test]
fn count_and_reduce_empty() {
    let print = OpSpec::Pprint { num: 1000 };
    let spec = pipeline(vec![
        (vec![], queue(&[&[3, 3, -1], &[], &[-1, -1, 0]])),
        (vec![0], OpSpec::Count),
        (vec![1], print.clone()),
        (vec![0], OpSpec::Reduce { func: ADD }),
        (vec![3], print.clone()),
        (vec![0], OpSpec::CountByValue),
        (vec![5], print),
    ]);
    assert_matches_spark("count_and_reduce_empty", spec);
}

#[test]
fn repartition_glom() {
    let print = OpSpec::Pprint { num: 10 };
    let spec = pipeline(vec![
        (vec![], queue(&[&[1, 2, 3, 4, 5], &[], &[7], &[8, 9]])),
        (vec![0], OpSpec::Glom),
        (vec![1], print.clone()),
        (vec![0], OpSpec::Repartition { num_partitions: 1 }),
        (vec![3], OpSpec::Glom),
        (vec![4], print.clone()),
        (vec![0], OpSpec::Repartition { num_partitions: 3 }),
        (vec![6], OpSpec::Count),
        (vec![7], print),
    ]);
    assert_matches_spark("repartition_glom", spec);
}

#[test]
fn pipelines_round_trip_through_json() {
    let spec = demo::seed_reduce_add();
    let json = serde_json::to_string(&spec).unwrap();
    let back: PipelineSpec = serde_json::from_str(&json).unwrap();
    assert_eq!(back, spec);
}

fn sales() -> OpSpec {
    let kv = |k: &str, v: i64| Value::tuple(vec![Value::from(k), Value::Int(v)]);
    OpSpec::QueueStream {
        batches: vec![
            vec![kv("Alice", 100), kv("Bob", 60)],
            vec![kv("Bob", 60)],
            vec![kv("Carlos", 90), kv("Dan", 40)],
            vec![kv("Carlos", 10), kv("Dan", 20), kv("Erin", 90)],
            vec![kv("Carlos", 20), kv("Frank", 200)],
        ],
        one_at_a_time: true,
        default: None,
        partition_sizes: None,
    }
}

fn add_sub_window(window_secs: i64, num: usize) -> PipelineSpec {
    pipeline(vec![
        (vec![], sales()),
        (
            vec![0],
            OpSpec::ReduceByKeyAndWindow {
                func: ADD,
                inv_func: Some(FuncSpec::Builtin(Builtin::Sub)),
                window_duration: Duration(window_secs * 1000),
                slide_duration: Some(Duration(1000)),
                num_partitions: None,
                filter_func: None,
            },
        ),
        (vec![1], OpSpec::Pprint { num }),
    ])
}

#[test]
fn window_4_slide_2() {
    let rows: Vec<Vec<i64>> = (1..8).map(|i| vec![i]).collect();
    let rows: Vec<&[i64]> = rows.iter().map(Vec::as_slice).collect();
    let spec = pipeline(vec![
        (vec![], queue(&rows)),
        (
            vec![0],
            OpSpec::Window {
                window_duration: Duration(4000),
                slide_duration: Some(Duration(2000)),
            },
        ),
        (vec![1], OpSpec::Pprint { num: 1000 }),
    ]);
    assert_matches_spark("window_4_slide_2", spec);
}

#[test]
fn seed_c_rbkw_inv_3_1_recomputes() {
    assert_matches_spark("seed_c_rbkw_inv_3_1", add_sub_window(3, 10));
}

#[test]
fn rbkw_inv_5_1_keeps_zero_keys() {
    assert_matches_spark("rbkw_inv_5_1_zero_keys", add_sub_window(5, 1000));
}

#[test]
fn a_window_that_is_not_a_multiple_of_the_batch_interval_is_spark_s_error() {
    let spec = pipeline(vec![
        (vec![], queue(&[&[1]])),
        (
            vec![0],
            OpSpec::Window {
                window_duration: Duration(2500),
                slide_duration: None,
            },
        ),
        (vec![1], OpSpec::Pprint { num: 10 }),
    ]);
    let err = Engine::new(spec).unwrap_err().to_string();
    assert_eq!(
        err,
        "window (node 1): The window duration of windowed DStream (2500 ms) must be a multiple \
         of the slide duration of parent DStream (1000 ms)"
    );
}

fn update_state(func: &str) -> OpSpec {
    OpSpec::UpdateStateByKey {
        func: python(func),
        num_partitions: None,
        initial: None,
    }
}

#[test]
fn seed_d_update_state_running_totals() {
    let spec = pipeline(vec![
        (vec![], sales()),
        (vec![0], update_state("updateFunction")),
        (vec![1], OpSpec::Pprint { num: 1000 }),
    ]);
    assert_matches_spark("seed_d_update_state_running_totals", spec);
}

#[test]
fn update_state_drop_none() {
    let kv = |k: &str, v: i64| Value::tuple(vec![Value::from(k), Value::Int(v)]);
    let pairs = OpSpec::QueueStream {
        batches: vec![
            vec![kv("a", 5), kv("b", 1)],
            vec![kv("a", -5), kv("c", 2)],
            vec![kv("b", 2)],
            vec![],
            vec![kv("a", 3), kv("b", -3)],
        ],
        one_at_a_time: true,
        default: None,
        partition_sizes: None,
    };
    let spec = pipeline(vec![
        (vec![], pairs),
        (vec![0], update_state("drop_idle")),
        (vec![1], OpSpec::Pprint { num: 1000 }),
        (vec![0], update_state("drop_zero")),
        (vec![3], OpSpec::Pprint { num: 1000 }),
    ]);
    assert_matches_spark("update_state_drop_none", spec);
}

#[test]
fn state_without_a_checkpoint_directory_is_spark_s_error() {
    let mut spec = pipeline(vec![
        (vec![], sales()),
        (vec![0], update_state("updateFunction")),
        (vec![1], OpSpec::Pprint { num: 10 }),
    ]);
    spec.checkpoint_dir = None;
    let err = Engine::with_resolver(spec, &ProgramFunctions)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "updateStateByKey (node 1): requirement failed: The checkpoint directory has not been \
         set. Please set it by StreamingContext.checkpoint()."
    );
}

#[test]
fn join_two_streams() {
    let kv = |k: &str, v: Value| Value::tuple(vec![Value::from(k), v]);
    let i = |k: &str, v: i64| kv(k, Value::Int(v));
    let s = |k: &str, v: &str| kv(k, Value::from(v));
    let q = |batches| OpSpec::QueueStream {
        batches,
        one_at_a_time: true,
        default: None,
        partition_sizes: None,
    };
    let left = q(vec![
        vec![i("a", 1), i("a", 2), i("b", 3)],
        vec![i("c", 4)],
        vec![i("d", 5)],
    ]);
    let right = q(vec![
        vec![s("a", "x"), s("b", "y"), s("b", "z")],
        vec![s("d", "w")],
        vec![s("d", "v"), s("e", "u")],
    ]);
    let join = |kind| OpSpec::Join {
        kind,
        num_partitions: None,
    };
    let print = OpSpec::Pprint { num: 1000 };
    let spec = pipeline(vec![
        (vec![], left),
        (vec![], right),
        (vec![0, 1], join(JoinKind::Inner)),
        (vec![2], print.clone()),
        (vec![0, 1], join(JoinKind::LeftOuter)),
        (vec![4], print.clone()),
        (vec![0, 1], join(JoinKind::FullOuter)),
        (vec![6], print),
    ]);
    assert_matches_spark("join_two_streams", spec);
}
