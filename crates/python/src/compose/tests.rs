use super::catalog::Records;
use super::*;
use crate::outline::outline;

/// A small queue program with a stream of each kind of records, and a second of each for the
/// operations on two streams.
const PROGRAM: &str = r#"# batches: 4
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Palette")
ssc = StreamingContext(sc, 1)

lines = ssc.queueStream([sc.parallelize(b) for b in [["to be or", "not to be"], ["be"], [], ["or not"]]])
more_lines = ssc.queueStream([sc.parallelize(b) for b in [["be"], [], ["to"], ["not"]]])
numbers = ssc.queueStream([sc.parallelize(b) for b in [[1, 2, 3], [4], [], [2, 2, 5]]])
more_numbers = ssc.queueStream([sc.parallelize(b) for b in [[3], [4, 1], [], [2]]])
pairs = ssc.queueStream([sc.parallelize(b) for b in [[("a", 1), ("b", 2)], [("a", 3)], [], [("b", 1), ("c", 5)]]])
more_pairs = ssc.queueStream([sc.parallelize(b) for b in [[("a", 7)], [("b", 1)], [("a", 2)], []]])

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)
"#;

fn run(program: &str) -> crate::RunOutput {
    crate::run("palette.py", program, 4, Box::new(|_| None))
}

fn streams(program: &str) -> Vec<String> {
    run(program).streams.into_iter().map(|s| s.0).collect()
}

/// The step of `op` with its defaults, on the stream of `records`.
fn step(op: &Operation, records: Records, name: &str) -> Step {
    let input = if op.keyed {
        "pairs"
    } else {
        match records {
            Records::Lines => "lines",
            Records::Numbers => "numbers",
            Records::Pairs => "pairs",
        }
    };
    Step {
        input: input.into(),
        operation: op.name.into(),
        args: op
            .params
            .iter()
            .map(|p| match p.kind {
                Kind::Stream => format!("more_{input}"),
                _ => p.default.to_string(),
            })
            .collect(),
        name: name.into(),
        pprint: true,
        unit: Duration(1000),
    }
}

fn runs_cleanly(step: &Step) -> String {
    let names = streams(PROGRAM);
    let program = add_step(PROGRAM, &outline(PROGRAM), &names, step)
        .unwrap_or_else(|e| panic!("{step:?}: {e}"));
    let out = run(&program);
    if let Some(dir) = std::env::var_os("EDDY_DUMP_PALETTE") {
        // For a check on real PySpark: `tests/harness/run.py DIR/*.py`.
        let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        std::fs::write(
            std::path::Path::new(&dir).join(format!("p{n:03}_{}.py", step.operation)),
            &program,
        )
        .ok();
    }
    assert!(
        out.error.is_none() && out.stderr.is_empty(),
        "{step:?}\n{program}\n{}",
        out.stderr
    );
    program
}

#[test]
fn every_operation_with_every_common_function_runs_on_a_queue_program() {
    let mut programs = 0;
    for op in OPERATIONS {
        let funcs: Vec<(usize, &[Choice])> = (op.params.iter().enumerate())
            .filter_map(|(i, p)| match p.kind {
                Kind::Func(c) => Some((i, c)),
                _ => None,
            })
            .collect();
        let first = funcs.first().map_or(Records::Numbers, |f| f.1[0].on);
        runs_cleanly(&step(op, first, "out"));
        programs += 1;
        for (i, choices) in &funcs {
            for c in *choices {
                let mut s = step(op, c.on, "out");
                s.args[*i] = c.source.into();
                if op.params[*i].name == "filterFunc" {
                    // Spark only filters on the inverse path.
                    s.args[1] = "sub".into();
                }
                runs_cleanly(&s);
                programs += 1;
            }
        }
        if let Some(i) = op
            .params
            .iter()
            .position(|p| p.name == "numPartitions" && p.keyword)
        {
            let mut s = step(op, first, "out");
            s.args[i] = "3".into();
            let program = runs_cleanly(&s);
            assert!(program.contains("numPartitions=3"), "{program}");
        }
    }
    assert!(programs > 80, "{programs}");
}

