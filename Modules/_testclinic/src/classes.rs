//! The classes of `_testclinic` (3.13): `TestClass`, whose methods take
//! `defining_class`, and the `Depr*` classes, whose `__new__` or `__init__`
//! warns about parameters that will become keyword-only or
//! positional-only. Their instances hold nothing.
//!
//! The C types set no `tp_doc`, so `__doc__` is None: the definitions give
//! an empty docstring, and the clinic-made `*_DOC` constants go unused.

use cpython_api::class::Init;
use cpython_api::{Bound, ClassDef, ClassMethodDef, PyClass, PyResult, types};
use cpython_clinic::clinic;

/// Adds the classes to the module, as the C module's init does.
pub fn add_classes(module: &Bound<'_>) -> PyResult<()> {
    let py = module.py();
    module.setattr("TestClass", TEST_CLASS.create(module)?.bind(py))?;
    module.setattr("DeprStarNew", DEPR_STAR_NEW.create(module)?.bind(py))?;
    module.setattr("DeprStarInit", DEPR_STAR_INIT.create(module)?.bind(py))?;
    module.setattr(
        "DeprStarInitNoInline",
        DEPR_STAR_INIT_NO_INLINE.create(module)?.bind(py),
    )?;
    module.setattr("DeprKwdNew", DEPR_KWD_NEW.create(module)?.bind(py))?;
    module.setattr("DeprKwdInit", DEPR_KWD_INIT.create(module)?.bind(py))?;
    module.setattr("DeprKwdInitNoInline", DEPR_KWD_INIT_NO_INLINE.create(module)?.bind(py))?;
    Ok(())
}

/// `PyType_GenericNew`, which the C types without a `__new__` of their own
/// use: any arguments are accepted and ignored (`__init__` checks them).
macro_rules! generic_new {
    ($($class:ident),*) => {
        $(impl PyClass for $class {
            fn new<'py>(_class: &Bound<'py>, _args: &Bound<'py>, _kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
                Ok($class)
            }
        })*
    };
}

generic_new!(
    TestClass,
    DeprStarInit,
    DeprStarInitNoInline,
    DeprKwdInit,
    DeprKwdInitNoInline
);

pub struct TestClass;

static TEST_CLASS: ClassDef<TestClass> = ClassDef::new(c"_testclinic.TestClass", c"", TEST_CLASS_METHODS);

static TEST_CLASS_METHODS: &[ClassMethodDef<TestClass>] = &[
    ClassMethodDef::function(GET_DEFINING_CLASS_METHODDEF),
    ClassMethodDef::function(GET_DEFINING_CLASS_ARG_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::DEFCLASS_VARPOS_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::DEFCLASS_POSONLY_VARPOS_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::VARPOS_NO_FASTCALL_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::POSONLY_VARPOS_NO_FASTCALL_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::POSONLY_REQ_OPT_VARPOS_NO_FASTCALL_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::POSONLY_POSKW_VARPOS_NO_FASTCALL_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::VARPOS_ARRAY_NO_FASTCALL_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::POSONLY_VARPOS_ARRAY_NO_FASTCALL_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::POSONLY_REQ_OPT_VARPOS_ARRAY_NO_FASTCALL_METHODDEF),
    #[cfg(Py_3_14)]
    ClassMethodDef::function(crate::test_class_varpos::POSONLY_POSKW_VARPOS_ARRAY_NO_FASTCALL_METHODDEF),
    ClassMethodDef::END,
];

#[clinic(
    r#"
    _testclinic.TestClass.get_defining_class
        cls: defining_class
    "#
)]
fn get_defining_class_impl<'py>(_instance: &Bound<'py>, cls: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(cls.clone())
}

#[clinic(
    r#"
    _testclinic.TestClass.get_defining_class_arg
        cls: defining_class
        arg: object
    "#
)]
fn get_defining_class_arg_impl<'py>(instance: &Bound<'py>, cls: &Bound<'py>, arg: &Bound<'py>) -> PyResult<Bound<'py>> {
    types::tuple_from(instance.py(), &[cls, arg])
}

pub struct DeprStarNew;

static DEPR_STAR_NEW: ClassDef<DeprStarNew> = ClassDef::new(c"_testclinic.DeprStarNew", c"", DEPR_STAR_NEW_METHODS);

static DEPR_STAR_NEW_METHODS: &[ClassMethodDef<DeprStarNew>] = &[
    ClassMethodDef::function(DEPR_STAR_NEW_CLONE_METHODDEF),
    ClassMethodDef::END,
];

impl PyClass for DeprStarNew {
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        depr_star_new(class, args, kwargs)
    }
}

#[clinic(
    r#"
    @classmethod
    _testclinic.DeprStarNew.__new__ as depr_star_new
        * [from 3.14]
        a: object = None
    The deprecation message should use the class name instead of __new__.
    "#
)]
fn depr_star_new_impl<'py>(_class: &Bound<'py>, _a: &Bound<'py>) -> PyResult<DeprStarNew> {
    Ok(DeprStarNew)
}

