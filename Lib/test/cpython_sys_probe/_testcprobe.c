/*
 * _testcprobe: the C macros and static inline functions whose Rust
 * equivalents cpython-sys writes by hand, wrapped exactly as _testrust wraps
 * the Rust ones (same names, same signatures, same reference handling), so
 * that Lib/test/test_cpython_sys_macros.py can compare the two on live
 * objects.
 *
 * The test compiles this file against the headers of the interpreter that
 * runs it; it is not part of any build.
 */

#define PY_SSIZE_T_CLEAN
#include "Python.h"

/* Raise TypeError unless a fast call got exactly `expected` arguments. */
static int
check_arg_count(const char *name, Py_ssize_t nargs, int expected)
{
    if (nargs != expected) {
        PyErr_Format(PyExc_TypeError,
                     "%s() takes exactly %d arguments (%zd given)",
                     name, expected, nargs);
        return -1;
    }
    return 0;
}

/* The bytes of a header struct, for comparison with Rust's. */
static PyObject *
bytes_of(const void *value, size_t size)
{
    return PyBytes_FromStringAndSize((const char *)value, (Py_ssize_t)size);
}

static PyObject *
refcnt(PyObject *module, PyObject *op)
{
    return PyLong_FromSsize_t(Py_REFCNT(op));
}

static PyObject *
incref(PyObject *module, PyObject *op)
{
    /* Leaked on purpose: decref() releases it. */
    Py_INCREF(op);
    Py_RETURN_NONE;
}

static PyObject *
decref(PyObject *module, PyObject *op)
{
    Py_DECREF(op);
    Py_RETURN_NONE;
}

static PyObject *
xincref_xdecref_null(PyObject *module, PyObject *unused)
{
    Py_XINCREF(NULL);
    Py_XDECREF(NULL);
    Py_RETURN_NONE;
}

static PyObject *
newref(PyObject *module, PyObject *op)
{
    return Py_NewRef(op);
}

static PyObject *
clear_new_reference(PyObject *module, PyObject *op)
{
    PyObject *slot = Py_NewRef(op);
    Py_CLEAR(slot);
    return PyBool_FromLong(slot == NULL);
}

static PyObject *
is_immortal(PyObject *module, PyObject *op)
{
#if PY_VERSION_HEX >= 0x030C0000
    return PyBool_FromLong(_Py_IsImmortal(op));
#else
    Py_RETURN_FALSE;
#endif
}

#if PY_VERSION_HEX >= 0x030C0000 && SIZEOF_VOID_P > 4 && !defined(Py_GIL_DISABLED)
#  define HAVE_COUNT_FROM
/* With the low 32 bits of o's count set to `start`, apply Py_INCREF (or
   Py_DECREF when `decrement`) and return (low 32 bits, Py_REFCNT(o),
   _Py_IsImmortal(o)) as they are then; o's count is restored before
   returning.  Reaches counts near and inside immortality on an object that
   is not immortal, so no other reference may be taken meanwhile. */
