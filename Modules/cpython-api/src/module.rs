//! Extension modules with multi-phase initialisation (PEP 489) and typed
//! per-module state.
//!
//! ```ignore
//! static MODULE: ModuleDef<State> = ModuleDef::new(c"name", c"doc", METHODS).gil_not_used();
//! cpython_api::module_init!(name, MODULE);
//! ```
//!
//! Before 3.15 the import system gets a `PyModuleDef` from `PyInit_name`;
//! from 3.15 on, the same definition as PEP 793's array of slots from
//! `PyModExport_name` (see `module/export.rs`).
//!
//! The state is created by [`ModuleState::exec`] when the module executes,
//! lives inside the module object (so each interpreter and each re-import
//! has its own) and is dropped with it.

use core::cell::UnsafeCell;
use core::ffi::{CStr, c_int, c_void};
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use std::sync::Once;

use cpython_sys as ffi;

use crate::entry;
use crate::err::{PyErr, PyResult};
use crate::function::MethodDef;
use crate::object::{Bound, Unbound};

#[cfg(Py_3_15)]
mod export;
#[cfg(Py_3_15)]
use export::EXPORT_SLOTS;

/// What a module keeps between calls. Python objects in it must be reported
/// by `traverse` and released by `clear`, so that the garbage collector can
/// break reference cycles through the module.
pub trait ModuleState: Sized + Send + 'static {
    /// Creates the state when the module executes; also the place to add
    /// constants, functions' helper objects, types and exceptions to it.
    fn exec(module: &Bound<'_>) -> PyResult<Self>;

    /// Reports every Python object the state holds.
    fn traverse(&self, _visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        Ok(())
    }

    /// Releases the Python objects the state holds. It takes `&self`
    /// because code holding a reference to the state may have triggered
    /// the collection: keep such objects behind interior mutability.
    fn clear(&self) {}
}

/// A module without state.
impl ModuleState for () {
    fn exec(_module: &Bound<'_>) -> PyResult<()> {
        Ok(())
    }
}

/// The garbage collector's visitor, given to [`ModuleState::traverse`].
pub struct Visit<'a> {
    visit: ffi::visitproc,
    arg: *mut c_void,
    _traversal: PhantomData<&'a ()>,
}

/// A visitor's non-zero result, which ends the traversal.
pub struct TraverseError(c_int);

impl TraverseError {
    pub(crate) fn code(&self) -> c_int {
        self.0
    }
}

impl Visit<'_> {
    pub(crate) fn new(visit: ffi::visitproc, arg: *mut c_void) -> Self {
        Visit {
            visit,
            arg,
            _traversal: PhantomData,
        }
    }

    pub fn call(&mut self, object: &Unbound) -> Result<(), TraverseError> {
        let Some(visit) = self.visit else { return Ok(()) };
        // SAFETY: the collector's visitor, called during its traversal with
        // a live object we hold.
        match unsafe { visit(object.as_ptr(), self.arg) } {
            0 => Ok(()),
            stop => Err(TraverseError(stop)),
        }
    }
}

/// The memory CPython allocates (zeroed) for each module's state: all
/// zeros is "not yet executed".
#[repr(C)]
struct StateSlot<S> {
    initialised: bool,
    state: MaybeUninit<S>,
}

/// A module definition; `static` in the module crate.
pub struct ModuleDef<S: ModuleState> {
    def: UnsafeCell<ffi::PyModuleDef>,
    slots: [ffi::PyModuleDef_Slot; 4],
    link_slots: Once,
    /// 3.15's export (PEP 793): the definition above as one array of
    /// `PySlot`s, written once, by the first `PyModExport_` call.
    #[cfg(Py_3_15)]
    export: UnsafeCell<[ffi::PySlot; EXPORT_SLOTS]>,
    _state: PhantomData<S>,
}

// SAFETY: the interpreter initialises and reads the definition under its
// import lock; `link_slots` guards the one write this type makes.
unsafe impl<S: ModuleState> Sync for ModuleDef<S> {}

const END_SLOT: ffi::PyModuleDef_Slot = ffi::PyModuleDef_Slot {
    slot: 0,
    value: core::ptr::null_mut(),
};