// A clone of `__new__` in C (`= _testclinic.DeprStarNew.__new__`), whose
// parameters are written out here: the macro takes one block at a time.
#[clinic(
    r#"
    _testclinic.DeprStarNew.cloned as depr_star_new_clone
        * [from 3.14]
        a: object = None
    "#
)]
fn depr_star_new_clone_impl<'py>(instance: &Bound<'py>, _a: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(instance.py().none())
}

pub struct DeprStarInit;

static DEPR_STAR_INIT: ClassDef<DeprStarInit> =
    ClassDef::new(c"_testclinic.DeprStarInit", c"", DEPR_STAR_INIT_METHODS).init();

static DEPR_STAR_INIT_METHODS: &[ClassMethodDef<DeprStarInit>] = &[
    ClassMethodDef::function(DEPR_STAR_INIT_CLONE_METHODDEF),
    ClassMethodDef::END,
];

impl Init for DeprStarInit {
    fn init<'py>(&self, instance: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<()> {
        depr_star_init(instance, args, kwargs)
    }
}

#[clinic(
    r#"
    _testclinic.DeprStarInit.__init__ as depr_star_init
        * [from 3.14]
        a: object = None
    The deprecation message should use the class name instead of __init__.
    "#
)]
fn depr_star_init_impl<'py>(_instance: &Bound<'py>, _a: &Bound<'py>) -> PyResult<()> {
    Ok(())
}

// A clone of `__init__` in C, written out as `DeprStarNew.cloned` is.
#[clinic(
    r#"
    _testclinic.DeprStarInit.cloned as depr_star_init_clone
        * [from 3.14]
        a: object = None
    "#
)]
fn depr_star_init_clone_impl<'py>(instance: &Bound<'py>, _a: &Bound<'py>) -> PyResult<Bound<'py>> {
    Ok(instance.py().none())
}

pub struct DeprStarInitNoInline;

static DEPR_STAR_INIT_NO_INLINE: ClassDef<DeprStarInitNoInline> =
    ClassDef::new(c"_testclinic.DeprStarInitNoInline", c"", &[ClassMethodDef::END]).init();

impl Init for DeprStarInitNoInline {
    fn init<'py>(&self, instance: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<()> {
        depr_star_init_noinline(instance, args, kwargs)
    }
}

#[clinic(
    r#"
    _testclinic.DeprStarInitNoInline.__init__ as depr_star_init_noinline
        a: object
        * [from 3.14]
        b: object
        c: object = None
        *
        # Force to use _PyArg_ParseTupleAndKeywordsFast.
        d: str(accept={str, robuffer}, zeroes=True) = ''
    "#
)]
fn depr_star_init_noinline_impl<'py>(
    _instance: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &[u8],
) -> PyResult<()> {
    Ok(())
}

pub struct DeprKwdNew;

static DEPR_KWD_NEW: ClassDef<DeprKwdNew> = ClassDef::new(c"_testclinic.DeprKwdNew", c"", &[ClassMethodDef::END]);

impl PyClass for DeprKwdNew {
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        depr_kwd_new(class, args, kwargs)
    }
}

#[clinic(
    r#"
    @classmethod
    _testclinic.DeprKwdNew.__new__ as depr_kwd_new
        a: object = None
        / [from 3.14]
    The deprecation message should use the class name instead of __new__.
    "#
)]
fn depr_kwd_new_impl<'py>(_class: &Bound<'py>, _a: &Bound<'py>) -> PyResult<DeprKwdNew> {
    Ok(DeprKwdNew)
}

pub struct DeprKwdInit;

static DEPR_KWD_INIT: ClassDef<DeprKwdInit> =
    ClassDef::new(c"_testclinic.DeprKwdInit", c"", &[ClassMethodDef::END]).init();

impl Init for DeprKwdInit {
    fn init<'py>(&self, instance: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<()> {
        depr_kwd_init(instance, args, kwargs)
    }
}

#[clinic(
    r#"
    _testclinic.DeprKwdInit.__init__ as depr_kwd_init
        a: object = None
        / [from 3.14]
    The deprecation message should use the class name instead of __init__.
    "#
)]
fn depr_kwd_init_impl<'py>(_instance: &Bound<'py>, _a: &Bound<'py>) -> PyResult<()> {
    Ok(())
}

pub struct DeprKwdInitNoInline;

static DEPR_KWD_INIT_NO_INLINE: ClassDef<DeprKwdInitNoInline> =
    ClassDef::new(c"_testclinic.DeprKwdInitNoInline", c"", &[ClassMethodDef::END]).init();

impl Init for DeprKwdInitNoInline {
    fn init<'py>(&self, instance: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<()> {
        depr_kwd_init_noinline(instance, args, kwargs)
    }
}

#[clinic(
    r#"
    _testclinic.DeprKwdInitNoInline.__init__ as depr_kwd_init_noinline
        a: object
        /
        b: object
        c: object = None
        / [from 3.14]
        # Force to use _PyArg_ParseTupleAndKeywordsFast.
        d: str(accept={str, robuffer}, zeroes=True) = ''
    "#
)]
fn depr_kwd_init_noinline_impl<'py>(
    _instance: &Bound<'py>,
    _a: &Bound<'py>,
    _b: &Bound<'py>,
    _c: &Bound<'py>,
    _d: &[u8],
) -> PyResult<()> {
    Ok(())
}
