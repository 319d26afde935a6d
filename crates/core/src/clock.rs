//! The host's clock, for timing batches.
//!
//! The engine never reads a clock itself: its time is the logical batch clock, and its output
//! is the same byte for byte on every run. How long a batch took is still worth showing (which
//! operator the time goes to), so a host that wants timings hands the engine a [`Clock`]
//! ([`Engine::set_clock`](crate::Engine::set_clock)): natively `std::time::Instant`, in a
//! browser `performance.now()`. The engine only reads it around each node's computation and
//! each output job, and what it reads goes into the report's [`Timings`](crate::report::Timings),
//! never into the output.

use std::fmt;
use std::rc::Rc;

/// A monotonic clock in milliseconds from any fixed origin, given by the host.
///
/// ```
/// use std::cell::Cell;
/// use std::rc::Rc;
/// use eddy_core::Clock;
/// // A fake clock that advances 2 ms each time it is read.
/// let t = Rc::new(Cell::new(0.0));
/// let clock = Clock::new({ let t = t.clone(); move || { t.set(t.get() + 2.0); t.get() } });
/// assert_eq!(clock.now(), 2.0);
/// assert_eq!(clock.now(), 4.0);
/// ```
#[derive(Clone)]
pub struct Clock(Rc<dyn Fn() -> f64>);

impl Clock {
    /// A clock that reads `now` (milliseconds).
    pub fn new(now: impl Fn() -> f64 + 'static) -> Self {
        Clock(Rc::new(now))
    }

    /// The time now, in milliseconds.
    pub fn now(&self) -> f64 {
        (self.0)()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}
