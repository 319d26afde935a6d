//! One criterion bench per operator family: stateless chains, reduceByKey, the incremental
//! reduceByKeyAndWindow at windows of 10, 100 and 1000 batches, updateStateByKey with many keys,
//! and joins. Short measurement times: `cargo bench -p eddy-core` finishes in about a minute.
// criterion's macros define undocumented functions.
#![allow(missing_docs)]

#[cfg(not(target_arch = "wasm32"))]
mod benches {
    use std::hint::black_box;
    use std::rc::Rc;
    use std::time::Duration as StdDuration;

    use criterion::{BenchmarkId, Criterion, Throughput};
    use eddy_core::func::{native, Builtin, FuncSpec};
    use eddy_core::operator::PerBatch;
    use eddy_core::ops::{Filter, Join, JoinKind, Map, ReduceByKey, UpdateStateByKey};
    use eddy_core::{Batch, Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};

    /// `(k % keys, i)` pairs, parallelized as a queue batch.
    fn keyed(n: i64, keys: i64) -> Vec<Value> {
        (0..n)
            .map(|i| Value::tuple(vec![Value::Int(i % keys), Value::Int(i)]))
            .collect()
    }

    pub fn config() -> Criterion {
        Criterion::default()
            .sample_size(10)
            .warm_up_time(StdDuration::from_millis(300))
            .measurement_time(StdDuration::from_secs(1))
    }

    pub fn stateless(c: &mut Criterion) {
        let batch = Batch::parallelize((0..10_000).map(Value::Int).collect(), 2);
        let double = Map::new(native("lambda x: x * 2", |a| Ok(a[0].mul(&Value::Int(2))?)));
        let plus_one = Map::new(native("lambda x: x + 1", |a| Ok(a[0].add(&Value::Int(1))?)));
        let odd = Filter::new(native("lambda x: x % 3 != 0", |a| {
            Ok(Value::Bool(matches!(a[0], Value::Int(i) if i % 3 != 0)))
        }));
        let mut g = c.benchmark_group("stateless");
        g.throughput(Throughput::Elements(batch.len() as u64));
        g.bench_function("map_filter_map_10k", |b| {
            b.iter(|| {
                let x = double.apply(black_box(&batch)).unwrap();
                let y = odd.apply(&x).unwrap();
                plus_one.apply(&y).unwrap()
            })
        });
        g.finish();
    }

    pub fn reduce_by_key(c: &mut Criterion) {
        let mut g = c.benchmark_group("reduceByKey");
        for keys in [10, 1000] {
            let batch = Batch::parallelize(keyed(10_000, keys), 2);
            let op = ReduceByKey::new(Rc::new(Builtin::Add), 2);
            g.throughput(Throughput::Elements(batch.len() as u64));
            g.bench_with_input(BenchmarkId::new("10k_records", keys), &batch, |b, batch| {
                b.iter(|| op.apply(black_box(batch)).unwrap())
            });
        }
        g.finish();
    }

    /// A queue that gives the same 1000 keyed records every batch, reduced over a window of
    /// `window` one-second batches with add and sub (the incremental path, SEMANTICS C2).
    fn windowed(window: i64) -> Engine {
        let node = NodeSpec::new;
        let spec = PipelineSpec {
            batch_interval: Duration(1000),
            parallelism: 2,
            checkpoint_dir: Some("cp".into()),
            nodes: vec![
                node(
                    &[],
                    OpSpec::QueueStream {
                        batches: vec![],
                        one_at_a_time: true,
                        default: Some(keyed(1000, 100)),
                        partition_sizes: None,
                    },
                ),
                node(
                    &[0],
                    OpSpec::ReduceByKeyAndWindow {
                        func: FuncSpec::Builtin(Builtin::Add),
                        inv_func: Some(FuncSpec::Builtin(Builtin::Sub)),
                        window_duration: Duration(window * 1000),
                        slide_duration: None,
                        num_partitions: None,
                        filter_func: None,
                    },
                ),
                node(&[1], OpSpec::Count),
                node(&[2], OpSpec::Pprint { num: 1 }),
            ],
        };
        Engine::new(spec).unwrap()
    }

    pub fn reduce_by_key_and_window(c: &mut Criterion) {
        let mut g = c.benchmark_group("reduceByKeyAndWindow_incremental");
        g.throughput(Throughput::Elements(1000));
        for window in [10, 100, 1000] {
            let mut engine = windowed(window);
            // Fill the window first: from then on every batch is one step of the inverse path.
            for _ in 0..window {
                engine.step();
            }
            g.bench_function(BenchmarkId::new("step_window_batches", window), |b| {
                b.iter(|| engine.step())
            });
        }
        g.finish();
    }

    pub fn update_state_by_key(c: &mut Criterion) {
        let sum = native("lambda vs, s: sum(vs) + (s or 0)", |a| {
            let start = if a[1] == Value::None {
                Value::Int(0)
            } else {
                a[1].clone()
            };
            Ok(a[0].items()?.iter().try_fold(start, |t, v| t.add(v))?)
        });
        let mut g = c.benchmark_group("updateStateByKey");
        for keys in [1_000, 50_000] {
            let mut op = UpdateStateByKey::new(sum.clone(), 2, None);
            op.update(&Batch::parallelize(keyed(keys, keys), 2))
                .unwrap();
            // Each batch touches 1000 keys; every key in the state is updated (SEMANTICS D1).
            let batch = Batch::parallelize(keyed(1000, keys), 2);
            g.throughput(Throughput::Elements(keys as u64));
            g.bench_function(BenchmarkId::new("keys_in_state", keys), |b| {
                b.iter(|| op.update(black_box(&batch)).unwrap())
            });
            g.bench_function(BenchmarkId::new("state_view", keys), |b| {
                b.iter(|| op.view())
            });
        }
        g.finish();
    }

    pub fn joins(c: &mut Criterion) {
        let left = Batch::parallelize(keyed(5_000, 1_000), 2);
        let right = Batch::parallelize(keyed(2_000, 1_500), 2);
        let mut g = c.benchmark_group("join");
        g.throughput(Throughput::Elements(7_000));
        for kind in [JoinKind::Inner, JoinKind::FullOuter] {
            let op = Join::new(kind, 2);
            g.bench_function(kind.name(), |b| {
                b.iter(|| op.apply(black_box(&left), black_box(&right)).unwrap())
            });
        }
        g.finish();
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group! {
    name = operators;
    config = benches::config();
    targets = benches::stateless, benches::reduce_by_key, benches::reduce_by_key_and_window,
        benches::update_state_by_key, benches::joins
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(operators);

/// Benches run natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}
