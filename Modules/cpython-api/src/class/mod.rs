//! Classes whose instances carry a Rust value: heap types made from a spec
//! and bound to their module (`PyType_FromModuleAndSpec`), with garbage
//! collector support.
//!
//! ```ignore
//! static HOLDER: ClassDef<Holder> = ClassDef::new(c"mymodule.Holder", c"doc", HOLDER_METHODS);
//! // in ModuleState::exec:  let class = HOLDER.create(module)?;  (then add it to the module)
//! ```
//!
//! An instance is a `PyObject` header followed by the value. Methods get
//! `&T`: the value is shared by every thread that can see the object, so
//! `T` is `Sync` and changes go through interior mutability.
//!
//! Each protocol beyond construction and garbage collection is a trait of
//! its own ([`Repr`], [`Init`], [`RichCompare`], [`Hash`], [`IterNext`],
//! [`BufferExport`]), switched on in the definition by the builder method
//! of the same name, which requires the trait: a class has exactly the
//! slots it implements.

use core::ffi::{CStr, c_int, c_uint, c_void};
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use cpython_sys as ffi;

use crate::entry;
use crate::err::{PyErr, PyResult};
use crate::module::{TraverseError, Visit};
use crate::object::{Bound, Unbound};

mod getset;
mod methods;
mod protocols;

pub use getset::{GetSetDef, Getter, Setter, cannot_delete};
pub use methods::{ClassMethodDef, MethodDefiningClass, MethodNoArgs, MethodOneArg};
pub use protocols::{BufferExport, CompareOp, Hash, Init, IterNext, Repr, RichCompare};

/// The Rust value inside each instance of a class.
pub trait PyClass: Sized + Send + Sync + 'static {
    /// `Class(*args, **kwargs)`: the value of a new instance (`__new__`).
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self>;

    /// Reports every Python object the value holds.
    fn traverse(&self, _visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        Ok(())
    }

    /// Releases the Python objects the value holds, to break cycles.
    fn clear(&self) {}
}

/// The layout of an instance; the allocator zeroes it, so a fresh one reads
/// as "no value yet".
#[repr(C)]
struct Instance<T> {
    head: ffi::PyObject,
    initialised: bool,
    value: MaybeUninit<T>,
}

/// The value of `instance`, an instance of a class made from a
/// `ClassDef<T>` (or of a subclass).
///
/// # Safety
/// `instance` is such an object, alive for 'a.
pub(crate) unsafe fn value_of<'a, T: PyClass>(instance: *mut ffi::PyObject) -> PyResult<&'a T> {
    // SAFETY: the caller's guarantee on the layout.
    let instance = unsafe { &*instance.cast::<Instance<T>>() };
    if instance.initialised {
        // SAFETY: initialised by `new_shim`.
        Ok(unsafe { instance.value.assume_init_ref() })
    } else {
        // SAFETY: the thread is attached (we are called from an entry point).
        let py = unsafe { crate::Python::assume_attached() };
        Err(PyErr::new(
            crate::exceptions::SystemError(py),
            "instance used before __new__ gave it a value",
        ))
    }
}

/// Whether Python code may subclass the class.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Subclassing {
    Allowed,
    Final,
}

/// Room for the optional slots of a definition (one per protocol trait,
/// some taking two slots).
const EXTRA_SLOTS: usize = 10;

/// A class definition; `static` in the module crate, turned into a type
/// object per module by [`ClassDef::create`].
pub struct ClassDef<T: PyClass> {
    name: &'static CStr,
    doc: &'static CStr,
    methods: &'static [ClassMethodDef<T>],
    getset: Option<&'static [GetSetDef<T>]>,
    subclassing: Subclassing,
    extra_slots: [ffi::PyType_Slot; EXTRA_SLOTS],
}

// SAFETY: the definition holds pointers to static data and functions only.
unsafe impl<T: PyClass> Sync for ClassDef<T> {}

const NO_SLOT: ffi::PyType_Slot = ffi::PyType_Slot {
    slot: 0,
    pfunc: core::ptr::null_mut(),
};

