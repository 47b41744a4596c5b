//! moduleobject.h: the initialiser of `PyModuleDef`'s header.

use crate::{PyModuleDef_Base, PyObject_HEAD_INIT};

/// `PyModuleDef_HEAD_INIT`.
pub const PyModuleDef_HEAD_INIT: PyModuleDef_Base = PyModuleDef_Base {
    ob_base: PyObject_HEAD_INIT(core::ptr::null_mut()),
    m_init: None,
    m_index: 0,
    m_copy: core::ptr::null_mut(),
};
