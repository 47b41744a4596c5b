//! `Link(next)`: a container holding one object, freed through
//! [`Py_TRASHCAN`]; its deallocator counts how it was entered, as
//! `_testcprobe.Link` does with the C macros, so that the test can compare
//! the two trashcans on chains of links.

use core::ffi::{c_int, c_uint, c_void};
use core::ptr::null_mut;
use core::sync::atomic::{AtomicIsize, Ordering::Relaxed};

use cpython_sys::*;

#[repr(C)]
struct Link {
    head: PyObject,
    next: *mut PyObject,
}

/// Calls of the deallocator, bodies run (the others were deferred), bodies
/// running now and the most at once. Only the thread that frees a chain
/// counts (as in C, plain loads and stores: no locked instruction to
/// distort a timing of the two).
static ENTRIES: AtomicIsize = AtomicIsize::new(0);
static BODIES: AtomicIsize = AtomicIsize::new(0);
static DEPTH: AtomicIsize = AtomicIsize::new(0);
static MAX_DEPTH: AtomicIsize = AtomicIsize::new(0);

fn increment(counter: &AtomicIsize) -> isize {
    let value = counter.load(Relaxed) + 1;
    counter.store(value, Relaxed);
    value
}

unsafe extern "C" fn link_new(
    ob_type: *mut PyTypeObject,
    args: *mut PyObject,
    _kwargs: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: the interpreter passes the argument tuple.
    if unsafe { PyTuple_GET_SIZE(args) } != 1 {
        // SAFETY: sets an exception from a static message.
        unsafe { PyErr_SetString(PyExc_TypeError, c"Link() takes exactly one argument".as_ptr()) };
        return null_mut();
    }
    // SAFETY: a ready type with the default allocator; the new object is
    // zeroed, and `next` gets a new reference to the argument.
    unsafe {
        let alloc = (*ob_type).tp_alloc.unwrap_or(PyType_GenericAlloc);
        let link = alloc(ob_type, 0);
        if !link.is_null() {
            (*link.cast::<Link>()).next = Py_NewRef(PyTuple_GET_ITEM(args, 0));
        }
        link
    }
}

unsafe extern "C" fn link_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    // SAFETY: the collector passes a live Link; heap types report their type.
    unsafe {
        let visited = visit(Py_TYPE(op).cast(), arg);
        if visited != 0 {
            return visited;
        }
        let next = (*op.cast::<Link>()).next;
        if next.is_null() { 0 } else { visit(next, arg) }
    }
}

unsafe extern "C" fn link_clear(op: *mut PyObject) -> c_int {
    // SAFETY: a live Link; Py_CLEAR empties the slot before releasing it.
    unsafe { Py_CLEAR(&raw mut (*op.cast::<Link>()).next) };
    0
}

unsafe extern "C" fn link_dealloc(op: *mut PyObject) {
    increment(&ENTRIES);
    // The Link is untracked before the trashcan, as it requires, and freed
    // by the type's tp_free before the type's reference from its instance
    // is released.
    // SAFETY: the interpreter deallocates a Link whose count is zero, with
    // an attached thread state; the order above is CPython's.
    unsafe {
        let ob_type = Py_TYPE(op);
        PyObject_GC_UnTrack(op.cast());
        Py_TRASHCAN(op, link_dealloc, || {
            increment(&BODIES);
            let depth = increment(&DEPTH);
            if depth > MAX_DEPTH.load(Relaxed) {
                MAX_DEPTH.store(depth, Relaxed);
            }
            Py_CLEAR(&raw mut (*op.cast::<Link>()).next);
            let free = (*ob_type).tp_free.unwrap_or(PyObject_GC_Del);
            free(op.cast());
            Py_DECREF(ob_type.cast());
            DEPTH.store(DEPTH.load(Relaxed) - 1, Relaxed);
        });
    }
}

static mut LINK_SLOTS: [PyType_Slot; 6] = [
    PyType_Slot {
        slot: Py_tp_new as c_int,
        pfunc: link_new as *mut c_void,
    },
    PyType_Slot {
        slot: Py_tp_dealloc as c_int,
        pfunc: link_dealloc as *mut c_void,
    },
    PyType_Slot {
        slot: Py_tp_traverse as c_int,
        pfunc: link_traverse as *mut c_void,
    },
    PyType_Slot {
        slot: Py_tp_clear as c_int,
        pfunc: link_clear as *mut c_void,
    },
    PyType_Slot {
        slot: Py_tp_doc as c_int,
        pfunc: c"Link(next): holds next; freed through the trashcan.".as_ptr() as *mut c_void,
    },
    PyType_Slot {
        slot: 0,
        pfunc: null_mut(),
    },
];

static mut LINK_SPEC: PyType_Spec = PyType_Spec {
    name: c"_testrustprobe.Link".as_ptr(),
    basicsize: size_of::<Link>() as c_int,
    itemsize: 0,
    flags: (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE) as c_uint,
    slots: &raw mut LINK_SLOTS as *mut PyType_Slot,
};

/// `Py_mod_exec`: adds the type `Link` to the module.
pub unsafe extern "C" fn add_type(module: *mut PyObject) -> c_int {
    // SAFETY: called by the import machinery with the new module; the spec
    // is only read, and the type copies what it needs from it.
    unsafe {
        let link_type = PyType_FromModuleAndSpec(module, &raw mut LINK_SPEC, null_mut());
        if link_type.is_null() {
            return -1;
        }
        let added = PyModule_AddObjectRef(module, c"Link".as_ptr(), link_type);
        Py_DECREF(link_type);
        added
    }
}

/// `link_stats()`: the counters since the last call, which resets them.
pub unsafe extern "C" fn link_stats(_module: *mut PyObject, _unused: *mut PyObject) -> *mut PyObject {
    let counters = [&ENTRIES, &BODIES, &MAX_DEPTH].map(|counter| counter.swap(0, Relaxed));
    // SAFETY: a new tuple of three new ints; PyTuple_SET_ITEM steals them.
    unsafe {
        let stats = PyTuple_New(3);
        if stats.is_null() {
            return null_mut();
        }
        for (index, value) in counters.into_iter().enumerate() {
            let item = PyLong_FromSsize_t(value);
            if item.is_null() {
                Py_DECREF(stats);
                return null_mut();
            }
            PyTuple_SET_ITEM(stats, index as Py_ssize_t, item);
        }
        stats
    }
}
