//! Links libxml2 (the system library; `libxml2-dev` on Debian, which `.ci/run` installs).
//!
//! The crate declares the few libxml2 functions it calls itself, so nothing is generated here:
//! no bindgen, no libclang. `LIBXML2_LIB_DIR` adds a directory to the library search path for
//! a libxml2 installed outside the system's default locations.

fn main() {
    println!("cargo:rerun-if-env-changed=LIBXML2_LIB_DIR");
    if let Some(dir) = std::env::var_os("LIBXML2_LIB_DIR") {
        println!("cargo:rustc-link-search=native={}", dir.to_string_lossy());
    }
    println!("cargo:rustc-link-lib=dylib=xml2");
}
