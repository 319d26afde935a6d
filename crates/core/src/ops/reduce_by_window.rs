//! `stream.reduceByWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration)`.

use std::rc::Rc;

use crate::func::Func;
use crate::ops::reduce_by_key_and_window::{second, Windowing};
use crate::ops::ReduceByKeyAndWindow;
use crate::Value;

/// `reduceByWindow(f, invF, w, s)` = `map(x → (1, x)).reduceByKeyAndWindow(f, invF, w, s, 1)
/// .map(kv → kv[1])`: one key, one partition (SEMANTICS C6).
///
/// ```
/// use std::rc::Rc;
/// use eddy_core::func::Builtin;
/// use eddy_core::ops::{reduce_by_window, Windowing};
/// use eddy_core::Duration;
/// let w = Windowing { window: Duration(6000), slide: Duration(1000), parent_slide: Duration(1000) };
/// assert!(reduce_by_window(Rc::new(Builtin::Add), Some(Rc::new(Builtin::Sub)), w).uses_inverse_rule());
/// ```
pub fn reduce_by_window(f: Func, inv: Option<Func>, w: Windowing) -> ReduceByKeyAndWindow {
    ReduceByKeyAndWindow::new(f, inv, None, w.window, w.slide, w.parent_slide, 1)
        .with_pre(Rc::new(|x| Ok(Value::tuple([Value::Int(1), x.clone()]))))
        .with_post(Rc::new(second))
}