impl<S: ModuleState> ModuleDef<S> {
    /// `methods` must end with [`MethodDef::END`].
    pub const fn new(name: &'static CStr, doc: &'static CStr, methods: &'static [MethodDef]) -> Self {
        assert!(
            !methods.is_empty() && methods[methods.len() - 1].is_end(),
            "methods must end with MethodDef::END"
        );
        assert!(
            align_of::<StateSlot<S>>() <= 16,
            "module state must not need more than the allocator's alignment"
        );
        ModuleDef {
            def: UnsafeCell::new(ffi::PyModuleDef {
                m_base: ffi::PyModuleDef_HEAD_INIT,
                m_name: name.as_ptr(),
                // An empty docstring leaves `__doc__` None, as a C module
                // without `m_doc` has it.
                m_doc: if doc.is_empty() {
                    core::ptr::null()
                } else {
                    doc.as_ptr()
                },
                m_size: size_of::<StateSlot<S>>() as ffi::Py_ssize_t,
                m_methods: methods.as_ptr().cast::<ffi::PyMethodDef>().cast_mut(),
                m_slots: core::ptr::null_mut(),
                m_traverse: Some(traverse_state::<S>),
                m_clear: Some(clear_state::<S>),
                m_free: Some(free_state::<S>),
            }),
            slots: [
                ffi::PyModuleDef_Slot {
                    slot: ffi::Py_mod_exec as c_int,
                    value: exec_state::<S> as *mut c_void,
                },
                END_SLOT,
                END_SLOT,
                END_SLOT,
            ],
            link_slots: Once::new(),
            #[cfg(Py_3_15)]
            export: UnsafeCell::new([export::END; EXPORT_SLOTS]),
            _state: PhantomData,
        }
    }

    #[cfg(Py_3_12)]
    const fn with_slot(mut self, slot: ffi::PyModuleDef_Slot) -> Self {
        let mut index = 0;
        while self.slots[index].slot != 0 {
            index += 1;
        }
        self.slots[index] = slot;
        self
    }

    /// Declares that the module keeps no Python state outside its module
    /// state, so each interpreter may have its own GIL (PEP 684). Ignored
    /// before 3.12.
    pub const fn per_interpreter_gil(self) -> Self {
        #[cfg(Py_3_12)]
        return self.with_slot(ffi::PyModuleDef_Slot {
            slot: ffi::Py_mod_multiple_interpreters as c_int,
            value: ffi::Py_MOD_PER_INTERPRETER_GIL_SUPPORTED,
        });
        #[cfg(not(Py_3_12))]
        self
    }

