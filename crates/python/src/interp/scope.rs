//! Scopes: a function call's locals, chained to the scope the function was defined in, up to
//! the module's globals. Closures capture the defining scope itself, so they see later
//! assignments to it, as Python's closures do.

use std::cell::RefCell;
use std::rc::Rc;

use ruff_python_ast::name::Name;
use rustc_hash::FxHashMap;

use crate::obj::Obj;

/// One scope.
#[derive(Debug, Default)]
pub struct Scope {
    vars: RefCell<FxHashMap<Name, Obj>>,
    parent: Option<Rc<Scope>>,
    /// Names this scope's code declared `global`.
    globals: Vec<Name>,
    /// Names this scope's code declared `nonlocal`.
    nonlocals: Vec<Name>,
}

impl Scope {
    /// The module scope.
    pub fn global() -> Rc<Scope> {
        Rc::new(Scope::default())
    }

    /// A new scope under `parent` for code declaring `globals` / `nonlocals`.
    pub fn child(parent: &Rc<Scope>, globals: Vec<Name>, nonlocals: Vec<Name>) -> Rc<Scope> {
        Rc::new(Scope {
            vars: RefCell::new(FxHashMap::default()),
            parent: Some(parent.clone()),
            globals,
            nonlocals,
        })
    }

    /// Looks `name` up here, then in the enclosing scopes.
    pub fn get(&self, name: &str) -> Option<Obj> {
        if let Some(v) = self.vars.borrow().get(name) {
            return Some(v.clone());
        }
        self.parent.as_ref().and_then(|p| p.get(name))
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
        if self.globals.contains(name) {
            self.root().vars.borrow_mut().insert(name.clone(), value);
            return;
        }
        if self.nonlocals.contains(name) {
            let mut s = self.parent.clone();
            while let Some(scope) = s {
                if scope.vars.borrow().contains_key(name) {
                    scope.vars.borrow_mut().insert(name.clone(), value);
                    return;
                }
                s = scope.parent.clone();
            }
        }
        self.vars.borrow_mut().insert(name.clone(), value);
    }

    /// `del name`: whether it was bound here.
    pub fn remove(&self, name: &str) -> bool {
        self.vars.borrow_mut().remove(name).is_some()
    }
}
