//! Streaming ML: `StreamingLinearRegressionWithSGD.trainOn` (4 features, 10 iterations a
//! batch, Spark's SGD) and `StreamingKMeans.trainOn` (k = 5, 4 dimensions, decay 0.9) on the
//! engine's models, and the regression again as a PySpark program that parses its points from
//! text lines in Python (what PySpark's 22k points/s anchor measures). The baselines are the
//! same updates on typed arrays.

use std::sync::Arc;

use anyhow::{bail, Result};
use eddy_core::ml::StreamingLinearRegressionWithSGD;
use eddy_core::ml::{KMeansParams, LinearRegressionParams, StreamingKMeans};
use eddy_core::value::LabeledPoint;
use eddy_core::{Batch, Value};

use super::{on_big_stack, si, timed, Row};

/// Batches of each ML workload.
const BATCHES: usize = 10;
/// SGD iterations per batch and the first step.
const ITERATIONS: usize = 10;
const STEP: f64 = 0.1;
/// PySpark's SGD on this kind of machine, from issue 7: points per second.
const PYSPARK_SGD_POINTS_PER_SEC: f64 = 22_000.0;

/// A deterministic stream of numbers in [-1, 1) (a 64-bit LCG).
fn numbers(seed: u64) -> impl FnMut() -> f64 {
    let mut s: u64 = seed;
    move || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// `(label, features)` points of a noisy linear function, rounded to 4 decimals so that their
/// text form is exact.
fn regression_points(n: usize) -> Vec<(f64, [f64; 4])> {
    let mut r = numbers(0x9e37_79b9_7f4a_7c15);
    let round = |x: f64| (x * 1e4).round() / 1e4;
    let truth = [0.5, -1.0, 2.0, 0.25];
    (0..n)
        .map(|_| {
            let x = [round(r()), round(r()), round(r()), round(r())];
            let y = x.iter().zip(&truth).map(|(a, b)| a * b).sum::<f64>() + 0.1 * r();
            (round(y), x)
        })
        .collect()
}

/// Spark's SGD by hand: least-squares gradient over all points, step `STEP / sqrt(i)`.
fn sgd(weights: &mut [f64; 4], points: &[(f64, [f64; 4])]) {
    let m = points.len() as f64;
    for i in 1..=ITERATIONS {
        let mut grad = [0.0; 4];
        for (y, x) in points {
            let diff = x
                .iter()
                .zip(weights.iter())
                .map(|(a, b)| a * b)
                .sum::<f64>()
                - y;
            for (g, xi) in grad.iter_mut().zip(x) {
                *g += diff * xi;
            }
        }
        let step = STEP / (i as f64).sqrt();
        for (w, g) in weights.iter_mut().zip(grad) {
            *w -= step * (g / m);
        }
    }
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0))
}

fn regression_model() -> StreamingLinearRegressionWithSGD {
    let mut model = StreamingLinearRegressionWithSGD::new(LinearRegressionParams {
        step_size: STEP,
        num_iterations: ITERATIONS as i64,
        mini_batch_fraction: 1.0,
        convergence_tol: 0.0,
    });
    model.set_initial_weights(vec![0.0; 4]);
    model
}

/// Runs the workloads: three rows.
pub fn run(per_batch: usize) -> Result<Vec<Row>> {
    let points: Vec<Vec<(f64, [f64; 4])>> = regression_points(per_batch * BATCHES)
        .chunks(per_batch)
        .map(<[_]>::to_vec)
        .collect();
    let total = (per_batch * BATCHES) as u64;
    let mut rows = Vec::new();

    // SGD on the engine's model.
    let batches: Vec<Batch> = points
        .iter()
        .map(|b| {
            let values = b
                .iter()
                .map(|(y, x)| Value::LabeledPoint(LabeledPoint::new(*y, x.to_vec()).into()))
                .collect();
            Batch::parallelize(values, 2)
        })
        .collect();
    let mut model = regression_model();
    let ((), eddy) = timed(|| {
        for b in &batches {
            model.train_on(b).expect("SGD trains");
        }
    });
    let mut weights = [0.0; 4];
    let ((), baseline) = timed(|| {
        for b in &points {
            sgd(&mut weights, b);
        }
    });
    if !close(&model.latest_model().weights, &weights) {
        bail!(
            "SGD: Eddy's weights {:?}, the baseline's {weights:?}",
            model.latest_model().weights
        );
    }
    rows.push(Row {
        name: format!("SGD trainOn, 4 features x {ITERATIONS} iterations"),
        unit: "points",
        count: total,
        eddy,
        baseline,
        note: format!("{BATCHES} batches of {}", si(per_batch as f64)),
    });

    // The same as a PySpark program parsing text lines.
    rows.push(sgd_program(&points, &weights)?);

    // k-means.
    let mut r = numbers(0x2545_f491_4f6c_dd1d);
    let truth: Vec<[f64; 4]> = (0..5)
        .map(|i| [0.0, 1.0, 2.0, 3.0].map(|j| f64::from(i) * 4.0 + j))
        .collect();
    let kpoints: Vec<Vec<[f64; 4]>> = (0..BATCHES)
        .map(|_| {
            (0..per_batch)
                .map(|i| truth[i % 5].map(|c| c + r()))
                .collect()
        })
        .collect();
    let kbatches: Vec<Batch> = kpoints
        .iter()
        .map(|b| {
            let values = b.iter().map(|p| Value::Vector(p.to_vec().into())).collect();
            Batch::parallelize(values, 2)
        })
        .collect();
    let mut kmeans = StreamingKMeans::new(KMeansParams {
        k: 5,
        decay_factor: 0.9,
        ..Default::default()
    });
    kmeans.set_random_centers(4, 1.0, 42);
    let start = kmeans.latest_model().clone();
    let ((), eddy) = timed(|| {
        for b in &kbatches {
            kmeans.train_on(b).expect("k-means trains");
        }
    });
    let mut centers: Vec<[f64; 4]> = start
        .centers
        .iter()
        .map(|c| [c[0], c[1], c[2], c[3]])
        .collect();
    let mut weights = start.cluster_weights.clone();
    let ((), baseline) = timed(|| {
        for b in &kpoints {
            kmeans_update(&mut centers, &mut weights, b, 0.9);
        }
    });
    let got = &kmeans.latest_model().centers;
    if !got.iter().zip(&centers).all(|(a, b)| close(a, b)) {
        bail!("k-means: Eddy's centres {got:?}, the baseline's {centers:?}");
    }
    rows.push(Row {
        name: "k-means trainOn, k=5, 4 dims".into(),
        unit: "points",
        count: total,
        eddy,
        baseline,
        note: format!("{BATCHES} batches of {}", si(per_batch as f64)),
    });
    Ok(rows)
}

