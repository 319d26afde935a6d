//! A pipeline from the operator picker, exported as PySpark, prints what the pipeline prints:
//! the exported program is run through the Python front end and compared with the pipeline
//! run directly on the engine (the harness runs exported programs on real Spark too).

use eddy_core::func::{Builtin, FuncSpec};
use eddy_core::ops::JoinKind;
use eddy_core::{Duration, NodeSpec, OpSpec, PipelineSpec, Value};
use eddy_python::export::{export_pipeline, export_program};
use eddy_python::pyspark::ProgramResolver;

fn lambda(src: &str) -> FuncSpec {
    FuncSpec::Python {
        source: src.into(),
        id: None,
    }
}

fn queue(rows: &[&[&str]]) -> OpSpec {
    OpSpec::QueueStream {
        batches: rows
            .iter()
            .map(|r| r.iter().map(|s| Value::from(*s)).collect())
            .collect(),
        one_at_a_time: true,
        default: None,
        partition_sizes: None,
    }
}

fn pipeline() -> PipelineSpec {
    PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: Some("checkpoint".into()),
        nodes: vec![
            NodeSpec::new(&[], queue(&[&["a b", "b c"], &["c"], &[], &["a a"]])),
            NodeSpec::new(
                &[0],
                OpSpec::FlatMap {
                    func: lambda("lambda line: line.split()"),
                },
            ),
            NodeSpec::new(
                &[1],
                OpSpec::Map {
                    func: lambda("lambda w: (w, 1)"),
                },
            ),
            NodeSpec::new(
                &[2],
                OpSpec::ReduceByKeyAndWindow {
                    func: FuncSpec::Builtin(Builtin::Add),
                    inv_func: Some(FuncSpec::Builtin(Builtin::Sub)),
                    window_duration: Duration(5000),
                    slide_duration: Some(Duration(1000)),
                    num_partitions: None,
                    filter_func: None,
                },
            ),
            NodeSpec::new(&[3], OpSpec::Pprint { num: 10 }),
            NodeSpec::new(
                &[2],
                OpSpec::ReduceByKey {
                    func: FuncSpec::Builtin(Builtin::Add),
                    num_partitions: None,
                },
            ),
            NodeSpec::new(
                &[5, 5],
                OpSpec::Join {
                    kind: JoinKind::LeftOuter,
                    num_partitions: None,
                },
            ),
            NodeSpec::new(&[6], OpSpec::Pprint { num: 3 }),
        ],
    }
}

#[test]
fn an_exported_pipeline_prints_what_the_pipeline_prints() {
    let spec = pipeline();
    let program = export_pipeline(&spec, 6).unwrap();
    assert!(
        program.contains("from operator import add, sub"),
        "{program}"
    );
    assert!(
        program.contains(".reduceByKeyAndWindow(add, sub, 5, 1)"),
        "{program}"
    );

    let exported = eddy_python::run("exported.py", &program, 6, Box::new(|_| None));
    assert!(exported.error.is_none(), "{}", exported.stderr);

    // The same pipeline straight on the engine, its lambdas compiled from their source.
    let direct = eddy_python::run("direct.py", "", 0, Box::new(|_| None));
    assert!(direct.error.is_none());
    let resolver = ProgramResolver::standalone();
    let mut engine = eddy_core::Engine::with_resolver(spec, &resolver).unwrap();
    let console: String = (0..6).map(|_| engine.step().console).collect();
    assert_eq!(exported.stdout, console);
}

#[test]
fn a_program_exports_as_itself() {
    let source = "# batches: 2\nprint('hi')\n";
    let exported = export_program(source);
    assert!(exported.ends_with(source));
    assert_eq!(export_program(&exported), exported);
}

#[test]
fn a_def_from_a_program_cannot_be_exported_alone() {
    let mut spec = pipeline();
    spec.nodes[1].op = OpSpec::FlatMap {
        func: FuncSpec::Python {
            source: "split_words".into(),
            id: Some(0),
        },
    };
    let err = export_pipeline(&spec, 3).unwrap_err();
    assert_eq!(err.node, 1);
    assert!(err.message.contains("export the program itself"), "{err}");
}

/// Every pipeline in `tests/pipelines/` exports to exactly the program committed as
/// `tests/conformance/exported_<name>.py` (which the harness runs on real PySpark), and the
/// pipeline run on the engine prints what PySpark printed for that export.
#[test]
fn exported_pipelines_print_what_pyspark_prints_for_their_export() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("tests/pipelines")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let spec: PipelineSpec =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let program_path = root.join(format!("tests/conformance/exported_{name}.py"));
        let committed = std::fs::read_to_string(&program_path).unwrap();
        let header = eddy_python::golden::header(&committed);
        assert_eq!(
            export_pipeline(&spec, header.batches).unwrap(),
            committed,
            "the export of {name} changed: re-export it and re-run the harness (--write)"
        );
        let golden = std::fs::read_to_string(program_path.with_extension("spark.txt")).unwrap();
        let mut engine =
            eddy_core::Engine::with_resolver(spec, &ProgramResolver::standalone()).unwrap();
        let console: String = (0..header.batches).map(|_| engine.step().console).collect();
        eddy_python::golden::compare(&golden, &console, header.ordered).unwrap();
        checked += 1;
    }
    assert!(checked > 0);
}