static PyObject *
count_from(PyObject *const *args, Py_ssize_t nargs, const char *name, int decrement)
{
    if (check_arg_count(name, nargs, 2) < 0) {
        return NULL;
    }
    PyObject *op = args[0];
    unsigned long long start = PyLong_AsUnsignedLongLong(args[1]);
    if (start == (unsigned long long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    char *low_half = (char *)op + (PY_BIG_ENDIAN ? 4 : 0);
    uint32_t saved, value = (uint32_t)start, after;
    memcpy(&saved, low_half, sizeof saved);
    memcpy(low_half, &value, sizeof value);
    if (decrement) {
        Py_DECREF(op);
    }
    else {
        Py_INCREF(op);
    }
    memcpy(&after, low_half, sizeof after);
    Py_ssize_t refcnt = Py_REFCNT(op);
    int immortal = _Py_IsImmortal(op);
    memcpy(low_half, &saved, sizeof saved);
    return Py_BuildValue("(knO)", (unsigned long)after, refcnt,
                         immortal ? Py_True : Py_False);
}

static PyObject *
incref_from(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    return count_from(args, nargs, "incref_from", 0);
}

static PyObject *
decref_from(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    return count_from(args, nargs, "decref_from", 1);
}
#endif

static PyObject *
type_of(PyObject *module, PyObject *op)
{
    return Py_NewRef((PyObject *)Py_TYPE(op));
}

static PyObject *
size_of(PyObject *module, PyObject *op)
{
    return PyLong_FromSsize_t(Py_SIZE(op));
}

static PyObject *
is_type(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (check_arg_count("is_type", nargs, 2) < 0) {
        return NULL;
    }
    return PyBool_FromLong(Py_IS_TYPE(args[0], (PyTypeObject *)args[1]));
}

static PyObject *
tuple_item(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (check_arg_count("tuple_item", nargs, 2) < 0) {
        return NULL;
    }
    Py_ssize_t index = PyLong_AsSsize_t(args[1]);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return Py_NewRef(PyTuple_GET_ITEM(args[0], index));
}

static PyObject *
tuple_size(PyObject *module, PyObject *tuple)
{
    return PyLong_FromSsize_t(PyTuple_GET_SIZE(tuple));
}

static PyObject *
list_item(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (check_arg_count("list_item", nargs, 2) < 0) {
        return NULL;
    }
    Py_ssize_t index = PyLong_AsSsize_t(args[1]);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return Py_NewRef(PyList_GET_ITEM(args[0], index));
}

static PyObject *
list_size(PyObject *module, PyObject *list)
{
    return PyLong_FromSsize_t(PyList_GET_SIZE(list));
}

static PyObject *
list_set_item(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (check_arg_count("list_set_item", nargs, 3) < 0) {
        return NULL;
    }
    PyObject *list = args[0];
    Py_ssize_t index = PyLong_AsSsize_t(args[1]);
    if (index == -1 && PyErr_Occurred()) {
        return NULL;
    }
    /* PyList_SET_ITEM does not release the item it overwrites. */
    PyObject *old = PyList_GET_ITEM(list, index);
    PyList_SET_ITEM(list, index, Py_NewRef(args[2]));
    Py_DECREF(old);
    Py_RETURN_NONE;
}

static PyObject *
bytes_address(PyObject *module, PyObject *bytes)
{
    return PyLong_FromVoidPtr(PyBytes_AS_STRING(bytes));
}

static PyObject *
bytes_size(PyObject *module, PyObject *bytes)
{
    return PyLong_FromSsize_t(PyBytes_GET_SIZE(bytes));
}

static PyObject *
object_head_init(PyObject *module, PyObject *unused)
{
    /* PyObject_HEAD_INIT() ends with a comma, as it is meant to open a
       larger initialiser: a one-element array gives it one. */
    static const PyObject head[] = {PyObject_HEAD_INIT(NULL)};
    return bytes_of(&head[0], sizeof(head[0]));
}

static PyObject *
module_def_head_init(PyObject *module, PyObject *unused)
{
    static const PyModuleDef_Base head = PyModuleDef_HEAD_INIT;
    return bytes_of(&head, sizeof(head));
}

static PyObject *
exception_instance_check(PyObject *module, PyObject *op)
{
    return PyBool_FromLong(PyExceptionInstance_Check(op));
}

static PyObject *
exception_class_check(PyObject *module, PyObject *op)
{
    return PyBool_FromLong(PyExceptionClass_Check(op));
}

static PyObject *
type_has_feature(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError,
                     "type_has_feature() takes exactly 2 arguments (%zd given)",
                     nargs);
        return NULL;
    }
    unsigned long flag = PyLong_AsUnsignedLong(args[1]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    return PyBool_FromLong(PyType_HasFeature((PyTypeObject *)args[0], flag));
}

static PyObject *
bytes_check(PyObject *module, PyObject *op)
{
    return PyBool_FromLong(PyBytes_Check(op));
}

static PyObject *
unicode_check(PyObject *module, PyObject *op)
{
    return PyBool_FromLong(PyUnicode_Check(op));
}

static PyObject *
unicode_is_ascii(PyObject *module, PyObject *text)
{
    return PyBool_FromLong(PyUnicode_IS_ASCII(text));
}

static PyObject *
unicode_is_compact(PyObject *module, PyObject *text)
{
    return PyBool_FromLong(PyUnicode_IS_COMPACT(text));
}

static PyObject *
unicode_is_compact_ascii(PyObject *module, PyObject *text)
{
    return PyBool_FromLong(PyUnicode_IS_COMPACT_ASCII(text));
}

static PyObject *
unicode_kind(PyObject *module, PyObject *text)
{
    return PyLong_FromSsize_t(PyUnicode_KIND(text));
}

static PyObject *
unicode_length(PyObject *module, PyObject *text)
{
    return PyLong_FromSsize_t(PyUnicode_GET_LENGTH(text));
}

static PyObject *
unicode_data_address(PyObject *module, PyObject *text)
{
    return PyLong_FromVoidPtr(PyUnicode_DATA(text));
}

/* How many levels of the recursion guard can be entered from here, and
   the RecursionError that stops the next one, as (depth, message). */
static Py_ssize_t
descend(const char *where, Py_ssize_t depth)
{
    if (Py_EnterRecursiveCall(where)) {
        return depth;
    }
    Py_ssize_t reached = descend(where, depth + 1);
    Py_LeaveRecursiveCall();
    return reached;
}

static PyObject *
recursion_depth(PyObject *module, PyObject *where)
{
    const char *text = PyUnicode_AsUTF8(where);
    if (text == NULL) {
        return NULL;
    }
    Py_ssize_t depth = descend(text, 0);
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *error = PyErr_GetRaisedException();
#else
    PyObject *type, *error, *traceback;
    PyErr_Fetch(&type, &error, &traceback);
    PyErr_NormalizeException(&type, &error, &traceback);
    Py_XDECREF(type);
    Py_XDECREF(traceback);
#endif
    if (error == NULL) {
        PyErr_SetString(PyExc_AssertionError, "no RecursionError");
        return NULL;
    }
    PyObject *result = Py_BuildValue("(nN)", depth, PyObject_Str(error));
    Py_DECREF(error);
    return result;
}

/* Link(next): a container holding one object, freed through the
   trashcan.  Its deallocator counts how it was entered, so that the test
   can compare C's trashcan with Rust's on chains of links. */
typedef struct {
    PyObject_HEAD
    PyObject *next;
} Link;

/* Calls of the deallocator, bodies run (the others were deferred), bodies
   running now and the most at once. */
static Py_ssize_t link_entries, link_bodies, link_depth, link_max_depth;

static PyObject *
link_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if (PyTuple_GET_SIZE(args) != 1) {
        PyErr_SetString(PyExc_TypeError, "Link() takes exactly one argument");
        return NULL;
    }
    Link *self = (Link *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->next = Py_NewRef(PyTuple_GET_ITEM(args, 0));
    }
    return (PyObject *)self;
}