/// `StreamingKMeansModel.update` by hand (time unit `batches`).
fn kmeans_update(centers: &mut [[f64; 4]], weights: &mut [f64], points: &[[f64; 4]], decay: f64) {
    let k = centers.len();
    let mut sums = vec![[0.0; 4]; k];
    let mut counts = vec![0u64; k];
    for p in points {
        let mut best = (f64::INFINITY, 0);
        for (i, c) in centers.iter().enumerate() {
            let d: f64 = p.iter().zip(c).map(|(a, b)| (a - b) * (a - b)).sum();
            if d < best.0 {
                best = (d, i);
            }
        }
        counts[best.1] += 1;
        for (s, x) in sums[best.1].iter_mut().zip(p) {
            *s += x;
        }
    }
    for w in weights.iter_mut() {
        *w *= decay;
    }
    for c in 0..k {
        if counts[c] == 0 {
            continue;
        }
        let m = counts[c] as f64;
        let updated = weights[c] + m;
        let lambda = m / updated.max(1e-16);
        weights[c] = updated;
        for (x, s) in centers[c].iter_mut().zip(sums[c]) {
            *x = *x * (1.0 - lambda) + lambda / m * s;
        }
    }
}

const SGD_PROGRAM: &str = r#"from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.regression import LabeledPoint, StreamingLinearRegressionWithSGD

sc = SparkContext(appName="SGD")
ssc = StreamingContext(sc, 1)


def parse(line):
    values = [float(x) for x in line.split(",")]
    return LabeledPoint(values[0], values[1:])


lines = ssc.queueStream([sc.textFile("points/batch-%03d.csv" % i) for i in range(BATCHES)])
model = StreamingLinearRegressionWithSGD(stepSize=STEP, numIterations=ITERATIONS, convergenceTol=0.0)
model.setInitialWeights([0.0, 0.0, 0.0, 0.0])
model.trainOn(lines.map(parse))
ssc.start()
ssc.awaitTermination()
print(" ".join(repr(float(w)) for w in model.latestModel().weights))
"#;

fn sgd_program(points: &[Vec<(f64, [f64; 4])>], expected: &[f64; 4]) -> Result<Row> {
    let files: Arc<Vec<String>> = Arc::new(
        points
            .iter()
            .map(|b| {
                let mut text = String::new();
                for (y, x) in b {
                    text.push_str(&format!("{y},{},{},{},{}\n", x[0], x[1], x[2], x[3]));
                }
                text
            })
            .collect(),
    );
    let program = SGD_PROGRAM
        .replace("BATCHES", &BATCHES.to_string())
        .replace("ITERATIONS", &ITERATIONS.to_string())
        .replace("STEP", &STEP.to_string());
    let eddy_files = files.clone();
    let (out, eddy) = on_big_stack(move || {
        let reader = Box::new(move |p: &str| {
            let i: usize = p
                .strip_prefix("points/batch-")?
                .strip_suffix(".csv")?
                .parse()
                .ok()?;
            eddy_files.get(i).cloned()
        });
        timed(|| eddy_python::run("sgd.py", &program, BATCHES as u64, reader))
    })?;
    if let Some(e) = &out.error {
        bail!("the SGD program failed: {e}\n{}", out.stderr);
    }
    let got: Vec<f64> = out
        .stdout
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    if !close(&got, expected) {
        bail!(
            "the SGD program printed {:?}, the baseline has {expected:?}",
            out.stdout
        );
    }

    let ((), baseline) = timed(|| {
        let mut weights = [0.0; 4];
        for text in files.iter() {
            let batch: Vec<(f64, [f64; 4])> = text
                .lines()
                .filter_map(|l| {
                    let mut v = l.split(',').map(|x| x.trim().parse::<f64>());
                    let y = v.next()?.ok()?;
                    let mut x = [0.0; 4];
                    for xi in &mut x {
                        *xi = v.next()?.ok()?;
                    }
                    Some((y, x))
                })
                .collect();
            sgd(&mut weights, &batch);
        }
        std::hint::black_box(weights);
    });
    let total = points.iter().map(Vec::len).sum::<usize>() as f64;
    let rate = total / eddy;
    Ok(Row {
        name: format!("SGD program: parse lines in Python + trainOn ({ITERATIONS} it.)"),
        unit: "points",
        count: total as u64,
        eddy,
        baseline,
        note: format!(
            "vs PySpark {}/s: {:.0}x",
            si(PYSPARK_SGD_POINTS_PER_SEC),
            rate / PYSPARK_SGD_POINTS_PER_SEC
        ),
    })
}
