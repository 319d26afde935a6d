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

/// `numpy.dot(a, b)` of two float64 vectors in the Python workers, as the goldens show it: a
/// plain running sum (OpenBLAS's `ddot` for fewer than 16 elements, without fused multiply-adds).
pub fn np_dot(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for (x, y) in a.iter().zip(b) {
        s += x * y;
    }
    s
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