static int
link_traverse(PyObject *op, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(op));
    Py_VISIT(((Link *)op)->next);
    return 0;
}

static int
link_clear(PyObject *op)
{
    Py_CLEAR(((Link *)op)->next);
    return 0;
}

static void
link_dealloc(PyObject *op)
{
    PyTypeObject *type = Py_TYPE(op);
    link_entries++;
    PyObject_GC_UnTrack(op);
    Py_TRASHCAN_BEGIN(op, link_dealloc)
    link_bodies++;
    if (++link_depth > link_max_depth) {
        link_max_depth = link_depth;
    }
    Py_CLEAR(((Link *)op)->next);
    type->tp_free(op);
    Py_DECREF(type);
    link_depth--;
    Py_TRASHCAN_END
}

static PyType_Slot link_slots[] = {
    {Py_tp_new, link_new},
    {Py_tp_dealloc, link_dealloc},
    {Py_tp_traverse, link_traverse},
    {Py_tp_clear, link_clear},
    {Py_tp_doc, "Link(next): holds next; freed through the trashcan."},
    {0, NULL},
};

static PyType_Spec link_spec = {
    .name = "_testcprobe.Link",
    .basicsize = sizeof(Link),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .slots = link_slots,
};

static PyObject *
link_stats(PyObject *module, PyObject *unused)
{
    PyObject *stats = Py_BuildValue("(nnn)", link_entries, link_bodies,
                                    link_max_depth);
    link_entries = link_bodies = link_max_depth = 0;
    return stats;
}

static int
probe_exec(PyObject *module)
{
    PyObject *link_type = PyType_FromModuleAndSpec(module, &link_spec, NULL);
    if (link_type == NULL) {
        return -1;
    }
    int added = PyModule_AddObjectRef(module, "Link", link_type);
    Py_DECREF(link_type);
    return added;
}

