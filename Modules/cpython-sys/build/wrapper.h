/* The headers bindgen reads: the public C API, as an extension sees it. */
#include <Python.h>
