//! `_testclinic`: CPython's test module for Argument Clinic, written in Rust
//! with cpython-clinic. Each function has the clinic block of the C
//! module of the same Python version; `Lib/test/test_clinic.py`'s
//! `ClinicFunctionalTest`, unchanged, is the test (Tools/rust/clinic_test.py).
//! What each function must do is in Doc/clinic-testclinic-inventory.md.

mod converters;
mod pack;

use cpython_api::{MethodDef, ModuleDef};

static MODULE: ModuleDef<()> = ModuleDef::new(c"_testclinic", c"", METHODS)
    .per_interpreter_gil()
    .gil_not_used();
cpython_api::module_init!(PyInit__testclinic, MODULE);

static METHODS: &[MethodDef] = &[
    converters::TEST_EMPTY_FUNCTION_METHODDEF,
    converters::OBJECTS_CONVERTER_METHODDEF,
    converters::BYTES_OBJECT_CONVERTER_METHODDEF,
    converters::BYTE_ARRAY_OBJECT_CONVERTER_METHODDEF,
    converters::UNICODE_CONVERTER_METHODDEF,
    MethodDef::END,
];