#[test]
fn a_step_goes_before_the_start_with_the_import_and_checkpoint_it_needs() {
    let names = streams(PROGRAM);
    let op = operation("reduceByKeyAndWindow").unwrap();
    let mut s = step(op, Records::Pairs, "sums");
    s.args = vec![
        "add".into(),
        "sub".into(),
        "3".into(),
        "2".into(),
        "".into(),
        "".into(),
    ];
    s.unit = Duration(500);
    let program = add_step(PROGRAM, &outline(PROGRAM), &names, &s).unwrap();
    assert!(program.contains(
        "[(\"a\", 7)], [(\"b\", 1)], [(\"a\", 2)], []]])\n\
         sums = pairs.reduceByKeyAndWindow(add, sub, 1.5, 1)\nsums.pprint()\n\nssc.start()"
    ));
    assert!(program
        .starts_with("# batches: 4\nfrom operator import add, sub\nfrom time import sleep\n"));
    assert!(program.contains("ssc = StreamingContext(sc, 1)\nssc.checkpoint(\"checkpoint\")\n\n"));

    // A second step extends the import and keeps the one checkpoint.
    let names = streams(&program);
    let mut s = step(operation("reduce").unwrap(), Records::Numbers, "product");
    s.args = vec!["mul".into()];
    s.pprint = false;
    let again = add_step(&program, &outline(&program), &names, &s).unwrap();
    assert!(again.contains("from operator import add, mul, sub\n"));
    assert_eq!(again.matches("checkpoint(").count(), 1);
    assert!(again.contains("sums.pprint()\nproduct = numbers.reduce(mul)\n\nssc.start()"));
}

#[test]
fn optional_positional_parameters_left_out_are_none_and_keywords_are_named() {
    let names = streams(PROGRAM);
    let op = operation("reduceByKeyAndWindow").unwrap();
    let mut s = step(op, Records::Pairs, "w");
    s.args = vec![
        "add".into(),
        "".into(),
        "4".into(),
        "2".into(),
        "2".into(),
        "".into(),
    ];
    assert_eq!(
        call(&s, &names).unwrap(),
        "pairs.reduceByKeyAndWindow(add, None, 4, 2, numPartitions=2)"
    );
    let s = step(operation("pprint").unwrap(), Records::Numbers, "");
    assert_eq!(call(&s, &names).unwrap(), "numbers.pprint()");
    let mut s = step(operation("saveAsTextFiles").unwrap(), Records::Numbers, "");
    s.args = vec!["out/n".into(), "txt".into()];
    assert_eq!(
        call(&s, &names).unwrap(),
        "numbers.saveAsTextFiles('out/n', suffix='txt')"
    );
}

#[test]
fn bad_names_and_values_are_refused_with_the_reason() {
    let names = streams(PROGRAM);
    let o = outline(PROGRAM);
    let mut s = step(operation("map").unwrap(), Records::Numbers, "numbers");
    let e = add_step(PROGRAM, &o, &names, &s).unwrap_err();
    assert!(e.0.contains("already uses the name `numbers`"), "{e}");
    s.name = "2x".into();
    assert!(add_step(PROGRAM, &o, &names, &s)
        .unwrap_err()
        .0
        .contains("not a Python name"));
    s.name = "lambda".into();
    assert!(add_step(PROGRAM, &o, &names, &s)
        .unwrap_err()
        .0
        .contains("keyword"));
    s.name = "doubled".into();
    s.args = vec!["lambda x: (x".into()];
    let e = add_step(PROGRAM, &o, &names, &s).unwrap_err();
    assert_eq!(e.0, "function: `(` is not closed (add ))");
    let mut s = step(operation("window").unwrap(), Records::Numbers, "w");
    s.args = vec!["0".into(), "1".into()];
    assert!(add_step(PROGRAM, &o, &names, &s)
        .unwrap_err()
        .0
        .contains("1 or more"));
    let e = add_step("x = 1\n", &outline("x = 1\n"), &names, &s).unwrap_err();
    assert!(e.0.contains("ssc.start()"), "{e}");
    assert_eq!(fresh_name("numbers", &o), "numbers2");
}

