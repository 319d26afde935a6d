//! Dropping deeply nested objects without deep recursion.
//!
//! `x = [x]` run 20,000 times is a list nested 20,000 deep, well within a program's step budget.
//! Dropping it the default way recurses once per level, and the browser gives wasm 1 MB of
//! stack: the worker would die. CPython has the same problem and its "trashcan" defers the
//! inner drops; here the items of a list, a dict or a scope are dropped from a work list
//! instead, taking apart every container that this drop frees (one nobody else holds), so the
//! stack stays flat. (A tuple is taken apart when one of those holds it.)

use std::ops::{Deref, DerefMut};
use std::rc::Rc;

use super::Obj;

/// A list's items: a `Vec<Obj>` that drops iteratively.
#[derive(Default)]
pub struct Items(pub Vec<Obj>);

impl Deref for Items {
    type Target = Vec<Obj>;
    fn deref(&self) -> &Vec<Obj> {
        &self.0
    }
}

impl DerefMut for Items {
    fn deref_mut(&mut self) -> &mut Vec<Obj> {
        &mut self.0
    }
}

impl From<Vec<Obj>> for Items {
    fn from(items: Vec<Obj>) -> Self {
        Items(items)
    }
}

impl FromIterator<Obj> for Items {
    fn from_iter<I: IntoIterator<Item = Obj>>(items: I) -> Self {
        Items(items.into_iter().collect())
    }
}

impl Drop for Items {
    fn drop(&mut self) {
        // Flat lists, the common case, drop as they always did.
        if self.0.iter().any(Obj::is_container) {
            drop_flat(std::mem::take(&mut self.0));
        }
    }
}

/// Drops `items` and every container they alone hold, level by level on a work list.
pub fn drop_flat(items: impl IntoIterator<Item = Obj>) {
    let mut pending: Vec<Obj> = items.into_iter().filter(Obj::is_container).collect();
    while let Some(obj) = pending.pop() {
        take_apart(obj, &mut pending);
    }
}

impl Obj {
    /// Whether dropping this may recurse: a list, tuple or dict.
    #[inline]
    pub fn is_container(&self) -> bool {
        matches!(self, Obj::List(_) | Obj::Tuple(_) | Obj::Dict(_))
    }

    /// Whether dropping this may recurse deeply by itself: lists and dicts drop their items
    /// from a work list, a tuple of containers does not. A holder of objects (a scope, a
    /// frame) checks this, and pays one scan of flat data per drop.
    #[inline]
    pub fn drops_deep(&self) -> bool {
        matches!(self, Obj::Tuple(t) if t.iter().any(Obj::is_container))
    }
}

/// Drops `obj`, moving the items of any container it frees onto `pending` first.
fn take_apart(obj: Obj, pending: &mut Vec<Obj>) {
    match obj {
        Obj::List(list) => {
            if let Ok(cell) = Rc::try_unwrap(list) {
                pending.extend(
                    std::mem::take(&mut cell.into_inner().0)
                        .into_iter()
                        .filter(Obj::is_container),
                );
            }
        }
        Obj::Tuple(mut tuple) => {
            if let Some(items) = Rc::get_mut(&mut tuple) {
                pending.extend(
                    items
                        .iter_mut()
                        .map(|o| std::mem::replace(o, Obj::None))
                        .filter(Obj::is_container),
                );
            }
        }
        Obj::Dict(dict) => {
            if let Ok(cell) = Rc::try_unwrap(dict) {
                pending.extend(cell.take_values().filter(Obj::is_container));
            }
        }
        other => drop(other),
    }
}
