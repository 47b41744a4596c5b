//! `_testrust.Blob`: a final class exporting read-only bytes through the
//! buffer protocol.

use cpython_api::class::BufferExport;
use cpython_api::{Bound, Buffer, ClassDef, ClassMethodDef, PyClass, PyErr, PyResult, exceptions, types};

pub static BLOB: ClassDef<Blob> = ClassDef::new(
    c"_testrust.Blob",
    c"Blob(data, /)\n--\n\nAn immutable copy of a bytes-like object, itself bytes-like.",
    BLOB_METHODS,
)
.buffer();

static BLOB_METHODS: &[ClassMethodDef<Blob>] = &[ClassMethodDef::END];

pub struct Blob {
    bytes: Box<[u8]>,
}

impl PyClass for Blob {
    fn new<'py>(class: &Bound<'py>, args: &Bound<'py>, kwargs: Option<&Bound<'py>>) -> PyResult<Self> {
        let ([data], None) = (types::tuple_items(args)?, kwargs) else {
            return Err(PyErr::new(
                exceptions::TypeError(class.py()),
                "Blob() takes exactly one argument",
            ));
        };
        let bytes = Buffer::get(data)?.to_vec()?.into_boxed_slice();
        Ok(Blob { bytes })
    }
}

impl BufferExport for Blob {
    fn exported_bytes(&self) -> &[u8] {
        &self.bytes
    }
}
