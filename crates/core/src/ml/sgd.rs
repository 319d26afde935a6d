//! Spark's `GradientDescent.runMiniBatchSGD` with its gradients and updaters, in Spark's
//! floating-point order: per partition the gradients of the (sampled) points accumulate with
//! `BLAS.axpy` in record order, the partitions' sums are folded into a zero vector in partition
//! order (`treeAggregate` over two partitions is a plain `fold`, and `a + b == b + a`), the sum
//! is divided by the count, and the updater steps by `stepSize / sqrt(iteration)`.

use rand_core::Rng;
use rand_pcg::Pcg64;

use super::blas;

/// The loss and gradient of one point (`Gradient.compute`), adding the gradient to `cum`.
pub trait Gradient {
    /// Adds the point's gradient at `weights` to `cum` and returns its loss.
    fn compute(&self, features: &[f64], label: f64, weights: &[f64], cum: &mut [f64]) -> f64;
}

/// `LeastSquaresGradient`: loss `(w·x - y)² / 2`, gradient `(w·x - y) x`.
#[derive(Clone, Copy, Debug)]
pub struct LeastSquares;

impl Gradient for LeastSquares {
    fn compute(&self, features: &[f64], label: f64, weights: &[f64], cum: &mut [f64]) -> f64 {
        let diff = blas::dot(features, weights) - label;
        blas::axpy(diff, features, cum);
        diff * diff / 2.0
    }
}

/// `LogisticGradient` for two classes: gradient `(σ(w·x) - y) x`, log loss.
#[derive(Clone, Copy, Debug)]
pub struct Logistic;

/// `MLUtils.log1pExp(x)`: `log(1 + exp(x))` without overflow.
fn log1p_exp(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

impl Gradient for Logistic {
    fn compute(&self, features: &[f64], label: f64, weights: &[f64], cum: &mut [f64]) -> f64 {
        // Spark's `-1.0 * dot(x, w)`, which is exactly the negation.
        let margin = -blas::dot(features, weights);
        let multiplier = (1.0 / (1.0 + margin.exp())) - label;
        blas::axpy(multiplier, features, cum);
        if label > 0.0 {
            log1p_exp(margin)
        } else {
            log1p_exp(margin) - margin
        }
    }
}

/// How the weights take a step (`Updater.compute`): `SimpleUpdater` (no regularization) or
/// `SquaredL2Updater`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Updater {
    /// `w -= stepSize / sqrt(i) * g`.
    Simple,
    /// `w = (1 - s * regParam) * w - s * g` with `s = stepSize / sqrt(i)`; the regularization
    /// value is `regParam * |w|² / 2`.
    SquaredL2,
}

impl Updater {
    /// The new weights and the regularization value.
    pub fn compute(
        self,
        weights: &[f64],
        gradient: &[f64],
        step_size: f64,
        iteration: usize,
        reg_param: f64,
    ) -> (Vec<f64>, f64) {
        let step = step_size / (iteration as f64).sqrt();
        let mut w = weights.to_vec();
        match self {
            Updater::Simple => {
                blas::breeze_axpy(-step, gradient, &mut w);
                (w, 0.0)
            }
            Updater::SquaredL2 => {
                let shrink = 1.0 - step * reg_param;
                for x in &mut w {
                    *x *= shrink;
                }
                blas::breeze_axpy(-step, gradient, &mut w);
                let norm = blas::norm2(&w);
                (w, 0.5 * reg_param * norm * norm)
            }
        }
    }
}

/// The points of a batch, partition by partition, as `(label, features)`.
pub type Points<'a> = Vec<Vec<(f64, &'a [f64])>>;

/// The settings of one run.
#[derive(Clone, Copy, Debug)]
pub struct SgdSettings {
    /// `stepSize`.
    pub step_size: f64,
    /// `numIterations`.
    pub num_iterations: usize,
    /// `regParam`.
    pub reg_param: f64,
    /// `miniBatchFraction`.
    pub mini_batch_fraction: f64,
    /// `convergenceTol`.
    pub convergence_tol: f64,
}

/// What a run did.
#[derive(Clone, Debug, PartialEq)]
pub struct SgdRun {
    /// The final weights.
    pub weights: Vec<f64>,
    /// `lossSum / miniBatchSize + regVal` of each iteration that had points.
    pub loss: Vec<f64>,
    /// Iterations run (at most `numIterations`).
    pub iterations: usize,
    /// Whether it stopped early because the weights moved less than `convergenceTol`.
    pub converged: bool,
}

