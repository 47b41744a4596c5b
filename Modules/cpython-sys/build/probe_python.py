# Prints, one `key=value` per line, what cpython-sys needs to know about the
# interpreter running this script.  Read by build/target.rs and by
# Tools/rust/build.py, so both judge an interpreter the same way.
#
# It must run under any Python, including ones cpython-sys rejects, so that
# the error can name the version found: keep it Python 2 compatible.
import os
import sys
import sysconfig


def emit(key, value):
    if value is None:
        value = ""
    sys.stdout.write("%s=%s\n" % (key, value))


def flag(name):
    return "1" if sysconfig.get_config_var(name) else "0"


emit("implementation", getattr(getattr(sys, "implementation", None), "name", "cpython"))
emit("version", "%d.%d.%d" % tuple(sys.version_info[:3]))
emit("version_string", sys.version.split()[0])
emit("hexversion", sys.hexversion)
emit("executable", sys.executable)
emit("include_dir", sysconfig.get_config_var("INCLUDEPY"))
emit("config_h_dir", os.path.dirname(sysconfig.get_config_h_filename()))
emit("ext_suffix", sysconfig.get_config_var("EXT_SUFFIX") or sysconfig.get_config_var("SO"))
emit("gil_disabled", flag("Py_GIL_DISABLED"))
emit("debug", flag("Py_DEBUG"))
emit("trace_refs", flag("Py_TRACE_REFS"))
emit("pointer_width", 8 * (sysconfig.get_config_var("SIZEOF_VOID_P") or 0))