#[test]
fn edited_queue_rows_replace_the_literal_and_the_clock_grows_to_run_them() {
    let seed_a = include_str!("../../../../static/presets/seed_a_reduce_add.py");
    let o = outline(seed_a);
    let rows = vec![
        "[5, 5]".to_string(),
        "[]".into(),
        "[1, 2]".into(),
        "[0]".into(),
        "[3]".into(),
        "[9, 1]".into(),
        "[7]".into(),
        "[8]".into(),
    ];
    let program = set_queue(seed_a, &o, 0, &rows).unwrap();
    assert!(
        program.contains("inputData = [\n    [5, 5],\n    [],\n    [1, 2],\n"),
        "{program}"
    );
    assert!(program.starts_with("# batches: 8\n"));
    assert!(program.contains("sleep(8)\n"));
    let out = crate::run("a.py", &program, 8, Box::new(|_| None));
    assert!(out.error.is_none(), "{}", out.stderr);
    assert!(out
        .stdout
        .contains("00:00:01\n-------------------------------------------\n10\n"));
    assert!(out
        .stdout
        .contains("00:00:08\n-------------------------------------------\n8\n"));
    assert!(outline(&program).queues[0].batches.as_ref().unwrap().rows == rows);

    // A list of parallelize calls keeps its callee.
    let join = include_str!("../../../../static/presets/join_two_streams.py");
    let program = set_queue(join, &outline(join), 1, &["[(\"a\", \"q\")]".to_string()]).unwrap();
    assert!(
        program.contains("right = ssc.queueStream([\n    sc.parallelize([(\"a\", \"q\")]),\n])")
    );
    let e = set_queue(join, &outline(join), 1, &["[1, 2".to_string()]).unwrap_err();
    assert_eq!(e.0, "batch 1: `[` is not closed (add ])");
}

#[test]
fn every_new_pipeline_runs_and_prints_its_source() {
    for source in [
        Source::Queue,
        Source::Files,
        Source::Sml2010,
        Source::Orders { rate: 4, seed: 7 },
    ] {
        let program = skeleton(source, 3);
        let files: crate::interp::FileReader = Box::new(|path| {
            (path == "data/sml2010/NEW-DATA-1.T15.txt").then(|| {
                include_str!("../../../../static/data/sml2010/NEW-DATA-1.T15.txt").to_string()
            })
        });
        let out = crate::run("new.py", &program, 3, files);
        assert!(out.error.is_none(), "{program}\n{}", out.stderr);
        assert_eq!(
            out.streams.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            [source.stream()]
        );
        assert_eq!(out.batch_starts.len(), 3);
        let o = outline(&program);
        assert!(o.start.is_some() && o.context.as_deref() == Some("ssc"));
        match source {
            Source::Queue => {
                assert!(out.stdout.contains("banana"));
                assert_eq!(o.queues[0].batches.as_ref().unwrap().rows.len(), 3);
            }
            Source::Sml2010 => assert!(out
                .stdout
                .contains("('13/03/2012', '11:45', 18.1875, 18.115, 48.375)")),
            Source::Orders { .. } => {
                assert!(
                    out.stdout.contains("2016-03-22 20:25:28,1,"),
                    "{}",
                    out.stdout
                );
                assert!(o.queues[0].batches.is_none() && o.queues[0].locked.is_some());
            }
            Source::Files => assert!(out.stdout.contains("Time: 1970-01-01 00:00:03")),
        }
    }
}

