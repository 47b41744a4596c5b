//! `_testclinic`: CPython's test module for Argument Clinic, written in Rust
//! with cpython-clinic. Each function has the clinic block of the C
//! module of the same Python version; `Lib/test/test_clinic.py`'s
//! `ClinicFunctionalTest`, unchanged, is the test (Tools/rust/clinic_test.py).
//! What each function must do is in Doc/clinic-testclinic-inventory.md.

#[cfg(Py_3_13)]
mod classes;
#[cfg(Py_3_12)]
mod clones;
mod converters;
#[cfg(Py_3_13)]
mod deprecated;
#[cfg(clinic_groups_with_defaults)]
mod groups;
#[cfg(Py_3_15)]
mod kwds;
mod pack;
mod parameters;
#[cfg(Py_3_14)]
mod test_class_varpos;
mod varargs;
#[cfg(Py_3_14)]
mod varpos;

use cpython_api::{Bound, MethodDef, ModuleDef, ModuleState, PyResult};

/// The module keeps nothing; its exec adds the classes (3.13).
struct Classes;

impl ModuleState for Classes {
    fn exec(module: &Bound<'_>) -> PyResult<Classes> {
        #[cfg(Py_3_13)]
        classes::add_classes(module)?;
        #[cfg(not(Py_3_13))]
        let _ = module;
        Ok(Classes)
    }
}

static MODULE: ModuleDef<Classes> = ModuleDef::new(c"_testclinic", c"", METHODS)
    .per_interpreter_gil()
    .gil_not_used();
cpython_api::module_init!(_testclinic, MODULE);

