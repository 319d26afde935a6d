//! A dict's storage, unpacked lazily when it is a record from the engine.
//!
//! Records cross the pipeline boundary on every call of a program's function
//! (`lambda o: (o["clientId"], o["amount"] * o["price"])`), and most functions only read a
//! field or two of a dict record. Unpacking the whole record into an interpreter dict (a hash
//! table of objects) on each call, and dropping it after, was a quarter of the orders
//! pipeline's time. So a dict made from an engine value keeps that value ([`Frozen`]) and is
//! unpacked on the first operation that needs the interpreter's own table: any mutation, any
//! iteration, or reading a field that holds a mutable object (a list read out of the record
//! must be the same list on every read, so that appending to it is seen through the dict).
//! Reading an immutable field (a number, a string, a datetime) needs no unpacking, and a
//! record that goes back to the engine untouched crosses as the same value.
//!
//! Python's reference semantics hold: every name bound to the dict shares this cell, so an
//! unpacking through one name is seen through all.
//!
//! [`Frozen`]: DictCell::frozen

use std::cell::{Ref, RefCell, RefMut};
use std::sync::Arc;

use eddy_core::value::{Dict, Key};
use eddy_core::Value;

use super::{DictMap, Obj};

/// The storage of an `Obj::Dict`.
#[derive(Default)]
pub struct DictCell {
    /// The interpreter's table (empty while `frozen` holds the contents).
    map: RefCell<DictMap>,
    /// The engine's record this dict was made from, until first unpacked.
    frozen: RefCell<Option<Arc<Dict>>>,
}

impl DictCell {
    /// A dict of the interpreter's own.
    pub fn new(map: DictMap) -> Self {
        DictCell {
            map: RefCell::new(map),
            frozen: RefCell::new(None),
        }
    }

    /// A dict over an engine record, unpacked when first needed.
    pub fn frozen(record: Arc<Dict>) -> Self {
        DictCell {
            map: RefCell::new(DictMap::default()),
            frozen: RefCell::new(Some(record)),
        }
    }

    /// The table, to read.
    pub fn borrow(&self) -> Ref<'_, DictMap> {
        self.thaw();
        self.map.borrow()
    }

    /// The table, to change.
    pub fn borrow_mut(&self) -> RefMut<'_, DictMap> {
        self.thaw();
        self.map.borrow_mut()
    }

    /// `d[key]` without unpacking when the field is immutable: `Some(None)` when the key
    /// is missing, `None` when the dict must be unpacked to answer (see the module's doc).
    pub fn get_immutable(&self, key: &Key) -> Option<Option<Obj>> {
        immutable_field(self.frozen.borrow().as_ref()?.get(key))
    }

    /// `d[key]`, unpacking only when needed.
    pub fn get(&self, key: &Key) -> Option<Obj> {
        match self.get_immutable(key) {
            Some(found) => found,
            None => self.borrow().get(key).cloned(),
        }
    }

    /// The engine record this dict still is, untouched, if it is one.
    pub fn record(&self) -> Option<Arc<Dict>> {
        self.frozen.borrow().clone()
    }

    /// The number of items, without unpacking.
    pub fn len(&self) -> usize {
        match &*self.frozen.borrow() {
            Some(record) => record.len(),
            None => self.map.borrow().len(),
        }
    }

    /// Whether the dict has no items, without unpacking.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `key` is in the dict, without unpacking.
    pub fn contains_key(&self, key: &Key) -> bool {
        match &*self.frozen.borrow() {
            Some(record) => record.contains_key(key),
            None => self.map.borrow().contains_key(key),
        }
    }

    /// Moves the values out, for taking a dict apart without recursion (see `drop.rs`); a
    /// record still frozen holds no objects.
    pub fn take_values(&self) -> impl Iterator<Item = Obj> {
        std::mem::take(&mut *self.map.borrow_mut()).into_values()
    }

    fn thaw(&self) {
        // Taken before the table is borrowed: nothing can hold a borrow of `map` while the
        // record is still frozen, since every borrow thaws first.
        let Some(record) = self.frozen.borrow_mut().take() else {
            return;
        };
        *self.map.borrow_mut() = table(&record);
    }
}

/// The interpreter's table of an engine record's items (how a record is unpacked).
fn table(record: &Dict) -> DictMap {
    let mut map = DictMap::with_capacity_and_hasher(record.len() + 1, Default::default());
    map.extend(record.iter().map(|(k, v)| (k.clone(), Obj::from_value(v))));
    map
}

