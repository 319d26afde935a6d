//! Python's `set`, laid out exactly as CPython 3.11 lays it out, so that it iterates and prints
//! in CPython's order.
//!
//! CPython's set is an open-addressing hash table: a slot index from the hash, up to
//! [`LINEAR_PROBES`] neighbouring slots, then a jump mixed with the shifted hash (`perturb`).
//! Iteration walks the table in slot order, so the order depends on the hashes (fixed with
//! `PYTHONHASHSEED=0`, see [`py_hash`](super::py_hash)), on the table size and on the history
//! of insertions, deletions and resizes. [`PySet`] replays that history with the same rules
//! (`Objects/setobject.c`: `set_add_entry`, `set_insert_clean`, `set_table_resize`,
//! `set_merge`, `set_discard_entry`), so `str({'b', 'a'})` is what CPython prints.

use std::fmt;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::{Key, Value, ValueError};

/// `PySet_MINSIZE`: the table size of a new set.
const MIN_SIZE: usize = 8;
/// Slots probed linearly after the first before jumping (`LINEAR_PROBES`).
const LINEAR_PROBES: u64 = 9;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Debug)]
enum Slot {
    Unused,
    /// A deleted entry: probing goes on past it.
    Dummy,
    Active(Key),
}

/// A Python `set` of hashable [`Value`]s, iterating in CPython's order.
///
/// How the set was built matters to that order, as in CPython: [`PySet::from_values`] is
/// `set(iterable)` (and a set comprehension), [`PySet::literal`] is a `{a, b, c}` display.
///
/// ```
/// use eddy_core::value::PySet;
/// use eddy_core::Value;
/// let s = PySet::from_values(["b", "a", "c", "a"].map(Value::from)).unwrap();
/// assert_eq!(s.len(), 3);
/// // What CPython 3.11 prints with PYTHONHASHSEED=0:
/// assert_eq!(Value::set(s).repr(), "{'c', 'a', 'b'}");
/// ```
#[derive(Clone)]
pub struct PySet {
    table: Vec<Slot>,
    /// Active and dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop()` looks next.
    finger: usize,
}

impl Default for PySet {
    fn default() -> Self {
        PySet::new()
    }
}

impl PySet {
    /// `set()`.
    pub fn new() -> Self {
        PySet {
            table: vec![Slot::Unused; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    /// `set(iterable)` for an iterable that is not a set or dict (a list, tuple, generator),
    /// and `{x for x in ...}`: each item added in turn. Unhashable items are a `TypeError`.
    pub fn from_values(items: impl IntoIterator<Item = Value>) -> Result<Self, ValueError> {
        let mut set = PySet::new();
        for item in items {
            set.add(item)?;
        }
        Ok(set)
    }

    /// A set display `{a, b, c}` in a program's main script. CPython compiles a display of
    /// more than two constants (numbers, strings, tuples of them, `None`, booleans) to
    /// `set().update(frozenset(...))`, which lays the table out differently from adding the
    /// items one by one; pass `all_constant` when every item was such a literal.
    ///
    /// The compiler builds that frozenset twice: from the display, then again in its
    /// iteration order when it merges constants. It builds it a third time if interning the
    /// code object's string constants replaced one of its strings by an equal string interned
    /// earlier (any identifier-like string the interpreter or the program had already used as
    /// a name): call [`PySet::literal_reinterned`] then. Sets of numbers and tuples of numbers
    /// never take that third step.
    pub fn literal(items: Vec<Value>, all_constant: bool) -> Result<Self, ValueError> {
        PySet::display(items, all_constant, 1)
    }

    /// A constant set display whose strings were interned before (see [`PySet::literal`]).
    pub fn literal_reinterned(items: Vec<Value>) -> Result<Self, ValueError> {
        PySet::display(items, true, 2)
    }

    fn display(items: Vec<Value>, all_constant: bool, rebuilds: usize) -> Result<Self, ValueError> {
        if all_constant && items.len() > 2 {
            let mut frozen = PySet::from_values(items)?;
            for _ in 0..rebuilds {
                frozen = PySet::from_values(frozen.iter().cloned())?;
            }
            let mut set = PySet::new();
            set.merge(&frozen);
            Ok(set)
        } else {
            PySet::from_values(items)
        }
    }

    /// `len(s)`.
    pub fn len(&self) -> usize {
        self.used
    }

    /// `not s`.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The elements in CPython's iteration order.
    pub fn iter(&self) -> impl Iterator<Item = &Value> + '_ {
        self.table.iter().filter_map(|slot| match slot {
            Slot::Active(k) => Some(k.value()),
            _ => None,
        })
    }

    fn keys(&self) -> impl Iterator<Item = &Key> + '_ {
        self.table.iter().filter_map(|slot| match slot {
            Slot::Active(k) => Some(k),
            _ => None,
        })
    }

    /// `x in s`; an unhashable `x` is a `TypeError`, as in Python.
    pub fn contains(&self, value: &Value) -> Result<bool, ValueError> {
        let key = Key::new(value.clone())?;
        Ok(self.contains_key(&key))
    }

    fn contains_key(&self, key: &Key) -> bool {
        self.lookup(key).is_some()
    }

    /// `s.add(x)`.
    pub fn add(&mut self, value: Value) -> Result<(), ValueError> {
        self.add_key(Key::new(value)?);
        Ok(())
    }

    /// `s.discard(x)`: whether `x` was there.
    pub fn discard(&mut self, value: &Value) -> Result<bool, ValueError> {
        let key = Key::new(value.clone())?;
        Ok(self.discard_key(&key))
    }

    /// `s.pop()`: an arbitrary element (CPython's), `None` when the set is empty (Python raises
    /// `KeyError: 'pop from an empty set'`).
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut i = self.finger & mask;
        while !matches!(self.table[i], Slot::Active(_)) {
            i = if i == mask { 0 } else { i + 1 };
        }
        let Slot::Active(key) = std::mem::replace(&mut self.table[i], Slot::Dummy) else {
            return None;
        };
        self.used -= 1;
        self.finger = i + 1;
        Some(key.into_value())
    }