static PyMethodDef probe_methods[] = {
    {"refcnt", refcnt, METH_O, "Py_REFCNT(o)"},
    {"incref", incref, METH_O,
     "Py_INCREF(o); leaks a reference on purpose."},
    {"decref", decref, METH_O,
     "Py_DECREF(o); releases a reference taken by incref()."},
    {"xincref_xdecref_null", xincref_xdecref_null, METH_NOARGS,
     "Py_XINCREF(NULL); Py_XDECREF(NULL)"},
    {"newref", newref, METH_O, "Py_NewRef(o)"},
    {"clear_new_reference", clear_new_reference, METH_O,
     "Py_CLEAR on a slot holding Py_NewRef(o)"},
    {"is_immortal", is_immortal, METH_O,
     "_Py_IsImmortal(o), False before 3.12"},
#ifdef HAVE_COUNT_FROM
    {"incref_from", _PyCFunction_CAST(incref_from), METH_FASTCALL,
     "(low 32 bits, Py_REFCNT, _Py_IsImmortal) after Py_INCREF(o) from a count of start"},
    {"decref_from", _PyCFunction_CAST(decref_from), METH_FASTCALL,
     "(low 32 bits, Py_REFCNT, _Py_IsImmortal) after Py_DECREF(o) from a count of start"},
#endif
    {"type_of", type_of, METH_O, "Py_TYPE(o)"},
    {"size_of", size_of, METH_O, "Py_SIZE(o)"},
    {"is_type", _PyCFunction_CAST(is_type), METH_FASTCALL,
     "Py_IS_TYPE(o, t)"},
    {"tuple_item", _PyCFunction_CAST(tuple_item), METH_FASTCALL,
     "PyTuple_GET_ITEM(t, i)"},
    {"tuple_size", tuple_size, METH_O, "PyTuple_GET_SIZE(t)"},
    {"list_item", _PyCFunction_CAST(list_item), METH_FASTCALL,
     "PyList_GET_ITEM(l, i)"},
    {"list_size", list_size, METH_O, "PyList_GET_SIZE(l)"},
    {"list_set_item", _PyCFunction_CAST(list_set_item), METH_FASTCALL,
     "PyList_SET_ITEM(l, i, o) with a new reference to o"},
    {"bytes_address", bytes_address, METH_O,
     "PyBytes_AS_STRING(b) as an integer"},
    {"bytes_size", bytes_size, METH_O, "PyBytes_GET_SIZE(b)"},
    {"object_head_init", object_head_init, METH_NOARGS,
     "PyObject_HEAD_INIT(NULL), as bytes"},
    {"module_def_head_init", module_def_head_init, METH_NOARGS,
     "PyModuleDef_HEAD_INIT, as bytes"},
    {"exception_instance_check", exception_instance_check, METH_O,
     "PyExceptionInstance_Check(o)"},
    {"exception_class_check", exception_class_check, METH_O,
     "PyExceptionClass_Check(o)"},
    {"type_has_feature", _PyCFunction_CAST(type_has_feature), METH_FASTCALL,
     "PyType_HasFeature(t, flag)"},
    {"bytes_check", bytes_check, METH_O, "PyBytes_Check(o)"},
    {"unicode_check", unicode_check, METH_O, "PyUnicode_Check(o)"},
    {"unicode_is_ascii", unicode_is_ascii, METH_O, "PyUnicode_IS_ASCII(s)"},
    {"unicode_is_compact", unicode_is_compact, METH_O,
     "PyUnicode_IS_COMPACT(s)"},
    {"unicode_is_compact_ascii", unicode_is_compact_ascii, METH_O,
     "PyUnicode_IS_COMPACT_ASCII(s)"},
    {"unicode_kind", unicode_kind, METH_O, "PyUnicode_KIND(s)"},
    {"unicode_length", unicode_length, METH_O, "PyUnicode_GET_LENGTH(s)"},
    {"unicode_data_address", unicode_data_address, METH_O,
     "PyUnicode_DATA(s) as an integer"},
    {"recursion_depth", recursion_depth, METH_O,
     "(levels of Py_EnterRecursiveCall(where) entered, message of the "
     "RecursionError that stopped the next one)"},
    {"link_stats", link_stats, METH_NOARGS,
     "(deallocator calls, bodies run, deepest nesting) of Link since the "
     "last call"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot probe_slots[] = {
    {Py_mod_exec, probe_exec},
    /* The module keeps no state (Link's counters are only read by
       single-threaded tests), so it is safe in any interpreter and
       without the GIL. */
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static PyModuleDef probe_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_testcprobe",
    .m_doc = "The C macros that cpython-sys mirrors in Rust, "
             "wrapped as _testrust wraps the Rust ones.",
    .m_size = 0,
    .m_methods = probe_methods,
    .m_slots = probe_slots,
};

PyMODINIT_FUNC
PyInit__testcprobe(void)
{
    return PyModuleDef_Init(&probe_module);
}
