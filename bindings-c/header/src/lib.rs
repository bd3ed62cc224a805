//! The C header of libzfxxgk, made from `bindings-c/src/lib.rs` by the pinned cbindgen.
//!
//! `cargo run -p zfxxgk-c-header` writes `bindings-c/include/zfxxgk.h` (committed);
//! `cargo run -p zfxxgk-c-header -- --check` and this crate's tests fail when it is stale.
//! The library's own build never writes into the source tree.

use std::path::{Path, PathBuf};

/// The `bindings-c` directory.
pub fn crate_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the header tool lives in bindings-c/header")
        .to_path_buf()
}

/// Where the committed header is.
pub fn header_path() -> PathBuf {
    crate_dir().join("include").join("zfxxgk.h")
}

/// The command that rewrites the header (named by every check that finds it stale).
pub const COMMAND: &str = "cargo run -p zfxxgk-c-header";

/// The header text for the library as its source is now.
pub fn header() -> Result<String, String> {
    let dir = crate_dir();
    let defines = format!(
        "\n/* The version of this header; zfxxgk_version() returns the library's. */\n\
         #define ZFXXGK_VERSION \"{}\"\n\
         #define ZFXXGK_VERSION_MAJOR {}\n\
         #define ZFXXGK_VERSION_MINOR {}\n\
         #define ZFXXGK_VERSION_PATCH {}\n\
         \n/* The default limit on a JSON input's size, in bytes (see zfxxgk_validate_limited). */\n\
         #define ZFXXGK_MAX_INPUT_BYTES {}\n\
         \n/* The default cap on the diagnostics one validation lists (max_diagnostics = 0). */\n\
         #define ZFXXGK_MAX_DIAGNOSTICS {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
        zfxxgk::MAX_INPUT_BYTES,
        zfxxgk::limits::MAX_DIAGNOSTICS,
    );
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).map_err(|e| format!("cbindgen.toml: {e}"))?;
    let bindings = cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .with_after_include(defines)
        .generate()
        .map_err(|e| format!("cbindgen failed: {e}"))?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).map_err(|e| format!("cbindgen wrote non-UTF-8: {e}"))
}