/// Two pipelines built as a user builds them in the palette: a new source, then steps.
fn palette_programs() -> Vec<(&'static str, String)> {
    let build = |source: Source, batches: u32, steps: &[(&str, &str, &[&str], &str, bool)]| {
        let mut program = skeleton(source, batches);
        for (input, op, args, name, pprint) in steps {
            let step = Step {
                input: input.to_string(),
                operation: op.to_string(),
                args: args.iter().map(|a| a.to_string()).collect(),
                name: name.to_string(),
                pprint: *pprint,
                unit: Duration(1000),
            };
            let names = streams(&program);
            program = add_step(&program, &outline(&program), &names, &step).unwrap();
        }
        program
    };
    vec![
        (
            "palette_queue_word_totals",
            build(
                Source::Queue,
                5,
                &[
                    ("stream", "map", &["lambda x: (x, 1)"], "pairs", false),
                    ("pairs", "reduceByKey", &["add", ""], "totals", true),
                    (
                        "pairs",
                        "updateStateByKey",
                        &[UPDATE_TOTAL, ""],
                        "running",
                        true,
                    ),
                    ("stream", "countByWindow", &["3", "1"], "last_three", true),
                ],
            ),
        ),
        (
            "palette_orders_sides_window",
            build(
                Source::Orders { rate: 6, seed: 7 },
                5,
                &[
                    (
                        "orders",
                        "map",
                        &["lambda line: (line.split(\",\")[6], 1)"],
                        "sides",
                        false,
                    ),
                    (
                        "sides",
                        "reduceByKeyAndWindow",
                        &["add", "sub", "3", "1", "", ""],
                        "sides_last_3",
                        true,
                    ),
                    (
                        "orders",
                        "filter",
                        &["lambda line: float(line.split(\",\")[5]) > 50"],
                        "dear",
                        false,
                    ),
                    ("dear", "count", &[], "dear_count", true),
                ],
            ),
        ),
    ]
}

const UPDATE_TOTAL: &str = "lambda values, total: sum(values) + (total or 0)";

/// The conformance programs `palette_*.py` are what the palette writes, so their goldens (from
/// real PySpark) check the palette's programs. `EDDY_WRITE_PALETTE=1` rewrites them.
#[test]
fn the_palette_conformance_programs_are_what_the_palette_writes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance");
    for (name, program) in palette_programs() {
        let path = dir.join(format!("{name}.py"));
        if std::env::var_os("EDDY_WRITE_PALETTE").is_some() {
            std::fs::write(&path, &program).unwrap();
        }
        let stored = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            stored, program,
            "{name}: run with EDDY_WRITE_PALETTE=1, then the harness"
        );
    }
}

#[test]
fn the_order_generators_rate_and_seed_are_settings_the_inputs_panel_changes() {
    let program = skeleton(Source::Orders { rate: 4, seed: 7 }, 2);
    let o = outline(&program);
    let names: Vec<&str> = o.settings.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["rate", "seed"]);
    let changed = set_settings(&program, &o, &["2".into(), "8".into()]).unwrap();
    assert!(changed.contains("rate = 2  # orders per batch\nseed = 8\n"));
    let out = run(&changed);
    // Two orders a batch: the second batch's first order is number 3.
    assert!(
        out.stdout.contains("\n2016-03-22 20:25:29,3,"),
        "{}",
        out.stdout
    );
    for ok in ["-2", "0.5", ".5", "1e-3", "2.5E+2", "1_000"] {
        assert!(
            set_settings(&program, &o, &[ok.into(), "8".into()]).is_ok(),
            "{ok}"
        );
    }
    for bad in ["", "-", ".", "1e", "x1", "1.2.3", "--1"] {
        assert!(
            set_settings(&program, &o, &[bad.into(), "8".into()]).is_err(),
            "{bad}"
        );
    }
    let e = set_settings(&program, &o, &["two".into(), "8".into()]).unwrap_err();
    assert_eq!(e.0, "rate: a number, e.g. 4");
}

#[test]
fn seconds_and_strings_are_written_as_python_writes_them() {
    for ms in [1000, 1500, 250, 2050, 30_000, 1] {
        let expected = eddy_core::value::float_repr(ms as f64 / 1000.0);
        let expected = expected.strip_suffix(".0").unwrap_or(&expected).to_string();
        assert_eq!(secs(Duration(ms)), expected);
    }
    for text in [
        "out/batch",
        "it's",
        "say \"hi\"",
        "both ' and \"",
        "a\\b\nc\t\u{1}",
    ] {
        assert_eq!(string_literal(text), eddy_core::Value::str(text).repr());
    }
}
