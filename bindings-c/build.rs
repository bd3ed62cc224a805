//! Gives libzfxxgk.so its SONAME on Linux (`libzfxxgk.so.0.1` while the major version is
//! 0, where a minor release may break the ABI; `libzfxxgk.so.<major>` after), so that a
//! program linked against it keeps running against later compatible releases and
//! refuses an incompatible one. `make install` installs the file under its full version
//! with the two symbolic links.
fn main() {
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let soversion = if major == "0" { format!("0.{minor}") } else { major };
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libzfxxgk.so.{soversion}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
