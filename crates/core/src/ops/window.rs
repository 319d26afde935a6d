//! `stream.window(windowDuration, slideDuration)`.

use crate::operator::{OpContext, OpError, Operator};
use crate::report::{WindowInfo, WindowPath};
use crate::time::slice;
use crate::{Batch, BatchTime, Duration};

/// The union of the parent's RDDs over the last `window` of time, emitted every `slide`
/// (SEMANTICS B1–B5). The engine gives it no RDD at times off the slide; windows at the start
/// are partial; records come oldest batch first, each batch in partition order.
///
/// ```
/// use eddy_core::{ops::Window, operator::Operator, BatchTime, Duration};
/// let w = Window::new(Duration(3000), Duration(1000));
/// let times: Vec<i64> = w.needs(BatchTime(2000), 1).iter().map(|(_, t)| t.0).collect();
/// assert_eq!(times, [1000, 2000]); // partial: nothing before the first batch
/// ```
#[derive(Clone, Debug)]
pub struct Window {
    window: Duration,
    parent_slide: Duration,
    last: Option<WindowInfo>,
}

impl Window {
    /// A window of `window` over a parent that slides every `parent_slide`.
    pub fn new(window: Duration, parent_slide: Duration) -> Self {
        Window {
            window,
            parent_slide,
            last: None,
        }
    }

    fn times(&self, time: BatchTime) -> Vec<BatchTime> {
        let from = time.minus(self.window).plus(self.parent_slide);
        slice(from, time, self.parent_slide)
    }
}

impl Operator for Window {
    fn needs(&self, time: BatchTime, _inputs: usize) -> Vec<(usize, BatchTime)> {
        self.times(time).into_iter().map(|t| (0, t)).collect()
    }

    fn lookback(&self) -> Duration {
        self.window
    }

    fn window_info(&self) -> Option<WindowInfo> {
        self.last.clone()
    }

    fn compute(
        &mut self,
        time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        self.last = Some(WindowInfo {
            time,
            covers: self.times(time),
            path: WindowPath::Recompute,
        });
        let partitions = (inputs.iter().flatten())
            .flat_map(|b| b.partitions.iter().cloned())
            .collect();
        Ok(Some(Batch { partitions }))
    }
}