    /// The state this module is given for the exec'd module `module`, or
    /// `SystemError` if `module` was not made from this definition or has
    /// not run its exec slot.
    pub fn state<'a>(&'static self, module: &'a Bound<'_>) -> PyResult<&'a S> {
        let py = module.py();
        if !self.made(module) {
            return Err(PyErr::take(py).unwrap_or_else(|| {
                PyErr::new(
                    crate::exceptions::SystemError(py),
                    "module state requested from another module",
                )
            }));
        }
        // SAFETY: the module was made from this definition, so its state is
        // a StateSlot<S>, alive as long as the module.
        let slot = unsafe { &*ffi::PyModule_GetState(module.as_ptr()).cast::<StateSlot<S>>() };
        if !slot.initialised {
            return Err(PyErr::new(
                crate::exceptions::SystemError(py),
                "module state used before the module executed",
            ));
        }
        // SAFETY: initialised says the state was written by exec.
        Ok(unsafe { slot.state.assume_init_ref() })
    }

    /// Whether `module` was made from this definition (with an exception
    /// set if it is no module at all).
    fn made(&'static self, module: &Bound<'_>) -> bool {
        #[cfg(not(Py_3_15))]
        // SAFETY: a valid object; PyModule_GetDef accepts any module and
        // fails (null, exception set) for anything else.
        return unsafe { ffi::PyModule_GetDef(module.as_ptr()) } == self.def.get();
        #[cfg(Py_3_15)]
        {
            let mut token = core::ptr::null_mut();
            // SAFETY: a valid object and a place for the token; fails (-1,
            // exception set) for anything but a module.
            let found = unsafe { ffi::PyModule_GetToken(module.as_ptr(), &mut token) };
            found == 0 && token == self.token()
        }
    }

    /// What identifies this definition's modules and their classes on
    /// 3.15 (`Py_mod_token`): its address, as a `PyModuleDef`'s is.
    #[cfg(Py_3_15)]
    fn token(&'static self) -> *mut c_void {
        (self as *const Self).cast_mut().cast()
    }

    /// The state of this definition's module that defined `class` (the
    /// `defining_class` of a method), as `PyType_GetModuleByDef` finds it.
    pub fn state_of_class<'a>(&'static self, class: &'a Bound<'_>) -> PyResult<&'a S> {
        // SAFETY: the caller's borrow keeps the type, and so its module, alive for 'a.
        unsafe { self.state_of_type(class.py(), class.as_ptr().cast()) }
    }

    /// The state of the module whose class (or a base of it) `instance` is an
    /// instance of: for methods of classes the module created.
    pub fn state_of_instance<'a>(&'static self, instance: &'a Bound<'_>) -> PyResult<&'a S> {
        // SAFETY: the instance keeps its type, and so its module, alive for 'a.
        unsafe { self.state_of_type(instance.py(), ffi::Py_TYPE(instance.as_ptr())) }
    }

    /// # Safety
    /// `class` is a type object that stays alive for 'a.
    unsafe fn state_of_type<'a>(
        &'static self,
        py: crate::Python<'_>,
        class: *mut ffi::PyTypeObject,
    ) -> PyResult<&'a S> {
        #[cfg(not(Py_3_15))]
        // SAFETY: a type object; the result is a borrowed reference to a
        // module the class keeps alive, or null with an exception set.
        let module = unsafe { ffi::PyType_GetModuleByDef(class, self.def.get()) };
        #[cfg(Py_3_15)]
        // SAFETY: a type object; the result is a new reference to a module,
        // or null with an exception set. The class keeps the module alive,
        // so the reference is given back at once.
        let module = unsafe {
            let module = ffi::PyType_GetModuleByToken(class, self.token());
            ffi::Py_XDECREF(module);
            module
        };
        if module.is_null() {
            return Err(PyErr::fetch(py));
        }
        // SAFETY: the class keeps its module alive for 'a.
        let slot = unsafe { &*ffi::PyModule_GetState(module).cast::<StateSlot<S>>() };
        if !slot.initialised {
            return Err(PyErr::new(
                crate::exceptions::SystemError(py),
                "module state used before the module executed",
            ));
        }
        // SAFETY: initialised says the state was written by exec.
        Ok(unsafe { slot.state.assume_init_ref() })
    }

    /// The `PyInit_<name>` body: hands the definition to the import system.
    ///
    /// # Safety
    /// Called from the module's `PyInit_` function, by the import system.
    #[doc(hidden)]
    pub unsafe fn init(&'static self) -> *mut ffi::PyObject {
        // Here, before any entry point can run, rather than on every call.
        crate::entry::install_quiet_hook();
        self.link_slots.call_once(|| {
            // SAFETY: the only write to the definition, before the
            // interpreter first sees it; `slots` lives as long as `self`.
            unsafe { (*self.def.get()).m_slots = self.slots.as_ptr().cast_mut() };
        });
        // SAFETY: the caller's guarantee; the definition is static.
        unsafe { ffi::PyModuleDef_Init(self.def.get()) }
    }
}

#[cfg(Py_3_15)]
impl<S: ModuleState> ModuleDef<S> {
    /// The `PyModExport_<name>` body (PEP 793): the definition as the
    /// array of slots that 3.15's import system asks for.
    ///
    /// # Safety
    /// Called from the module's `PyModExport_` function, by the import
    /// system.
    #[doc(hidden)]
    pub unsafe fn export(&'static self) -> *mut ffi::PySlot {
        crate::entry::install_quiet_hook();
        self.link_slots.call_once(|| {
            // SAFETY: the definition is only read here, after `new` and the
            // builder methods wrote it; `export` is written once, here,
            // before the interpreter first sees it.
            let (def, array) = unsafe { (&*self.def.get(), &mut *self.export.get()) };
            export::fill(array, def, &self.slots, self.token());
        });
        self.export.get().cast()
    }
}

impl<S: ModuleState + Sync> ModuleDef<S> {
    /// Declares that the module runs safely without the GIL on
    /// free-threaded builds, which otherwise re-enable the GIL when it is
    /// imported. Only for states that are `Sync`. Ignored before 3.13.
    pub const fn gil_not_used(self) -> Self {
        #[cfg(Py_3_13)]
        return self.with_slot(ffi::PyModuleDef_Slot {
            slot: ffi::Py_mod_gil as c_int,
            value: ffi::Py_MOD_GIL_NOT_USED,
        });
        #[cfg(not(Py_3_13))]
        self
    }
}

