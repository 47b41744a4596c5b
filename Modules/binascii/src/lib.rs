//! `binascii`: conversions between binary data and ASCII, a drop-in for
//! CPython's `Modules/binascii.c`.
//!
//! Each function carries the Argument Clinic block of the C module of the
//! same Python version, so signatures, docstrings and argument errors are
//! C's. The work is done by `binascii-codec` (codec/), which knows nothing
//! of Python; this crate converts arguments, builds the result `bytes` in
//! place and raises C's exceptions.

mod ascii_buffer;
mod base64;
mod crc;
mod hex;
mod qp;
mod uu;

use core::fmt::Display;

use cpython_api::{
    Bound, MethodDef, ModuleDef, ModuleState, PyErr, PyResult, TraverseError, Unbound, Visit, exceptions,
};

static MODULE: ModuleDef<State> = ModuleDef::new(c"binascii", c"Conversion between binary data and ASCII", METHODS)
    .per_interpreter_gil()
    .gil_not_used();
cpython_api::module_init!(binascii, MODULE);

// In the order of C's method table.
static METHODS: &[MethodDef] = &[
    uu::A2B_UU_METHODDEF,
    uu::B2A_UU_METHODDEF,
    base64::A2B_BASE64_METHODDEF,
    base64::B2A_BASE64_METHODDEF,
    hex::A2B_HEX_METHODDEF,
    hex::B2A_HEX_METHODDEF,
    hex::HEXLIFY_METHODDEF,
    hex::UNHEXLIFY_METHODDEF,
    crc::CRC_HQX_METHODDEF,
    crc::CRC32_METHODDEF,
    qp::A2B_QP_METHODDEF,
    qp::B2A_QP_METHODDEF,
    MethodDef::END,
];

/// The module's exception classes.
struct State {
    error: Unbound,
    incomplete: Unbound,
}

impl ModuleState for State {
    fn exec(module: &Bound<'_>) -> PyResult<State> {
        let py = module.py();
        let error = exceptions::new_type(py, c"binascii.Error", c"", Some(&exceptions::ValueError(py)))?;
        module.setattr("Error", &error)?;
        let incomplete = exceptions::new_type(py, c"binascii.Incomplete", c"", None)?;
        module.setattr("Incomplete", &incomplete)?;
        Ok(State {
            error: error.unbind(),
            incomplete: incomplete.unbind(),
        })
    }

    fn traverse(&self, visit: &mut Visit<'_>) -> Result<(), TraverseError> {
        visit.call(&self.error)?;
        visit.call(&self.incomplete)
    }
}

/// `binascii.Error(message)`, raised by the functions of `module`.
fn error(module: &Bound<'_>, message: impl Display) -> PyErr {
    match MODULE.state(module) {
        Ok(state) => PyErr::with_display(state.error.bind(module.py()).clone(), message),
        Err(err) => err,
    }
}
