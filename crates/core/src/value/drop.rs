//! Dropping a [`Value`] without recursion: a list nested 100,000 deep (`x = [x]` in a loop)
//! would otherwise drop one native stack frame group per level, and overflow the stack
//! (natively at about 100,000 levels with 1 MB; sooner in debug builds and in WebAssembly).

use std::sync::Arc;

use super::Value;

impl Drop for Value {
    /// Moves the containers of containers this value alone owns out of it onto a heap stack,
    /// and drops them one by one, each emptied the same way first: no drop recurses more than
    /// one level. Leaves, shared containers and containers of leaves (nearly every value:
    /// records are tuples of numbers and strings) take the inline check only.
    #[inline]
    fn drop(&mut self) {
        if owns_nested(self) {
            drop_nested(self);
        }
    }
}

/// Whether a value holds other values.
#[inline]
fn nests(v: &Value) -> bool {
    matches!(
        v,
        Value::Tuple(_) | Value::List(_) | Value::Dict(_) | Value::Set(_)
    )
}

/// Whether dropping `v` would drop containers inside it: it is their container's only owner
/// (a plain load of the count; a shared container only loses a reference) and one of its
/// values is a container.
#[inline]
fn owns_nested(v: &Value) -> bool {
    match v {
        Value::Tuple(items) | Value::List(items) => {
            Arc::strong_count(items) == 1 && items.iter().any(nests)
        }
        Value::Dict(d) => {
            Arc::strong_count(d) == 1 && d.iter().any(|(k, v)| nests(k.value()) || nests(v))
        }
        Value::Set(s) => Arc::strong_count(s) == 1 && s.iter().any(nests),
        _ => false,
    }
}

#[inline(never)]
fn drop_nested(v: &mut Value) {
    let mut pending = Vec::new();
    detach(v, &mut pending);
    while let Some(mut v) = pending.pop() {
        detach(&mut v, &mut pending);
    }
}

/// Moves the values inside `v` that would drop containers themselves onto `pending`, if `v`
/// is their only owner; the others stay and drop with `v`, one level deep.
fn detach(v: &mut Value, pending: &mut Vec<Value>) {
    match v {
        Value::Tuple(items) | Value::List(items) => {
            if let Some(items) = Arc::get_mut(items) {
                for item in items.iter_mut().filter(|i| owns_nested(i)) {
                    pending.push(std::mem::replace(item, Value::None));
                }
            }
        }
        Value::Dict(d) => {
            if let Some(d) = Arc::get_mut(d) {
                for (k, v) in d.drain(..) {
                    pending.extend([k.into_value(), v].into_iter().filter(owns_nested));
                }
            }
        }
        Value::Set(s) => {
            if let Some(s) = Arc::get_mut(s) {
                pending.extend(s.take_values().filter(owns_nested));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::value::PySet;

    /// Drops `make()`'s value on a thread with a 1 MB stack (the size WebAssembly has), where
    /// threads exist.
    fn drop_on_small_stack(make: fn() -> Value) {
        #[cfg(not(target_arch = "wasm32"))]
        std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || drop(make()))
            .unwrap()
            .join()
            .unwrap();
        #[cfg(target_arch = "wasm32")]
        drop(make());
    }

    #[test]
    fn a_list_nested_a_million_deep_drops() {
        drop_on_small_stack(|| {
            let mut v = Value::Int(0);
            for _ in 0..1_000_000 {
                v = Value::list(vec![v]);
            }
            v
        });
    }

    #[test]
    fn nested_tuples_dicts_and_sets_drop() {
        drop_on_small_stack(|| {
            let mut v = Value::tuple([]);
            for i in 0..300_000 {
                v = match i % 3 {
                    0 => Value::tuple([Value::Int(i), v]),
                    1 => Value::dict([(Value::Int(i), v)]).unwrap(),
                    _ => Value::list(vec![
                        Value::set(PySet::from_values([Value::tuple([Value::Int(i)])]).unwrap()),
                        v,
                    ]),
                };
            }
            v
        });
    }

    #[test]
    fn shared_contents_stay_intact() {
        let inner = Value::list(vec![Value::list(vec![Value::Int(1)])]);
        let outer = Value::tuple([inner.clone(), inner.clone()]);
        drop(outer);
        assert_eq!(inner.repr(), "[[1]]");
    }
}