/// Defines the entry point the import system looks for: the module
/// `name`'s `PyModExport_<name>` on 3.15 and later (PEP 793, the form those
/// versions prefer), `PyInit_<name>` before.
#[macro_export]
macro_rules! module_init {
    ($name:ident, $definition:path) => {
        $crate::entry_point!($name, $definition);
    };
}

// The version is this crate's (a module crate need not know it): one of
// the two is defined.

#[cfg(not(Py_3_15))]
#[doc(hidden)]
#[macro_export]
macro_rules! entry_point {
    ($name:ident, $definition:path) => {
        /// The module's entry point for the import system.
        #[unsafe(export_name = concat!("PyInit_", stringify!($name)))]
        pub unsafe extern "C" fn module_init() -> *mut $crate::ffi::PyObject {
            // SAFETY: only the import system calls PyInit_ functions.
            unsafe { $definition.init() }
        }
    };
}

#[cfg(Py_3_15)]
#[doc(hidden)]
#[macro_export]
macro_rules! entry_point {
    ($name:ident, $definition:path) => {
        /// The module's entry point for the import system.
        #[unsafe(export_name = concat!("PyModExport_", stringify!($name)))]
        pub unsafe extern "C" fn module_init() -> *mut $crate::ffi::PySlot {
            // SAFETY: only the import system calls PyModExport_ functions.
            unsafe { $definition.export() }
        }
    };
}

/// The state slot of a module made from a `ModuleDef<S>`.
///
/// # Safety
/// `module` is such a module.
unsafe fn slot_of<'a, S>(module: *mut ffi::PyObject) -> &'a mut StateSlot<S> {
    // SAFETY: the caller's guarantee; m_size reserved a StateSlot<S>.
    unsafe { &mut *ffi::PyModule_GetState(module).cast::<StateSlot<S>>() }
}

/// `Py_mod_exec`.
unsafe extern "C" fn exec_state<S: ModuleState>(module: *mut ffi::PyObject) -> c_int {
    // SAFETY: the import system calls exec with an attached thread state
    // and a module made from the ModuleDef<S> that lists this slot.
    unsafe {
        entry::run_status(|py| {
            let state = S::exec(Bound::borrow_from_slot(py, &module))?;
            let slot = slot_of::<S>(module);
            if slot.initialised {
                // Executing twice would leak the first state; CPython
                // does not do it, but a caller of PyModule_ExecDef could.
                return Err(PyErr::new(crate::exceptions::SystemError(py), "module executed twice"));
            }
            slot.state.write(state);
            slot.initialised = true;
            Ok(())
        })
    }
}

/// `m_traverse`.
unsafe extern "C" fn traverse_state<S: ModuleState>(
    module: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    // SAFETY: the collector passes a module made from our definition.
    let slot = unsafe { slot_of::<S>(module) };
    if !slot.initialised {
        return 0;
    }
    // SAFETY: initialised.
    let state = unsafe { slot.state.assume_init_ref() };
    entry::run_traverse(visit, arg, |visitor| state.traverse(visitor))
}

/// `m_clear`.
unsafe extern "C" fn clear_state<S: ModuleState>(module: *mut ffi::PyObject) -> c_int {
    // SAFETY: the collector passes a module made from our definition, with
    // an attached thread state.
    unsafe {
        entry::run_unraisable(module, |_py| {
            let slot = slot_of::<S>(module);
            if slot.initialised {
                slot.state.assume_init_ref().clear();
            }
            Ok(())
        })
    }
    0
}

/// `m_free`: the module is being deallocated.
unsafe extern "C" fn free_state<S: ModuleState>(module: *mut c_void) {
    let module = module.cast::<ffi::PyObject>();
    // SAFETY: the module is being deallocated, with an attached thread
    // state; nothing can reach its state any more.
    unsafe {
        entry::run_unraisable(module, |_py| {
            let slot = slot_of::<S>(module);
            if slot.initialised {
                slot.initialised = false;
                slot.state.assume_init_drop();
            }
            Ok(())
        })
    }
}
