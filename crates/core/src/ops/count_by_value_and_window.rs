//! `stream.countByValueAndWindow(windowDuration, slideDuration, numPartitions)`.

use std::rc::Rc;

use crate::func::{native, Builtin};
use crate::ops::reduce_by_key_and_window::Windowing;
use crate::ops::ReduceByKeyAndWindow;
use crate::Value;

/// `countByValueAndWindow(w, s)` = `map(x → (x, 1)).reduceByKeyAndWindow(add, sub, w, s)
/// .filter(kv → kv[1] > 0)`, so zeros never appear (C7).
pub fn count_by_value_and_window(w: Windowing, partitions: usize) -> ReduceByKeyAndWindow {
    let positive = native("lambda kv: kv[1] > 0", |a| {
        let count = a[0].pair()?.1;
        Ok(Value::Bool(
            count.py_cmp(&Value::Int(0))? == std::cmp::Ordering::Greater,
        ))
    });
    ReduceByKeyAndWindow::new(
        Rc::new(Builtin::Add),
        Some(Rc::new(Builtin::Sub)),
        Some(positive),
        w.window,
        w.slide,
        w.parent_slide,
        partitions,
    )
    .with_pre(Rc::new(|x| Ok(Value::tuple([x.clone(), Value::Int(1)]))))
}
