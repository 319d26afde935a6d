//! The streaming-ML programs (SEMANTICS G, H3) run through Eddy print byte for byte what real
//! PySpark 4.3.0 printed for them: the shared seeds (e) and (f), and the project's own ML
//! programs in `tests/conformance/ml_*.py` (goldens from the reference harness, which pins
//! OpenBLAS's Haswell kernel: numpy's `dot` is then a plain running sum, as in the shared
//! goldens; OpenBLAS's AVX-512 kernel fuses multiply-adds and changes last bits).

use std::path::{Path, PathBuf};

/// `../shared` beside the checkout, or `EDDY_SHARED`.
fn shared() -> PathBuf {
    std::env::var_os("EDDY_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

/// Runs `program` for the batches its header names; returns (Eddy's stdout, the golden).
fn run(program: &Path) -> (String, String) {
    let text =
        std::fs::read_to_string(program).unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let golden = program.with_extension("spark.txt");
    let want =
        std::fs::read_to_string(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
    let batches = eddy_python::golden::header(&text).batches;
    let dir = program.parent().unwrap().to_path_buf();
    let name = program.file_name().unwrap().to_string_lossy().into_owned();
    let out = eddy_python::run(
        &name,
        &text,
        batches,
        Box::new(move |p| std::fs::read_to_string(dir.join(p)).ok()),
    );
    assert!(
        out.stderr.is_empty(),
        "{name} wrote to stderr:\n{}",
        out.stderr
    );
    (out.stdout, want)
}

/// Byte for byte, or else the first differing line.
fn assert_same(name: &str, got: &str, want: &str) {
    if got == want {
        return;
    }
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "{name}: line {} differs", i + 1);
    }
    assert_eq!(
        got.lines().count(),
        want.lines().count(),
        "{name}: line count differs\n--- got\n{got}\n--- want\n{want}"
    );
    assert_eq!(got, want, "{name}: trailing text differs");
}

#[test]
fn seed_e_linear_regression_prints_what_pyspark_printed_byte_for_byte() {
    let (got, want) = run(&shared().join("conformance/seed_e_linreg_sgd.py"));
    assert_same("seed_e_linreg_sgd", &got, &want);
}

#[test]
fn seed_f_kmeans_prints_what_pyspark_printed_byte_for_byte() {
    let (got, want) = run(&shared().join("conformance/seed_f_kmeans.py"));
    assert_same("seed_f_kmeans", &got, &want);
}

#[test]
fn the_projects_ml_programs_print_what_pyspark_printed() {
    let Ok(entries) = std::fs::read_dir(project()) else {
        return;
    };
    let mut programs: Vec<PathBuf> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("ml_") && name.ends_with(".py")
        })
        .collect();
    programs.sort();
    for p in programs {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let (got, want) = run(&p);
        assert_same(&name, &got, &want);
    }
}

/// The pipeline seed (e) builds, exported back to PySpark, is a program that prints the same
/// batches (without the main program's `print(model.latestModel())` lines, which are not part
/// of a pipeline).
#[test]
fn seed_e_exported_as_a_pipeline_prints_the_same_batches() {
    let path = shared().join("conformance/seed_e_linreg_sgd.py");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = eddy_python::run("seed_e.py", &text, 7, Box::new(|_| None));
    let spec = out.pipeline.expect("a pipeline");
    let exported = eddy_python::export::export_pipeline(&spec, 7).unwrap();
    for line in [
        "from pyspark.mllib.regression import LabeledPoint",
        "from pyspark.mllib.regression import StreamingLinearRegressionWithSGD",
        "m0 = StreamingLinearRegressionWithSGD(stepSize=0.1, numIterations=5, \
         miniBatchFraction=1.0, convergenceTol=0.001)",
        "m0.setInitialWeights([0.0, 0.0])",
        "m0.trainOn(s0)",
        "s3 = m0.predictOnValues(s1)",
    ] {
        assert!(exported.contains(line), "{line}\n{exported}");
    }
    let again = eddy_python::run("exported.py", &exported, 7, Box::new(|_| None));
    assert!(again.stderr.is_empty(), "{}", again.stderr);
    let batches_only: String = out
        .stdout
        .lines()
        .filter(|l| !l.starts_with("(weights="))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_same("exported seed_e", &again.stdout, &batches_only);
}

/// The models' reports: weights after each batch and the losses of its SGD iterations.
#[test]
fn seed_e_reports_each_batchs_training() {
    let path = shared().join("conformance/seed_e_linreg_sgd.py");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = eddy_python::run("seed_e.py", &text, 7, Box::new(|_| None));
    assert_eq!(out.reports.len(), 7);
    let first = &out.reports[0].models[0];
    assert_eq!(first.algorithm, "StreamingLinearRegressionWithSGD");
    assert_eq!(
        first.weights,
        vec![0.09455528701981676, -0.18503120198698936]
    );
    let t = first.training.as_ref().unwrap();
    assert_eq!((t.points, t.iterations, t.converged), (20, 5, false));
    // Batch 6 has no training data: the model is not trained.
    assert_eq!(out.reports[6].models[0].training, None);
}
