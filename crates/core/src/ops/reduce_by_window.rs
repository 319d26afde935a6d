//! `stream.reduceByWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration)`.

use std::rc::Rc;

use crate::func::Func;
use crate::ops::reduce_by_key_and_window::{second, Windowing};
use crate::ops::ReduceByKeyAndWindow;
use crate::Value;

/// ```
pub fn reduce_by_window(f: Func, inv: Option<Func>, w: Windowing) -> ReduceByKeyAndWindow {
    ReduceByKeyAndWindow::new(f, inv, None, w.window, w.slide, w.parent_slide, 1)
        .with_pre(Rc::new(|x| {
            Ok(Value::tuple(vec![Value::Int(1), x.clone()]))
        }))
        .with_post(Rc::new(second))
}
