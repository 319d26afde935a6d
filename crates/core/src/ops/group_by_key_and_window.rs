//! `stream.groupByKeyAndWindow(windowDuration, slideDuration, numPartitions)`.

use std::rc::Rc;

use crate::func::native;
use crate::ops::reduce_by_key_and_window::Windowing;
use crate::ops::ReduceByKeyAndWindow;
use crate::Value;

/// `groupByKeyAndWindow(w, s)` = `mapValues(x → [x]).reduceByKeyAndWindow(lambda a, b:
/// a.extend(b) or a, lambda a, b: a[len(b):], w, s)`: with `w >= 5 s` a key whose values all
/// left stays with an empty list (C8).
pub fn group_by_key_and_window(w: Windowing, partitions: usize) -> ReduceByKeyAndWindow {
    let extend = native("lambda a, b: a.extend(b) or a", |a| Ok(a[0].add(&a[1])?));
    let drop_front = native("lambda a, b: a[len(b):]", |a| {
        let (items, gone) = (a[0].items()?, a[1].items()?.len());
        Ok(Value::list(items.get(gone..).unwrap_or_default().to_vec()))
    });
    ReduceByKeyAndWindow::new(
        extend,
        Some(drop_front),
        None,
        w.window,
        w.slide,
        w.parent_slide,
        partitions,
    )
    .with_pre(Rc::new(|r| {
        let (k, v) = r.pair()?;
        Ok(Value::tuple([k, Value::list(vec![v])]))
    }))
}