static METHODS: &[MethodDef] = &[
    converters::TEST_EMPTY_FUNCTION_METHODDEF,
    converters::OBJECTS_CONVERTER_METHODDEF,
    converters::BYTES_OBJECT_CONVERTER_METHODDEF,
    converters::BYTE_ARRAY_OBJECT_CONVERTER_METHODDEF,
    converters::UNICODE_CONVERTER_METHODDEF,
    converters::BOOL_CONVERTER_METHODDEF,
    #[cfg(clinic_bool_c_default)]
    converters::BOOL_CONVERTER_C_DEFAULT_METHODDEF,
    converters::CHAR_CONVERTER_METHODDEF,
    converters::UNSIGNED_CHAR_CONVERTER_METHODDEF,
    converters::SHORT_CONVERTER_METHODDEF,
    converters::UNSIGNED_SHORT_CONVERTER_METHODDEF,
    converters::INT_CONVERTER_METHODDEF,
    converters::UNSIGNED_INT_CONVERTER_METHODDEF,
    converters::LONG_CONVERTER_METHODDEF,
    converters::UNSIGNED_LONG_CONVERTER_METHODDEF,
    converters::LONG_LONG_CONVERTER_METHODDEF,
    converters::UNSIGNED_LONG_LONG_CONVERTER_METHODDEF,
    converters::PY_SSIZE_T_CONVERTER_METHODDEF,
    converters::SLICE_INDEX_CONVERTER_METHODDEF,
    converters::SIZE_T_CONVERTER_METHODDEF,
    converters::FLOAT_CONVERTER_METHODDEF,
    converters::DOUBLE_CONVERTER_METHODDEF,
    converters::PY_COMPLEX_CONVERTER_METHODDEF,
    converters::STR_CONVERTER_METHODDEF,
    converters::STR_CONVERTER_ENCODING_METHODDEF,
    converters::PY_BUFFER_CONVERTER_METHODDEF,
    parameters::KEYWORDS_METHODDEF,
    parameters::KEYWORDS_KWONLY_METHODDEF,
    parameters::KEYWORDS_OPT_METHODDEF,
    parameters::KEYWORDS_OPT_KWONLY_METHODDEF,
    parameters::KEYWORDS_KWONLY_OPT_METHODDEF,
    parameters::POSONLY_KEYWORDS_METHODDEF,
    parameters::POSONLY_KWONLY_METHODDEF,
    parameters::POSONLY_KEYWORDS_KWONLY_METHODDEF,
    parameters::POSONLY_KEYWORDS_OPT_METHODDEF,
    parameters::POSONLY_OPT_KEYWORDS_OPT_METHODDEF,
    parameters::POSONLY_KWONLY_OPT_METHODDEF,
    parameters::POSONLY_OPT_KWONLY_OPT_METHODDEF,
    parameters::POSONLY_KEYWORDS_KWONLY_OPT_METHODDEF,
    parameters::POSONLY_KEYWORDS_OPT_KWONLY_OPT_METHODDEF,
    parameters::POSONLY_OPT_KEYWORDS_OPT_KWONLY_OPT_METHODDEF,
    parameters::KEYWORD_ONLY_PARAMETER_METHODDEF,
    #[cfg(not(Py_3_14))]
    varargs::POSONLY_VARARG_METHODDEF,
    #[cfg(not(Py_3_13))]
    varargs::VARARG_AND_POSONLY_METHODDEF,
    #[cfg(not(Py_3_14))]
    varargs::VARARG_METHODDEF,
    #[cfg(not(Py_3_14))]
    varargs::VARARG_WITH_DEFAULT_METHODDEF,
    #[cfg(all(Py_3_13, not(Py_3_14)))]
    varargs::VARARG_WITH_DEFAULT2_METHODDEF,
    #[cfg(not(Py_3_14))]
    varargs::VARARG_WITH_ONLY_DEFAULTS_METHODDEF,
    #[cfg(all(Py_3_13, not(Py_3_14)))]
    varargs::VARARG_KWONLY_REQ_OPT_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::VARPOS_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSONLY_VARPOS_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSONLY_REQ_OPT_VARPOS_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSONLY_POSKW_VARPOS_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSKW_VARPOS_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSKW_VARPOS_KWONLY_OPT_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSKW_VARPOS_KWONLY_OPT2_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::VARPOS_KWONLY_OPT_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::VARPOS_KWONLY_REQ_OPT_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::VARPOS_ARRAY_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSONLY_VARPOS_ARRAY_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSONLY_REQ_OPT_VARPOS_ARRAY_METHODDEF,
    #[cfg(Py_3_14)]
    varpos::POSONLY_POSKW_VARPOS_ARRAY_METHODDEF,
    #[cfg(clinic_groups_with_defaults)]
    groups::GROUP_AND_OPT_METHODDEF,
    #[cfg(clinic_groups_with_defaults)]
    groups::GROUP_AND_TWO_OPT_METHODDEF,
    #[cfg(Py_3_15)]
    kwds::LONE_KWDS_METHODDEF,
    #[cfg(Py_3_15)]
    kwds::KWDS_WITH_POS_ONLY_METHODDEF,
    #[cfg(Py_3_15)]
    kwds::KWDS_WITH_STARARG_METHODDEF,
    #[cfg(Py_3_15)]
    kwds::KWDS_WITH_POS_ONLY_AND_STARARG_METHODDEF,
    #[cfg(Py_3_15)]
    kwds::KWDS_WITH_OPTIONAL_POS_ONLY_METHODDEF,
    varargs::GH_32092_OOB_METHODDEF,
    varargs::GH_32092_KW_PASS_METHODDEF,
    varargs::GH_99233_REFCOUNT_METHODDEF,
    converters::GH_99240_DOUBLE_FREE_METHODDEF,
    #[cfg(Py_3_13)]
    varargs::NULL_OR_TUPLE_FOR_VARARGS_METHODDEF,
    #[cfg(Py_3_12)]
    clones::CLONE_F1_METHODDEF,
    #[cfg(Py_3_12)]
    clones::CLONE_F2_METHODDEF,
    #[cfg(Py_3_12)]
    clones::CLONE_WITH_CONV_F1_METHODDEF,
    #[cfg(Py_3_12)]
    clones::CLONE_WITH_CONV_F2_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS0_LEN1_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS0_LEN2_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS0_LEN3_WITH_KWD_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS1_LEN1_OPT_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS1_LEN1_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS1_LEN2_WITH_KWD_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS2_LEN1_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS2_LEN2_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_POS2_LEN2_WITH_KWD_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_NOINLINE_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_STAR_MULTI_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_REQUIRED_1_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_REQUIRED_2_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_OPTIONAL_1_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_OPTIONAL_2_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_OPTIONAL_3_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_REQUIRED_OPTIONAL_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_NOINLINE_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_KWD_MULTI_METHODDEF,
    #[cfg(Py_3_13)]
    deprecated::DEPR_MULTI_METHODDEF,
    MethodDef::END,
];