    /// Empties the set, giving its values (in no particular order).
    pub(crate) fn take_values(&mut self) -> impl Iterator<Item = Value> {
        let table = std::mem::take(&mut self.table);
        *self = PySet::new();
        table.into_iter().filter_map(|slot| match slot {
            Slot::Active(key) => Some(key.into_value()),
            Slot::Unused | Slot::Dummy => None,
        })
    }

    /// `s.clear()`.
    pub fn clear(&mut self) {
        *self = PySet::new();
    }

    /// `s.update(other)` / `s |= other` for a set `other`.
    pub fn update_from_set(&mut self, other: &PySet) {
        self.merge(other);
    }

    /// `s.update(d)` for a dict `d` (its keys, in insertion order).
    pub fn update_from_dict(&mut self, dict: &super::Dict) {
        let size = dict.len();
        if (self.fill + size) * 5 >= self.mask() * 3 {
            self.resize((self.used + size) * 2);
        }
        for key in dict.keys() {
            self.add_key(key.clone());
        }
    }

    /// `s.update(iterable)`: dispatches as CPython does on sets, dicts and other iterables.
    pub fn update(&mut self, other: &Value) -> Result<(), ValueError> {
        match other {
            Value::Set(set) => self.merge(set),
            Value::Dict(dict) => self.update_from_dict(dict),
            other => {
                for item in other.items()? {
                    self.add(item)?;
                }
            }
        }
        Ok(())
    }

    /// `s.copy()` (and `set(s)`).
    pub fn copy(&self) -> PySet {
        let mut set = PySet::new();
        set.merge(self);
        set
    }

    /// `a | b`.
    pub fn union(&self, other: &PySet) -> PySet {
        let mut set = self.copy();
        set.merge(other);
        set
    }

