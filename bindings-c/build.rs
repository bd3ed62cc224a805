//! Generates include/zfxxgk.h with the pinned cbindgen (committed; CI fails if it drifts).

fn main() {
    println!("cargo:rerun-if-changed=src/lib.rs");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let part = |name: &str| std::env::var(name).expect("cargo sets the version parts");
    let defines = format!(
        "\n/* The version of this header; zfxxgk_version() returns the library's. */\n\
         #define ZFXXGK_VERSION \"{version}\"\n\
         #define ZFXXGK_VERSION_MAJOR {}\n\
         #define ZFXXGK_VERSION_MINOR {}\n\
         #define ZFXXGK_VERSION_PATCH {}\n",
        part("CARGO_PKG_VERSION_MAJOR"),
        part("CARGO_PKG_VERSION_MINOR"),
        part("CARGO_PKG_VERSION_PATCH"),
    );
    let config = cbindgen::Config::from_file(format!("{dir}/cbindgen.toml")).expect("cbindgen.toml is valid");
    match cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .with_after_include(defines)
        .generate()
    {
        Ok(bindings) => {
            bindings.write_to_file(format!("{dir}/include/zfxxgk.h"));
        }
        Err(e) => panic!("cbindgen failed: {e}"),
    }
}
