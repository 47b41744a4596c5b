//! Compiles the module for the CPython that cpython-sys found: its version
//! cfgs (`Py_3_12`, `Py_3_13`, ...) choose which functions it has.
fn main() {
    let cfgs = std::env::var("DEP_PYTHON_CFGS").expect("cpython-sys exports DEP_PYTHON_CFGS");
    let known = std::env::var("DEP_PYTHON_KNOWN_CFGS").expect("cpython-sys exports DEP_PYTHON_KNOWN_CFGS");
    println!("cargo::rustc-check-cfg=cfg({known})");
    for cfg in cfgs.split_whitespace() {
        println!("cargo::rustc-cfg={cfg}");
    }
}