impl<T: PyClass> ClassDef<T> {
    /// `name` is the dotted `module.Class`; `methods` ends with
    /// [`ClassMethodDef::END`].
    pub const fn new(name: &'static CStr, doc: &'static CStr, methods: &'static [ClassMethodDef<T>]) -> Self {
        assert!(
            !methods.is_empty() && methods[methods.len() - 1].is_end(),
            "methods must end with ClassMethodDef::END"
        );
        ClassDef {
            name,
            doc,
            methods,
            getset: None,
            subclassing: Subclassing::Final,
            extra_slots: [NO_SLOT; EXTRA_SLOTS],
        }
    }

    pub const fn subclassing(mut self, subclassing: Subclassing) -> Self {
        self.subclassing = subclassing;
        self
    }

    /// Attributes computed by getters (and setters); the table ends with
    /// [`GetSetDef::END`].
    pub const fn getset(mut self, table: &'static [GetSetDef<T>]) -> Self {
        assert!(
            !table.is_empty() && table[table.len() - 1].is_end(),
            "getset must end with GetSetDef::END"
        );
        self.getset = Some(table);
        self
    }

    pub(crate) const fn with_slot(mut self, slot: c_int, pfunc: *mut c_void) -> Self {
        let mut index = 0;
        while self.extra_slots[index].slot != 0 {
            index += 1;
        }
        self.extra_slots[index] = ffi::PyType_Slot { slot, pfunc };
        self
    }

    /// Creates the class for `module` (call it from the module's exec): a
    /// heap type whose `defining_class` methods find this module's state.
    pub fn create(&'static self, module: &Bound<'_>) -> PyResult<Class<T>> {
        let mut slots = vec![
            slot(ffi::Py_tp_new, new_shim::<T> as *mut c_void),
            slot(ffi::Py_tp_dealloc, dealloc_shim::<T> as *mut c_void),
            slot(ffi::Py_tp_traverse, traverse_shim::<T> as *mut c_void),
            slot(ffi::Py_tp_clear, clear_shim::<T> as *mut c_void),
            slot(ffi::Py_tp_methods, self.methods.as_ptr().cast_mut().cast()),
        ];
        // An empty docstring leaves `__doc__` None, as a C type without
        // `tp_doc` has it.
        if !self.doc.is_empty() {
            slots.push(slot(ffi::Py_tp_doc, self.doc.as_ptr().cast_mut().cast()));
        }
        if let Some(getset) = self.getset {
            slots.push(slot(ffi::Py_tp_getset, getset.as_ptr().cast_mut().cast()));
        }
        slots.extend(
            self.extra_slots
                .iter()
                .take_while(|extra| extra.slot != 0)
                .map(|extra| slot(extra.slot, extra.pfunc)),
        );
        slots.push(NO_SLOT);
        let mut flags = ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_GC | ffi::Py_TPFLAGS_IMMUTABLETYPE;
        if self.subclassing == Subclassing::Allowed {
            flags |= ffi::Py_TPFLAGS_BASETYPE;
        }
        let mut spec = ffi::PyType_Spec {
            name: self.name.as_ptr(),
            basicsize: size_of::<Instance<T>>() as c_int,
            itemsize: 0,
            flags: flags as c_uint,
            slots: slots.as_mut_ptr(),
        };
        // SAFETY: a valid module and spec; the type keeps pointers to the
        // name, doc, methods and getset table, which are static, and copies
        // the rest.
        let class = unsafe {
            Bound::from_owned_ptr_or_err(
                module.py(),
                ffi::PyType_FromModuleAndSpec(module.as_ptr(), &mut spec, core::ptr::null_mut()),
            )
        }?;
        Ok(Class {
            class: class.unbind(),
            _value: PhantomData,
        })
    }
}

/// A class made by [`ClassDef::create`], to keep in the module state: the
/// only way to reach the Rust value of an arbitrary object, because it
/// knows its instances have the layout of `T`.
pub struct Class<T: PyClass> {
    class: Unbound,
    _value: PhantomData<fn() -> T>,
}

impl<T: PyClass> Class<T> {
    /// The type object.
    pub fn bind<'a, 'py>(&'a self, py: crate::Python<'py>) -> &'a Bound<'py> {
        self.class.bind(py)
    }

    /// The type object, for the state's traverse.
    pub fn as_unbound(&self) -> &Unbound {
        &self.class
    }

