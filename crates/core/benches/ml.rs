//! Streaming ML throughput: one `trainOn` batch of linear regression (4 features, 5 SGD
//! iterations) and of k-means (k = 5, 4 dimensions), and `predictOn` for both, in points per
//! second (criterion's `elem/s`). `cargo bench -p eddy-core --bench ml`.
// criterion's macros define undocumented functions.
#![allow(missing_docs)]

#[cfg(not(target_arch = "wasm32"))]
mod benches {
    use std::hint::black_box;
    use std::time::Duration as StdDuration;

    use criterion::{Criterion, Throughput};
    use eddy_core::ml::{
        KMeansParams, LinearRegressionParams, StreamingKMeans, StreamingLinearRegressionWithSGD,
        StreamingModel,
    };
    use eddy_core::value::LabeledPoint;
    use eddy_core::{Batch, Value};

    const POINTS: usize = 100_000;

    /// A deterministic stream of numbers in [-1, 1) (a 64-bit LCG).
    fn numbers() -> impl FnMut() -> f64 {
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        move || {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (s >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        }
    }

    pub fn config() -> Criterion {
        Criterion::default()
            .sample_size(10)
            .warm_up_time(StdDuration::from_millis(300))
            .measurement_time(StdDuration::from_secs(2))
    }

    pub fn linear_regression(c: &mut Criterion) {
        let mut r = numbers();
        let truth = [0.5, -1.0, 2.0, 0.25];
        let points: Vec<Value> = (0..POINTS)
            .map(|_| {
                let x: Vec<f64> = (0..4).map(|_| r()).collect();
                let y = x.iter().zip(&truth).map(|(a, b)| a * b).sum::<f64>() + 0.1 * r();
                Value::LabeledPoint(LabeledPoint::new(y, x).into())
            })
            .collect();
        let batch = Batch::parallelize(points, 2);
        let mut model = StreamingLinearRegressionWithSGD::new(LinearRegressionParams {
            step_size: 0.5,
            num_iterations: 5,
            convergence_tol: 0.0,
            ..Default::default()
        });
        model.set_initial_weights(vec![0.0; 4]);
        let features = Batch::parallelize(
            (0..POINTS)
                .map(|_| Value::Vector((0..4).map(|_| r()).collect::<Vec<_>>().into()))
                .collect(),
            2,
        );
        let predictor = StreamingModel::StreamingLinearRegressionWithSGD(model.clone());
        let mut g = c.benchmark_group("linear_regression_4_features");
        g.throughput(Throughput::Elements(POINTS as u64));
        g.bench_function("trainOn_5_iterations", |b| {
            b.iter(|| {
                let mut m = model.clone();
                m.train_on(black_box(&batch)).unwrap();
                m
            })
        });
        g.bench_function("predictOn", |b| {
            b.iter(|| {
                predictor
                    .predict_batch(black_box(&features), false)
                    .unwrap()
            })
        });
        g.finish();
    }

    pub fn kmeans(c: &mut Criterion) {
        let mut r = numbers();
        let centres: Vec<Vec<f64>> = (0..5)
            .map(|i| (0..4).map(|j| f64::from(i * 4 + j)).collect())
            .collect();
        let points: Vec<Value> = (0..POINTS)
            .map(|i| {
                let c = &centres[i % 5];
                Value::Vector(c.iter().map(|x| x + r()).collect::<Vec<_>>().into())
            })
            .collect();
        let batch = Batch::parallelize(points, 2);
        let mut model = StreamingKMeans::new(KMeansParams {
            k: 5,
            decay_factor: 0.9,
            ..Default::default()
        });
        model.set_random_centers(4, 1.0, 42);
        let predictor = StreamingModel::StreamingKMeans(model.clone());
        let mut g = c.benchmark_group("kmeans_k5_4_dims");
        g.throughput(Throughput::Elements(POINTS as u64));
        g.bench_function("trainOn", |b| {
            b.iter(|| {
                let mut m = model.clone();
                m.train_on(black_box(&batch)).unwrap();
                m
            })
        });
        g.bench_function("predictOn", |b| {
            b.iter(|| predictor.predict_batch(black_box(&batch), false).unwrap())
        });
        g.finish();
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group! {
    name = ml;
    config = benches::config();
    targets = benches::linear_regression, benches::kmeans
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(ml);

/// Benches run natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}
