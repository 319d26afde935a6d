//! The level-1 BLAS that Spark's MLlib runs on the JVM, operation for operation, so that
//! training matches Spark's floating point exactly.
//!
//! MLlib's `BLAS.dot`/`BLAS.axpy` call `dev.ludovic.netlib`'s `VectorBLAS` (Spark starts the
//! JVM with `--add-modules=jdk.incubator.vector`): whole vectors of [`LANES`] doubles with
//! fused multiply-adds, a lane-by-lane sum, then a plain loop over the tail. Vectors shorter
//! than [`LANES`] are therefore plain `x*y` sums, which is what every small example sees.
//! Breeze's `axpy` (the updaters) and `Vectors.sqdist` are plain loops.

/// Doubles per JVM vector where the goldens were made: `DoubleVector.SPECIES_MAX.length()` is 8
/// with AVX-512 (4 with AVX2; results for vectors of 4 to 7 features differ in the last bit).
pub const LANES: usize = 8;

/// `BLAS.dot(x, y)` (`VectorBLAS.ddot`).
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len());
    let bound = n - n % LANES;
    let mut s = 0.0;
    if bound > 0 {
        let mut lanes = [0.0f64; LANES];
        for (xs, ys) in x[..bound]
            .chunks_exact(LANES)
            .zip(y[..bound].chunks_exact(LANES))
        {
            for l in 0..LANES {
                lanes[l] = xs[l].mul_add(ys[l], lanes[l]);
            }
        }
        s = lanes.iter().fold(0.0, |acc, v| acc + v);
    }
    for i in bound..n {
        s += x[i] * y[i];
    }
    s
}

/// `BLAS.axpy(a, x, y)`: `y += a * x` (`VectorBLAS.daxpy`).
pub fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    let n = x.len().min(y.len());
    let bound = n - n % LANES;
    for i in 0..bound {
        y[i] = x[i].mul_add(a, y[i]);
    }
    for i in bound..n {
        y[i] += a * x[i];
    }
}

/// Breeze's `axpy(a, x, y)` on dense vectors: `y(i) += x(i) * a`, a plain loop.
pub fn breeze_axpy(a: f64, x: &[f64], y: &mut [f64]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += xi * a;
    }
}

/// The Euclidean norm as a plain sum of squares (`Vectors.norm(v, 2)`).
pub fn norm2(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |s, v| s + v * v).sqrt()
}

/// `Vectors.sqdist(a, b)` for dense vectors.
pub fn sqdist(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for (x, y) in a.iter().zip(b) {
        let d = x - y;
        s += d * d;
    }
    s
}

/// `numpy.dot(a, b)` of two float64 vectors in the Python workers: OpenBLAS's `ddot` with its
/// Haswell kernel (what the reference harness pins, and what the shared goldens show). Blocks
/// of 16 go through four 4-lane fused multiply-add accumulators, summed pairwise; the rest is a
/// plain running sum. (OpenBLAS's AVX-512 kernel, the default on newer CPUs, fuses the rest
/// too and changes last bits.)
pub fn np_dot(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let n1 = n & !15;
    let mut dot = 0.0;
    if n1 > 0 {
        let mut acc = [[0.0f64; 4]; 4];
        for (xs, ys) in a[..n1].chunks_exact(16).zip(b[..n1].chunks_exact(16)) {
            for (r, lanes) in acc.iter_mut().enumerate() {
                for (l, lane) in lanes.iter_mut().enumerate() {
                    *lane = xs[r * 4 + l].mul_add(ys[r * 4 + l], *lane);
                }
            }
        }
        let half = |r: usize| [acc[r][0] + acc[r][2], acc[r][1] + acc[r][3]];
        let (x4, x5, x6, x7) = (half(0), half(1), half(2), half(3));
        let x45 = [x4[0] + x5[0], x4[1] + x5[1]];
        let x67 = [x6[0] + x7[0], x6[1] + x7[1]];
        dot = (x45[0] + x67[0]) + (x45[1] + x67[1]);
    }
    for i in n1..n {
        dot += b[i] * a[i];
    }
    dot
}

/// `numpy.dot(x - c, x - c)`: the squared distance as PySpark's `KMeansModel.predict` computes it.
pub fn np_sqdist(x: &[f64], c: &[f64]) -> f64 {
    if x.len() < 16 {
        return sqdist(x, c);
    }
    let diff: Vec<f64> = x.iter().zip(c).map(|(a, b)| a - b).collect();
    np_dot(&diff, &diff)
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn short_vectors_are_plain_sums() {
        let (x, y) = ([0.1, 0.2, 0.3], [0.7, 0.11, 0.13]);
        assert_eq!(dot(&x, &y), 0.1 * 0.7 + 0.2 * 0.11 + 0.3 * 0.13);
        let mut z = [1.0, 2.0, 3.0];
        axpy(0.1, &x, &mut z);
        assert_eq!(z, [1.0 + 0.1 * 0.1, 2.0 + 0.1 * 0.2, 3.0 + 0.1 * 0.3]);
    }

    /// `numpy.dot` under `OPENBLAS_CORETYPE=Haswell` (numpy 2.4): 16 and more elements fuse.
    #[test]
    fn numpy_dot_fuses_blocks_of_sixteen() {
        let a: Vec<f64> = (1..=20).map(|i| 1.0 / f64::from(i)).collect();
        let b: Vec<f64> = (1..=20).map(|i| f64::from(i) / 7.0 + 0.1).collect();
        let seq = a.iter().zip(&b).fold(0.0, |s, (x, y)| s + x * y);
        assert_eq!(np_dot(&a[..15], &b[..15]), seq_n(&a, &b, 15));
        assert_ne!(np_dot(&a, &b), seq);
        assert_eq!(np_dot(&a, &b), 3.216916822857225);
    }

    fn seq_n(a: &[f64], b: &[f64], n: usize) -> f64 {
        a[..n].iter().zip(&b[..n]).fold(0.0, |s, (x, y)| s + x * y)
    }

    #[test]
    fn whole_lanes_fuse_and_the_tail_does_not() {
        let x: Vec<f64> = (1..=9).map(|i| 1.0 / f64::from(i)).collect();
        let y: Vec<f64> = (1..=9).map(|i| f64::from(i) / 3.0).collect();
        let lanes: Vec<f64> = (0..8).map(|i| x[i].mul_add(y[i], 0.0)).collect();
        let want = lanes.iter().fold(0.0, |a, v| a + v) + x[8] * y[8];
        assert_eq!(dot(&x, &y), want);
        let mut z = y.clone();
        axpy(0.3, &x, &mut z);
        assert_eq!(z[0], x[0].mul_add(0.3, y[0]));
        assert_eq!(z[8], y[8] + 0.3 * x[8]);
    }
}
