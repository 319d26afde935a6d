//! How deep `repr`, `==`, `<` and the conversion to records walk into containers nested in
//! containers. A list can contain itself (`x.append(x)`), and a loop can nest a million lists
//! (`x = [x]`): walking either without a limit overflows the native stack and kills the
//! program (the browser tab, in wasm). CPython marks what `repr` is printing to print `[...]`
//! for a container inside itself, and raises `RecursionError` past its recursion limit; so
//! does Eddy ([`MAX_NESTING`], below CPython's 1000 so that it fits wasm's 1 MB stack beside
//! the interpreter's own recursion).

use std::cell::{Cell, RefCell};

use crate::interp::Exc;

/// The most containers `repr`, `==`, `<` and the conversion to records walk into at once.
pub const MAX_NESTING: u32 = 500;
/// The most containers one of them visits in all: shared containers are visited once per
/// path to them, so `x = [x, x]` forty times over is a trillion lists to print or compare
/// (CPython runs out of memory or time; Eddy stops as it stops at [`crate::interp::MAX_ITEMS`]).
pub const MAX_VISITS: u64 = crate::interp::MAX_ITEMS as u64;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Containers visited since the outermost was entered.
    static VISITS: Cell<u64> = const { Cell::new(0) };
    /// The lists and dicts `repr` is printing, innermost last (by address).
    static PRINTING: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// One level of nesting, given back when dropped.
pub(crate) struct Level(());

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Enters one more container: `None` past [`MAX_NESTING`] or [`MAX_VISITS`].
pub(crate) fn enter() -> Option<Level> {
    let n = DEPTH.with(Cell::get);
    let visits = if n == 0 {
        1
    } else {
        VISITS.with(Cell::get) + 1
    };
    if n >= MAX_NESTING || visits > MAX_VISITS {
        return None;
    }
    VISITS.with(|v| v.set(visits));
    DEPTH.with(|d| d.set(n + 1));
    Some(Level(()))
}

/// [`enter`], failing as CPython fails (`RecursionError`), or with `MemoryError` past
/// [`MAX_VISITS`].
pub(crate) fn enter_or_raise() -> Result<Level, Exc> {
    enter().ok_or_else(|| {
        if DEPTH.with(Cell::get) >= MAX_NESTING {
            Exc::new(
                "RecursionError",
                format!(
                    "maximum recursion depth exceeded (Eddy allows {MAX_NESTING} nested containers)"
                ),
            )
        } else {
            Exc::new(
                "MemoryError",
                format!("more than {MAX_VISITS} nested containers to convert"),
            )
            .fatal()
        }
    })
}

/// A list or dict `repr` is printing, given back when dropped.
pub(crate) struct Printing(#[allow(dead_code)] Level);

impl Drop for Printing {
    fn drop(&mut self) {
        PRINTING.with(|p| p.borrow_mut().pop());
    }
}

/// Starts printing the container at `addr`: `None` when it is being printed already (it
/// contains itself: CPython prints `[...]`) or when too many are (Eddy prints `[...]` there
/// too, where CPython would raise `RecursionError`).
pub(crate) fn start_printing(addr: usize) -> Option<Printing> {
    if PRINTING.with(|p| p.borrow().contains(&addr)) {
        return None;
    }
    let level = enter()?;
    PRINTING.with(|p| p.borrow_mut().push(addr));
    Some(Printing(level))
}