/// What reading a field found in an engine record gives without unpacking the record: the
/// object (`Some(Some(_))`), nothing (`Some(None)`, no such key), or `None` when the value is
/// mutable and the record must be unpacked first (see the module's doc).
pub fn immutable_field(found: Option<&Value>) -> Option<Option<Obj>> {
    match found {
        None => Some(None),
        Some(v) if is_immutable(v) => Some(Some(Obj::from_value(v))),
        Some(_) => None,
    }
}

/// `record[key]`, trying first the place where `key` was found last: a program's records
/// come from a few dict displays, so the place is nearly always right, and the record's hash
/// index (a separate allocation, often out of cache) is not touched.
pub fn field_at<'r>(
    record: &'r Dict,
    key: &Key,
    hint: &std::cell::Cell<usize>,
) -> Option<&'r Value> {
    if let Some((k, v)) = record.get_index(hint.get()) {
        if k == key {
            return Some(v);
        }
    }
    let (i, _, v) = record.get_full(key)?;
    hint.set(i);
    Some(v)
}

/// Builds a dict display (`{"amount": int(s[4]), ...}`): as an engine record while every value
/// is an immutable scalar, so that a record a function returns crosses back to the engine as
/// it is, without a second table; else as the interpreter's table. The dict behaves the same
/// either way (see the module's doc).
pub struct DictBuilder {
    record: Option<Dict>,
    map: DictMap,
}

impl DictBuilder {
    /// A builder for `n` items.
    pub fn with_capacity(n: usize) -> Self {
        DictBuilder {
            record: (n > 0).then(|| Dict::with_capacity_and_hasher(n, Default::default())),
            map: DictMap::default(),
        }
    }

    /// `key: value`, the later of equal keys winning at the earlier's place, as in Python.
    pub fn insert(&mut self, key: Key, value: Obj) {
        if let Some(record) = &mut self.record {
            if let Some(v) = scalar(&value) {
                record.insert(key, v);
                return;
            }
            self.map = table(record);
            self.record = None;
        }
        self.map.insert(key, value);
    }

    /// The dict.
    pub fn finish(self) -> Obj {
        match self.record {
            Some(record) => Obj::Dict(std::rc::Rc::new(DictCell::frozen(Arc::new(record)))),
            None => Obj::dict(self.map),
        }
    }
}

/// A dict display whose keys are all string literals (`{"time": t, "amount": n, ...}`, the
/// way programs make records): its table is made once with the keys in place, and each
/// evaluation clones it and fills in the values, instead of hashing and inserting every key.
#[derive(Debug)]
pub struct DictShape {
    template: Dict,
    /// Each item's place in the table (a repeated key has its first place, as in Python).
    places: Vec<usize>,
}

impl DictShape {
    /// The shape of a display with these keys, in order.
    pub fn new(keys: Vec<Key>) -> Self {
        let mut template = Dict::with_capacity_and_hasher(keys.len(), Default::default());
        let places = keys
            .into_iter()
            .map(|k| template.insert_full(k, Value::None).0)
            .collect();
        DictShape { template, places }
    }

    /// A dict of this shape, to be given every item's value in order ([`ShapedDict::set`]).
    pub fn start(&self) -> ShapedDict<'_> {
        ShapedDict {
            shape: self,
            record: self.template.clone(),
            map: None,
        }
    }
}

/// A dict of a [`DictShape`] being filled in: an engine record while the values are immutable
/// scalars, the interpreter's table from the first one that is not (see [`DictBuilder`]).
pub struct ShapedDict<'s> {
    shape: &'s DictShape,
    record: Dict,
    map: Option<DictMap>,
}

impl ShapedDict<'_> {
    /// The value of item `i`.
    pub fn set(&mut self, i: usize, value: Obj) {
        let place = self.shape.places[i];
        if self.map.is_none() {
            if let Some(v) = scalar(&value) {
                if let Some((_, slot)) = self.record.get_index_mut(place) {
                    *slot = v;
                }
                return;
            }
            self.map = Some(table(&self.record));
        }
        if let Some((_, slot)) = self.map.as_mut().and_then(|m| m.get_index_mut(place)) {
            *slot = value;
        }
    }

    /// The dict.
    pub fn finish(self) -> Obj {
        match self.map {
            None => Obj::Dict(std::rc::Rc::new(DictCell::frozen(Arc::new(self.record)))),
            Some(map) => Obj::dict(map),
        }
    }
}

