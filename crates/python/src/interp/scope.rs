//! Scopes: a function call's locals, chained to the scope the function was defined in, up to
//! the module's globals. Closures capture the defining scope itself, so they see later
//! assignments to it, as Python's closures do.
//!
//! A call's locals are few (its parameters and a handful of names), so they are kept in a
//! small vector searched in order, sized for the parameters when the call starts: cheaper than
//! hashing each name. A scope that grows past [`SMALL`] names (the module's globals, at once)
//! moves to a hash map.

use std::cell::{Cell, RefCell, RefMut};
use std::rc::Rc;

use ruff_python_ast::name::Name;
use rustc_hash::FxHashMap;

use crate::obj::Obj;

/// The most names a scope keeps in its vector.
const SMALL: usize = 12;

#[derive(Debug)]
enum Vars {
    Small(Vec<(Name, Obj)>),
    Map(FxHashMap<Name, Obj>),
}

impl Default for Vars {
    fn default() -> Self {
        Vars::Small(Vec::new())
    }
}

impl Drop for Vars {
    /// A scope can hold a deeply nested object (`t = (t,)` in a loop): drop it flat. Most
    /// scopes hold no containers at all (a call's few locals), and pay one scan.
    fn drop(&mut self) {
        match self {
            Vars::Small(v) => {
                if v.iter().any(|(_, o)| o.drops_deep()) {
                    crate::obj::drop_flat(std::mem::take(v).into_iter().map(|(_, o)| o));
                }
            }
            Vars::Map(m) => crate::obj::drop_flat(std::mem::take(m).into_values()),
        }
    }
}

impl Vars {
    fn get(&self, name: &str) -> Option<&Obj> {
        match self {
            Vars::Small(v) => v.iter().find(|(n, _)| n.as_str() == name).map(|(_, o)| o),
            Vars::Map(m) => m.get(name),
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn insert(&mut self, name: &Name, value: Obj) {
        match self {
            Vars::Small(v) => {
                if let Some(slot) = v.iter_mut().find(|(n, _)| n == name) {
                    slot.1 = value;
                } else if v.len() < SMALL {
                    v.push((name.clone(), value));
                } else {
                    let mut m: FxHashMap<Name, Obj> = std::mem::take(v).into_iter().collect();
                    m.insert(name.clone(), value);
                    *self = Vars::Map(m);
                }
            }
            Vars::Map(m) => {
                m.insert(name.clone(), value);
            }
        }
    }

    fn remove(&mut self, name: &str) -> bool {
        match self {
            Vars::Small(v) => match v.iter().position(|(n, _)| n.as_str() == name) {
                // `remove`, not `swap_remove`: nothing depends on the order, but keep it stable.
                Some(i) => {
                    v.remove(i);
                    true
                }
                None => false,
            },
            Vars::Map(m) => m.remove(name).is_some(),
        }
    }
}

/// One scope.
#[derive(Debug, Default)]
pub struct Scope {
    vars: RefCell<Vars>,
    parent: Option<Rc<Scope>>,
    /// Names this scope's code declared `global`.
    globals: Vec<Name>,
    /// Names this scope's code declared `nonlocal`.
    nonlocals: Vec<Name>,
    /// Counts the changes to `vars`, so that lowered code can remember that a name is not
    /// bound here (and so is a builtin) until the next change ([`Scope::version`]).
    version: Cell<u64>,
}

impl Scope {
    /// The module scope.
    pub fn global() -> Rc<Scope> {
        Rc::new(Scope {
            vars: RefCell::new(Vars::Map(FxHashMap::default())),
            ..Scope::default()
        })
    }

    /// A new scope under `parent` for code declaring `globals` / `nonlocals`.
    pub fn child(parent: &Rc<Scope>, globals: Vec<Name>, nonlocals: Vec<Name>) -> Rc<Scope> {
        Scope::child_sized(parent, globals, nonlocals, 0)
    }

    /// [`Scope::child`] with room for `names` locals (a call's parameters).
    pub fn child_sized(
        parent: &Rc<Scope>,
        globals: Vec<Name>,
        nonlocals: Vec<Name>,
        names: usize,
    ) -> Rc<Scope> {
        Rc::new(Scope {
            vars: RefCell::new(Vars::Small(Vec::with_capacity(names))),
            parent: Some(parent.clone()),
            globals,
            nonlocals,
            version: Cell::new(0),
        })
    }

    /// The table, to change: every change counts as a new [`Scope::version`].
    fn vars_mut(&self) -> RefMut<'_, Vars> {
        self.version.set(self.version.get() + 1);
        self.vars.borrow_mut()
    }

    /// For the module's scope (no enclosing one), how many times its bindings have changed:
    /// what lowered code checks to know a name it found unbound is still unbound.
    pub fn version(&self) -> Option<u64> {
        self.parent.is_none().then(|| self.version.get())
    }

    /// Looks `name` up here, then in the enclosing scopes.
    pub fn get(&self, name: &str) -> Option<Obj> {
        let mut s = self;
        loop {
            if let Some(v) = s.vars.borrow().get(name) {
                return Some(v.clone());
            }
            s = s.parent.as_deref()?;
        }
    }

    fn root(self: &Rc<Self>) -> Rc<Scope> {
        let mut s = self.clone();
        while let Some(p) = s.parent.clone() {
            s = p;
        }
        s
    }

    /// Binds `name` as an assignment in this scope's code does.
    pub fn set(self: &Rc<Self>, name: &Name, value: Obj) {
        if !self.globals.is_empty() && self.globals.contains(name) {
            self.root().vars_mut().insert(name, value);
            return;
        }
        if !self.nonlocals.is_empty() && self.nonlocals.contains(name) {
            let mut s = self.parent.clone();
            while let Some(scope) = s {
                if scope.vars.borrow().contains(name) {
                    scope.vars_mut().insert(name, value);
                    return;
                }
                s = scope.parent.clone();
            }
        }
        self.vars_mut().insert(name, value);
    }

    /// `del name`: whether it was bound here.
    pub fn remove(&self, name: &str) -> bool {
        self.vars_mut().remove(name)
    }

    /// Every name bound in this scope itself, with its value, in no particular order.
    pub fn bindings(&self) -> Vec<(Name, Obj)> {
        match &*self.vars.borrow() {
            Vars::Small(v) => v.clone(),
            Vars::Map(m) => m.iter().map(|(n, o)| (n.clone(), o.clone())).collect(),
        }
    }

    /// Unbinds every name (the module's globals when the program has ended: its functions
    /// hold the globals that hold them, a cycle that would never be freed).
    pub fn clear(&self) {
        let vars = std::mem::take(&mut *self.vars_mut());
        drop(vars);
    }
}