    /// `a & b`: CPython walks the smaller set and keeps what the larger contains.
    pub fn intersection(&self, other: &PySet) -> PySet {
        let (big, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        let mut set = PySet::new();
        for key in small.keys() {
            if big.contains_key(key) {
                set.add_key(key.clone());
            }
        }
        set
    }

    /// `a - b`.
    pub fn difference(&self, other: &PySet) -> PySet {
        if (self.len() >> 2) > other.len() {
            // CPython copies a large set and removes the few elements of the other.
            let mut set = self.copy();
            let others: Vec<&Key> = if other.len() > 8 * set.len() {
                other.keys().filter(|k| set.contains_key(k)).collect()
            } else {
                other.keys().collect()
            };
            for key in others {
                set.discard_key(key);
            }
            return set;
        }
        let mut set = PySet::new();
        for key in self.keys() {
            if !other.contains_key(key) {
                set.add_key(key.clone());
            }
        }
        set
    }

    /// `a ^ b`: CPython copies `b` and then removes or adds each element of `a`.
    pub fn symmetric_difference(&self, other: &PySet) -> PySet {
        let mut set = other.copy();
        for key in self.keys() {
            if !set.discard_key(key) {
                set.add_key(key.clone());
            }
        }
        set
    }

    /// Whether every element of `self` is in `other` (`a <= b`).
    pub fn is_subset(&self, other: &PySet) -> bool {
        self.len() <= other.len() && self.keys().all(|k| other.contains_key(k))
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// `set_lookkey`: the slot of an element equal to `key`.
    fn lookup(&self, key: &Key) -> Option<usize> {
        let mask = self.mask() as u64;
        let hash = key.hash() as u64;
        let mut perturb = hash;
        let mut i = hash & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j as usize] {
                    Slot::Unused => return None,
                    Slot::Active(k) if k == key => return Some(j as usize),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }

    /// `set_add_entry`: the last dummy slot of the probe sequence, or else its first unused
    /// slot, unless an equal element is met first.
    fn add_key(&mut self, key: Key) {
        let mask = self.mask() as u64;
        let hash = key.hash() as u64;
        let mut perturb = hash;
        let mut i = hash & mask;
        let mut free = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                let j = j as usize;
                match &self.table[j] {
                    Slot::Unused => {
                        if let Some(f) = free {
                            self.table[f] = Slot::Active(key);
                            self.used += 1;
                            return;
                        }
                        self.table[j] = Slot::Active(key);
                        self.fill += 1;
                        self.used += 1;
                        if self.fill * 5 >= self.mask() * 3 {
                            let min_used = if self.used > 50_000 {
                                self.used * 2
                            } else {
                                self.used * 4
                            };
                            self.resize(min_used);
                        }
                        return;
                    }
                    Slot::Active(k) if *k == key => return,
                    // CPython 3.11 reuses the *last* dummy slot it passed.
                    Slot::Dummy => free = Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }

    /// `set_discard_entry`: leaves a dummy behind.
    fn discard_key(&mut self, key: &Key) -> bool {
        match self.lookup(key) {
            Some(i) => {
                self.table[i] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    /// `set_table_resize`: the smallest power of two above `min_used`, dummies dropped.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Unused; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(key) = slot {
                insert_clean(&mut self.table, key);
            }
        }
    }

    /// `set_merge`: `self |= other`.
    fn merge(&mut self, other: &PySet) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.table.clone_from(&other.table);
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for key in other.keys() {
                insert_clean(&mut self.table, key.clone());
            }
            return;
        }
        for key in other.keys() {
            self.add_key(key.clone());
        }
    }
}

/// `set_insert_clean`: places `key` in the first free slot of its probe sequence, in a table
/// known to have no dummies and no equal element.
fn insert_clean(table: &mut [Slot], key: Key) {
    let mask = (table.len() - 1) as u64;
    let hash = key.hash() as u64;
    let mut perturb = hash;
    let mut i = hash & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in i..=i + probes {
            let slot = &mut table[j as usize];
            if matches!(slot, Slot::Unused) {
                *slot = Slot::Active(key);
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
    }
}

/// Python's `==` on sets: the same elements, whatever the order.
impl PartialEq for PySet {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.is_subset(other)
    }
}

impl fmt::Debug for PySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Value::Set(std::sync::Arc::new(self.clone())).repr())
    }
}

/// A set serialises as the list of its elements in iteration order.
impl Serialize for PySet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for v in self.iter() {
            seq.serialize_element(v)?;
        }
        seq.end()
    }
}

