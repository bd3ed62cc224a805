//! `cargo run -p zfxxgk-c-header [-- --check]`: writes (or checks) bindings-c/include/zfxxgk.h.

use std::process::ExitCode;

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("usage: zfxxgk-c-header [--check]   (unknown argument {other:?})");
            return ExitCode::from(2);
        }
    };
    let text = match zfxxgk_c_header::header() {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let path = zfxxgk_c_header::header_path();
    if check {
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            return ExitCode::SUCCESS;
        }
        eprintln!(
            "{} is stale: run `{}` and commit it",
            path.display(),
            zfxxgk_c_header::COMMAND
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