/// `GradientDescent.runMiniBatchSGD` on `partitions` of `(label, features)` points.
///
/// With `miniBatchFraction < 1` each iteration `i` keeps each point with that probability,
/// drawn from a PCG generator seeded with `42 + i` and the partition index (Spark seeds its
/// Bernoulli sampler with `42 + i` too, but its XORShift stream cannot be reproduced here), so
/// runs are deterministic but do not pick the points Spark picks.
pub fn run_mini_batch_sgd(
    partitions: &Points<'_>,
    gradient: &dyn Gradient,
    updater: Updater,
    settings: &SgdSettings,
    initial: &[f64],
) -> SgdRun {
    let n = initial.len();
    let mut weights = initial.to_vec();
    let mut run = SgdRun {
        weights: Vec::new(),
        loss: Vec::with_capacity(settings.num_iterations),
        iterations: 0,
        converged: false,
    };
    if partitions.iter().all(Vec::is_empty) {
        run.weights = weights;
        return run;
    }
    let (_, mut reg_val) = updater.compute(&weights, &vec![0.0; n], 0.0, 1, settings.reg_param);
    let mut previous: Option<Vec<f64>> = None;
    let sample = settings.mini_batch_fraction < 1.0;
    let mut grad_part = vec![0.0; n];
    let mut i = 1;
    while !run.converged && i <= settings.num_iterations {
        let mut grad_sum = vec![0.0; n];
        let (mut loss_sum, mut count) = (0.0, 0u64);
        for (p, points) in partitions.iter().enumerate() {
            grad_part.iter_mut().for_each(|g| *g = 0.0);
            let (mut loss, mut c) = (0.0, 0u64);
            let mut rng = sample.then(|| Pcg64::new(42 + i as u128, p as u128));
            for (label, features) in points {
                if let Some(rng) = &mut rng {
                    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                    if u >= settings.mini_batch_fraction {
                        continue;
                    }
                }
                loss += gradient.compute(features, *label, &weights, &mut grad_part);
                c += 1;
            }
            for (s, g) in grad_sum.iter_mut().zip(&grad_part) {
                *s += g;
            }
            loss_sum += loss;
            count += c;
        }
        if count > 0 {
            run.loss.push(loss_sum / count as f64 + reg_val);
            let m = count as f64;
            let gradient: Vec<f64> = grad_sum.iter().map(|g| g / m).collect();
            let (w, r) = updater.compute(
                &weights,
                &gradient,
                settings.step_size,
                i,
                settings.reg_param,
            );
            reg_val = r;
            if let Some(prev) = &previous {
                run.converged = converged(prev, &w, settings.convergence_tol);
            }
            previous = Some(w.clone());
            weights = w;
        }
        run.iterations = i;
        i += 1;
    }
    run.weights = weights;
    run
}

/// `GradientDescent.isConverged`: `|w_prev - w| < tol * max(|w|, 1)`.
fn converged(previous: &[f64], current: &[f64], tol: f64) -> bool {
    let diff: Vec<f64> = previous.iter().zip(current).map(|(a, b)| a - b).collect();
    blas::norm2(&diff) < tol * blas::norm2(current).max(1.0)
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn settings(iterations: usize, tol: f64) -> SgdSettings {
        SgdSettings {
            step_size: 1.0,
            num_iterations: iterations,
            reg_param: 0.0,
            mini_batch_fraction: 1.0,
            convergence_tol: tol,
        }
    }

    /// By hand: points (y=2, x=[1]) and (y=4, x=[2]) from w = 0. Iteration 1: g = mean((0-2)*1,
    /// (0-4)*2) = -5, w = 0 + 1/sqrt(1) * 5 = 5. Iteration 2: residuals 3 and 6, g = (3 + 12)/2
    /// = 7.5, w = 5 - 7.5/sqrt(2).
    #[test]
    fn two_iterations_by_hand() {
        let (a, b) = ([1.0], [2.0]);
        let parts = vec![vec![(2.0, &a[..])], vec![(4.0, &b[..])]];
        let run = run_mini_batch_sgd(
            &parts,
            &LeastSquares,
            Updater::Simple,
            &settings(2, 0.0),
            &[0.0],
        );
        assert_eq!(run.weights, vec![5.0 - 7.5 / 2f64.sqrt()]);
        // Losses use the weights before each step: (4 + 16)/2/2 = 5, then (9 + 36)/2/2.
        assert_eq!(run.loss, vec![5.0, 11.25]);
        assert_eq!((run.iterations, run.converged), (2, false));
    }

    #[test]
    fn convergence_is_checked_from_the_second_step() {
        let x = [1.0];
        let parts = vec![vec![(1.0, &x[..])]];
        // From w = 0.999 the first step reaches w = 1; the second barely moves.
        let run = run_mini_batch_sgd(
            &parts,
            &LeastSquares,
            Updater::Simple,
            &settings(50, 1.0),
            &[0.999],
        );
        assert_eq!((run.iterations, run.converged), (2, true));
    }

    #[test]
    fn l2_shrinks_the_weights_and_reports_the_penalty() {
        let x = [0.0];
        let parts = vec![vec![(0.0, &x[..])]];
        let mut s = settings(1, 0.0);
        s.reg_param = 0.5;
        let run = run_mini_batch_sgd(&parts, &LeastSquares, Updater::SquaredL2, &s, &[2.0]);
        assert_eq!(run.weights, vec![2.0 * (1.0 - 0.5)]);
        // The first loss carries the initial penalty 0.5 * 0.5 * 4.
        assert_eq!(run.loss, vec![1.0]);
    }

    #[test]
    fn sampling_is_seeded() {
        let xs: Vec<[f64; 1]> = (0..100).map(|i| [f64::from(i) / 100.0]).collect();
        let parts = vec![xs.iter().map(|x| (1.0, &x[..])).collect::<Vec<_>>()];
        let mut s = settings(3, 0.0);
        s.mini_batch_fraction = 0.3;
        let a = run_mini_batch_sgd(&parts, &LeastSquares, Updater::Simple, &s, &[0.0]);
        let b = run_mini_batch_sgd(&parts, &LeastSquares, Updater::Simple, &s, &[0.0]);
        assert_eq!(a, b);
        s.mini_batch_fraction = 1.0;
        let all = run_mini_batch_sgd(&parts, &LeastSquares, Updater::Simple, &s, &[0.0]);
        assert_ne!(a.weights, all.weights);
    }
}