/// Deserialising is `set(list)` of the stored elements: the same order as the serialised set
/// except after rare hash collisions, where the order is that of `set(list(s))` in CPython.
impl<'de> Deserialize<'de> for PySet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<Value>::deserialize(deserializer)?;
        PySet::from_values(items).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn strs(items: &[&str]) -> Vec<Value> {
        items.iter().map(|s| Value::from(*s)).collect()
    }

    fn printed(set: &PySet) -> String {
        Value::set(set.clone()).repr()
    }

    /// Expected strings printed by CPython 3.11.7 with `PYTHONHASHSEED=0`.
    #[test]
    fn sets_of_strings_iterate_in_cpython_order() {
        let s = PySet::from_values(strs(&["apple", "banana", "cherry", "date", "elder"])).unwrap();
        assert_eq!(
            printed(&s),
            "{'banana', 'apple', 'cherry', 'date', 'elder'}"
        );
        // The display compiles to `set().update(frozenset(...))`: another table size.
        let lit =
            PySet::literal(strs(&["apple", "banana", "cherry", "date", "elder"]), true).unwrap();
        assert_eq!(
            printed(&lit),
            "{'banana', 'apple', 'cherry', 'elder', 'date'}"
        );
    }

    #[test]
    fn empty_set_prints_as_a_call() {
        assert_eq!(printed(&PySet::new()), "set()");
        assert!(PySet::new().is_empty());
    }

    #[test]
    fn small_ints_iterate_in_slot_order() {
        let s = PySet::from_values([5, 3, 1, 8, 2].map(Value::Int)).unwrap();
        assert_eq!(printed(&s), "{1, 2, 3, 5, 8}");
    }

    #[test]
    fn equal_numbers_are_one_element() {
        let s = PySet::from_values([Value::Int(1), Value::Float(1.0), Value::Bool(true)]).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(printed(&s), "{1}");
    }

    mod generated {
        use crate::Value;

        fn s(x: &str) -> Value {
            Value::from(x)
        }
        fn i(x: i64) -> Value {
            Value::Int(x)
        }
        fn f(x: f64) -> Value {
            Value::Float(x)
        }
        fn t(items: Vec<Value>) -> Value {
            Value::tuple(items)
        }

        include!("set_cases.rs");
    }

    /// Builds, deletes, merges and pops in many random ways and compares the printed order
    /// with what CPython printed for the same steps (`set_cases.rs`).
    #[test]
    fn every_operation_leaves_the_order_cpython_leaves() {
        for (op, lists, want) in generated::cases() {
            let set = |i: usize| PySet::from_values(lists[i].clone()).unwrap();
            let got = match op {
                "from_values" => printed(&set(0)),
                "literal" => printed(&PySet::literal(lists[0].clone(), true).unwrap()),
                "discard_add" => {
                    let mut s = set(0);
                    for x in &lists[1] {
                        s.discard(x).unwrap();
                    }
                    for x in &lists[2] {
                        s.add(x.clone()).unwrap();
                    }
                    printed(&s)
                }
                "union" => printed(&set(0).union(&set(1))),
                "intersection" => printed(&set(0).intersection(&set(1))),
                "difference" => printed(&set(0).difference(&set(1))),
                "symmetric_difference" => printed(&set(0).symmetric_difference(&set(1))),
                "from_dict" => {
                    let Value::Dict(d) =
                        &Value::dict(lists[0].iter().map(|k| (k.clone(), Value::None))).unwrap()
                    else {
                        unreachable!()
                    };
                    let mut s = PySet::new();
                    s.update_from_dict(d);
                    printed(&s)
                }
                "pop" => {
                    let mut s = set(0);
                    let Value::Int(k) = lists[1][0] else {
                        unreachable!()
                    };
                    let popped: Vec<Value> = (0..k).filter_map(|_| s.pop()).collect();
                    s.add(lists[0][0].clone()).unwrap();
                    Value::tuple([Value::list(popped), Value::set(s)]).repr()
                }
                other => panic!("unknown case {other}"),
            };
            assert_eq!(got, want, "{op} of {lists:?}");
        }
    }

    #[test]
    fn unhashable_elements_are_a_type_error() {
        let err = PySet::from_values([Value::list(vec![])]).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'list'");
    }
}
