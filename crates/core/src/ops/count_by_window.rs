//! `stream.countByWindow(windowDuration, slideDuration)`.

use std::rc::Rc;

use crate::func::Builtin;
use crate::ops::reduce_by_key_and_window::{second, Windowing};
use crate::ops::ReduceByKeyAndWindow;
use crate::Value;

/// `countByWindow(w, s)` = `map(x → 1).reduceByWindow(add, sub, w, s)`: after the input drains
/// it gives `[]` on the recompute path but `[0]` on the incremental one (C6).
pub fn count_by_window(w: Windowing) -> ReduceByKeyAndWindow {
    ReduceByKeyAndWindow::new(
        Rc::new(Builtin::Add),
        Some(Rc::new(Builtin::Sub)),
        None,
        w.window,
        w.slide,
        w.parent_slide,
        1,
    )
    .with_pre(Rc::new(|_| {
        Ok(Value::tuple([Value::Int(1), Value::Int(1)]))
    }))
    .with_post(Rc::new(second))
}