/// The engine value of an immutable scalar object.
fn scalar(o: &Obj) -> Option<Value> {
    Some(match o {
        Obj::None => Value::None,
        Obj::Bool(b) => Value::Bool(*b),
        Obj::Int(i) => Value::Int(*i),
        Obj::Float(f) => Value::Float(*f),
        Obj::Str(s) => Value::Str(s.clone()),
        Obj::Data(v) if is_immutable(v) => v.clone(),
        _ => return None,
    })
}

impl Drop for DictCell {
    fn drop(&mut self) {
        if self.map.get_mut().values().any(Obj::is_container) {
            super::drop::drop_flat(self.take_values());
        }
    }
}

/// Whether an engine value converts to an object that cannot be changed in place, so that two
/// conversions of it are indistinguishable to a program.
fn is_immutable(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Dict(_) | Value::Set(_) => false,
        Value::Tuple(items) => items.iter().all(is_immutable),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Arc<Dict> {
        let mut d = Dict::default();
        d.insert(Key::new(Value::str("n")).unwrap(), Value::Int(1));
        d.insert(
            Key::new(Value::str("xs")).unwrap(),
            Value::List(vec![Value::Int(2)].into()),
        );
        Arc::new(d)
    }

    fn key(s: &str) -> Key {
        Key::new(Value::str(s)).unwrap()
    }

    #[test]
    fn immutable_fields_are_read_without_unpacking() {
        let cell = DictCell::frozen(record());
        assert!(matches!(cell.get(&key("n")), Some(Obj::Int(1))));
        assert!(cell.get(&key("missing")).is_none());
        assert_eq!(cell.len(), 2);
        assert!(cell.record().is_some(), "still the engine's record");
    }

    #[test]
    fn a_mutable_field_unpacks_so_every_read_is_the_same_list() {
        let cell = DictCell::frozen(record());
        let (Some(Obj::List(a)), Some(Obj::List(b))) = (cell.get(&key("xs")), cell.get(&key("xs")))
        else {
            panic!("xs is a list");
        };
        assert!(std::rc::Rc::ptr_eq(&a, &b));
        assert!(cell.record().is_none(), "unpacked");
    }

    #[test]
    fn a_change_unpacks_and_sticks() {
        let cell = DictCell::frozen(record());
        cell.borrow_mut().insert(key("m"), Obj::Int(3));
        assert_eq!(cell.len(), 3);
        assert!(matches!(cell.get(&key("n")), Some(Obj::Int(1))));
        assert!(matches!(cell.get(&key("m")), Some(Obj::Int(3))));
    }

    fn items(d: &Obj) -> String {
        d.repr()
    }

    #[test]
    fn a_display_of_scalars_is_an_engine_record() {
        let mut b = DictBuilder::with_capacity(2);
        b.insert(key("a"), Obj::Int(1));
        b.insert(key("b"), Obj::str("x"));
        let d = b.finish();
        let Obj::Dict(cell) = &d else { panic!() };
        assert!(cell.record().is_some(), "crosses to the engine as it is");
        assert_eq!(items(&d), "{'a': 1, 'b': 'x'}");
    }

    #[test]
    fn a_list_value_makes_the_interpreters_table_with_every_item_in_order() {
        let mut b = DictBuilder::with_capacity(3);
        b.insert(key("a"), Obj::Int(1));
        b.insert(key("b"), Obj::list(vec![Obj::Int(2)]));
        b.insert(key("a"), Obj::Int(3));
        let d = b.finish();
        let Obj::Dict(cell) = &d else { panic!() };
        assert!(cell.record().is_none());
        assert_eq!(items(&d), "{'a': 3, 'b': [2]}");
    }

    #[test]
    fn a_shaped_display_keeps_pythons_order_and_last_value_for_repeated_keys() {
        let shape = DictShape::new(vec![key("a"), key("b"), key("a")]);
        let mut d = shape.start();
        d.set(0, Obj::Int(1));
        d.set(1, Obj::Float(2.5));
        d.set(2, Obj::Int(3));
        let d = d.finish();
        let Obj::Dict(cell) = &d else { panic!() };
        assert!(cell.record().is_some());
        assert_eq!(items(&d), "{'a': 3, 'b': 2.5}");

        // A mutable value part way: the table from there on, the other values still set.
        let mut d = shape.start();
        d.set(0, Obj::Int(1));
        d.set(1, Obj::list(Vec::new()));
        d.set(2, Obj::Int(4));
        let d = d.finish();
        let Obj::Dict(cell) = &d else { panic!() };
        assert!(cell.record().is_none());
        assert_eq!(items(&d), "{'a': 4, 'b': []}");
        // Each evaluation is a dict of its own.
        assert_eq!(items(&shape.start().finish()), "{'a': None, 'b': None}");
    }
}
