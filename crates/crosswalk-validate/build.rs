//! Finds and links libxml2, the system library (`libxml2-dev` on Debian, which `.ci/run`
//! installs), with `pkg-config`.
//!
//! The crate declares the few libxml2 functions it calls itself, so nothing is generated here:
//! no bindgen, no libclang. When libxml2 cannot be found the build stops here, at once, with
//! the command that installs it, instead of with a linker error at the end of a long build.
//! `LIBXML2_LIB_DIR` names a directory holding a libxml2 installed outside pkg-config's view;
//! pkg-config is not asked then.

fn main() {
    println!("cargo:rerun-if-env-changed=LIBXML2_LIB_DIR");
    if let Some(dir) = std::env::var_os("LIBXML2_LIB_DIR") {
        println!("cargo:rustc-link-search=native={}", dir.to_string_lossy());
        println!("cargo:rustc-link-lib=dylib=xml2");
        return;
    }
    // 2.9 is the oldest ABI the crate's declarations match (see src/libxml.rs).
    if let Err(error) = pkg_config::Config::new().atleast_version("2.9").probe("libxml-2.0") {
        let pkg_config_missing = matches!(error, pkg_config::Error::Command { .. });
        let mut message = String::from("\n\ncrosswalk-validate needs libxml2 (2.9 or newer) to build, and ");
        if pkg_config_missing {
            message.push_str("pkg-config, which finds it, is not installed.\n");
        } else {
            message.push_str(&format!("pkg-config cannot find it:\n  {error}\n"));
        }
        message.push_str(
            "Install both with:\n\
             \x20 Debian, Ubuntu:  sudo apt-get install libxml2-dev pkg-config\n\
             \x20 Fedora, RHEL:    sudo dnf install libxml2-devel pkgconf-pkg-config\n\
             \x20 Alpine:          apk add libxml2-dev pkgconf\n\
             \x20 macOS:           brew install libxml2 pkg-config\n\
             or set LIBXML2_LIB_DIR to the directory that holds libxml2.so.\n",
        );
        eprintln!("{message}");
        std::process::exit(1);
    }
}
