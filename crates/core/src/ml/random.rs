//! `numpy.random.RandomState(seed).randn(...)`, bit for bit: the Mersenne Twister (MT19937)
//! seeded as numpy's legacy seeding does for an integer seed (`init_genrand`), doubles from two
//! 32-bit draws (`(a >> 5) * 2^26 + (b >> 6)) / 2^53`), and the legacy polar Box–Muller
//! Gaussian, which keeps its second value for the next call. `StreamingKMeans.setRandomCenters`
//! draws its centres this way (SEMANTICS G4).

const N: usize = 624;
const M: usize = 397;

/// numpy's legacy `RandomState`, for the draws PySpark makes.
///
/// ```
/// use eddy_core::ml::RandomState;
/// let r = RandomState::new(42).randn(3);
/// assert_eq!(r[0], 0.4967141530112327);
/// ```
#[derive(Clone, Debug)]
pub struct RandomState {
    mt: Box<[u32; N]>,
    pos: usize,
    gauss: Option<f64>,
}

impl RandomState {
    /// `RandomState(seed)` for an integer seed (numpy accepts 0 to 2^32 - 1).
    pub fn new(seed: u32) -> Self {
        let mut mt = Box::new([0u32; N]);
        mt[0] = seed;
        for i in 1..N {
            let prev = mt[i - 1];
            mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        RandomState {
            mt,
            pos: N,
            gauss: None,
        }
    }

    fn generate(&mut self) {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX_A: u32 = 0x9908_b0df;
        let mt = &mut self.mt;
        for i in 0..N {
            let y = (mt[i] & UPPER) | (mt[(i + 1) % N] & LOWER);
            let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
            mt[i] = mt[(i + M) % N] ^ (y >> 1) ^ mag;
        }
        self.pos = 0;
    }

    /// The next 32-bit output (`genrand_int32`).
    pub fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.generate();
        }
        let mut y = self.mt[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// A double in [0, 1) with 53 random bits (`random_sample()`).
    pub fn next_double(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }

    /// One standard normal draw (`legacy_gauss`).
    pub fn gauss(&mut self) -> f64 {
        if let Some(g) = self.gauss.take() {
            return g;
        }
        loop {
            let x1 = 2.0 * self.next_double() - 1.0;
            let x2 = 2.0 * self.next_double() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.gauss = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// `randn(n)`: `n` standard normal draws, in order (`randn(k, dim)` is these, row by row).
    pub fn randn(&mut self, n: usize) -> Vec<f64> {
        (0..n).map(|_| self.gauss()).collect()
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// `numpy.random.RandomState(s).randn(...)` printed by numpy 2.4 with `repr(float(x))`.
    #[test]
    fn randn_is_numpys_bit_for_bit() {
        let cases: [(u32, &[f64]); 4] = [
            (
                42,
                &[
                    0.4967141530112327,
                    -0.13826430117118466,
                    0.6476885381006925,
                    1.5230298564080254,
                    -0.23415337472333597,
                    -0.23413695694918055,
                ],
            ),
            (
                0,
                &[
                    1.764052345967664,
                    0.4001572083672233,
                    0.9787379841057392,
                    2.240893199201458,
                    1.8675579901499675,
                ],
            ),
            (
                1,
                &[1.6243453636632417, -0.6117564136500754, -0.5281717522634557],
            ),
            (
                4294967295,
                &[0.6484086742306527, 0.6693235306338161, -1.0805437227474493],
            ),
        ];
        for (seed, want) in cases {
            assert_eq!(
                RandomState::new(seed).randn(want.len()),
                want,
                "seed {seed}"
            );
        }
    }

    #[test]
    fn the_first_doubles_are_mt19937s() {
        // The reference MT19937's first output for its default seed 5489.
        let mut r = RandomState::new(5489);
        assert_eq!(r.next_u32(), 3_499_211_612);
    }
}