    /// The value of `object` if it is an instance of this class or of a
    /// subclass, else `TypeError` "expected a <class> instance, got <type>".
    pub fn value<'a>(&self, object: &'a Bound<'_>) -> PyResult<&'a T> {
        let py = object.py();
        if !object.is_instance(self.class.bind(py))? {
            let message = format!(
                "expected a {} instance, got {}",
                self.class.bind(py).getattr("__name__")?.to_string_lossy()?,
                object.get_type().getattr("__name__")?.to_string_lossy()?,
            );
            return Err(PyErr::new(crate::exceptions::TypeError(py), &message));
        }
        // SAFETY: an instance of this class, which ClassDef<T>::create made
        // with the layout of Instance<T>.
        unsafe { value_of(object.as_ptr()) }
    }
}

fn slot(slot: c_int, pfunc: *mut c_void) -> ffi::PyType_Slot {
    ffi::PyType_Slot { slot, pfunc }
}

/// `tp_new`.
unsafe extern "C" fn new_shim<T: PyClass>(
    class: *mut ffi::PyTypeObject,
    args: *mut ffi::PyObject,
    kwargs: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let class_object = class.cast::<ffi::PyObject>();
    // SAFETY: called by the interpreter with an attached thread state, a
    // type whose layout starts with Instance<T>, an argument tuple and a
    // dict or null.
    unsafe {
        entry::run_object(|py| {
            let value = T::new(
                Bound::borrow_from_slot(py, &class_object),
                Bound::borrow_from_slot(py, &args),
                (!kwargs.is_null()).then(|| Bound::borrow_from_slot(py, &kwargs)),
            )?;
            let alloc = (*class).tp_alloc.unwrap_or(ffi::PyType_GenericAlloc);
            let object = Bound::from_owned_ptr_or_err(py, alloc(class, 0))?;
            let instance = &mut *object.as_ptr().cast::<Instance<T>>();
            instance.value.write(value);
            instance.initialised = true;
            Ok(object)
        })
    }
}

/// `tp_dealloc`, through the trashcan, as CPython's containers: freeing a
/// long chain of instances defers the deep end of it instead of recursing
/// once per link.
unsafe extern "C" fn dealloc_shim<T: PyClass>(object: *mut ffi::PyObject) {
    // The object is untracked before the trashcan may defer it, as it
    // requires. The value is dropped before the memory is freed, and the
    // heap type's reference from its instance released after.
    // SAFETY: the last reference is gone; the thread is attached; the order
    // above is CPython's.
    unsafe {
        ffi::PyObject_GC_UnTrack(object.cast());
        ffi::Py_TRASHCAN(object, dealloc_shim::<T>, || {
            let class = ffi::Py_TYPE(object);
            entry::run_unraisable(object, |_py| {
                let instance = &mut *object.cast::<Instance<T>>();
                if instance.initialised {
                    instance.initialised = false;
                    instance.value.assume_init_drop();
                }
                Ok(())
            });
            let free = (*class).tp_free.unwrap_or(ffi::PyObject_GC_Del);
            free(object.cast());
            ffi::Py_DECREF(class.cast());
        });
    }
}

/// `tp_traverse`.
unsafe extern "C" fn traverse_shim<T: PyClass>(
    object: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut c_void,
) -> c_int {
    let Some(visit_function) = visit else { return 0 };
    // SAFETY: the collector passes a live instance; heap types must report
    // their instances' reference to them.
    let visited = unsafe { visit_function(ffi::Py_TYPE(object).cast(), arg) };
    if visited != 0 {
        return visited;
    }
    // SAFETY: a live instance of our layout.
    let instance = unsafe { &*object.cast::<Instance<T>>() };
    if !instance.initialised {
        return 0;
    }
    // SAFETY: initialised.
    let value = unsafe { instance.value.assume_init_ref() };
    entry::run_traverse(visit, arg, |visitor| value.traverse(visitor))
}

/// `tp_clear`.
unsafe extern "C" fn clear_shim<T: PyClass>(object: *mut ffi::PyObject) -> c_int {
    // SAFETY: the collector passes a live instance, with an attached thread state.
    unsafe {
        entry::run_unraisable(object, |_py| {
            if let Ok(value) = value_of::<T>(object) {
                value.clear();
            }
            Ok(())
        })
    }
    0
}
