//! Finding report files under directories and reading them safely: what the command line
//! and the panel share (`zfxxgk validate DIR`, [`crate::panel`]).

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The system refused (not found, no permission, …).
    Io(std::io::Error),
    /// A directory, FIFO, device or socket: reading could block or never end.
    NotAFile,
    /// Larger than the limit (the size found).
    TooLarge(u64),
}

impl ReadError {
    /// A stable code: `NOT_FOUND`, `PERMISSION_DENIED`, `NOT_A_FILE`, `TOO_LARGE` or `IO`.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => "NOT_FOUND",
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => "PERMISSION_DENIED",
            ReadError::Io(_) => "IO",
            ReadError::NotAFile => "NOT_A_FILE",
            ReadError::TooLarge(_) => "TOO_LARGE",
        }
    }

    /// The reason in Chinese.
    pub fn zh(&self) -> String {
        match self {
            ReadError::Io(e) => io_zh(e),
            ReadError::NotAFile => "不是普通文件（目录、FIFO、设备或套接字不读取）".to_owned(),
            ReadError::TooLarge(size) => format!("{size} 字节，超过 {} 字节的输入上限", crate::limits::MAX_INPUT_BYTES),
        }
    }

    /// The reason in English.
    pub fn en(&self) -> String {
        match self {
            ReadError::Io(e) => io_en(e),
            ReadError::NotAFile => "not a regular file (a directory, FIFO, device or socket is not read)".to_owned(),
            ReadError::TooLarge(size) => format!(
                "{size} bytes, above the limit of {} bytes for an input",
                crate::limits::MAX_INPUT_BYTES
            ),
        }
    }
}

/// Why the system refused, in Chinese (its own words for the rare cases).
pub fn io_zh(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件或目录不存在".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        _ => e.to_string(),
    }
}

/// Why the system refused, in English.
pub fn io_en(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Reads a file of at most `limit` bytes. Only regular files are read (asked before opening:
/// opening a FIFO waits for a writer), and never more than `limit + 1` bytes, even when
/// the file grows while it is read.
pub fn read(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let limit = limit as u64;
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut buf = Vec::new();
    file.take(limit + 1).read_to_end(&mut buf).map_err(ReadError::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

/// What [`find`] found: the files, and the directories or entries that could not be read.
#[derive(Debug, Default)]
pub struct Found {
    /// Files given by name, and files under the directories given, in name order per directory.
    pub files: Vec<PathBuf>,
    /// A directory or entry that could not be listed, and why.
    pub problems: Vec<(PathBuf, std::io::Error)>,
}

/// Expands directories into the files under them whose extension is one of `extensions`
/// (compared without regard to ASCII case), in name order; a path that is not a directory
/// is kept as given. Hidden entries (`.git`, `.cache` …) and `node_modules` are not
/// entered: they hold tools' files, not reports. A directory reached twice (symbolic links
/// that loop) is read once. A batch never stops at one bad entry: it is listed in
/// `problems`.
pub fn find(paths: &[PathBuf], extensions: &[&str]) -> Found {
    let mut out = Found::default();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            let mut seen = HashSet::new();
            walk(path, extensions, &mut seen, &mut found, &mut out.problems);
            found.sort();
            out.files.extend(found);
        } else {
            out.files.push(path.clone());
        }
    }
    out
}

/// Whether the file name ends in one of `extensions` (ASCII case ignored).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn walk(
    dir: &Path,
    extensions: &[&str],
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<(PathBuf, std::io::Error)>,
) {
    let entries = match std::fs::canonicalize(dir).and_then(|real| Ok((real, std::fs::read_dir(dir)?))) {
        Ok((real, entries)) => {
            if !seen.insert(real) {
                return;
            }
            entries
        }
        Err(e) => {
            problems.push((dir.to_path_buf(), e));
            return;
        }
    };
    for entry in entries {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(e) => {
                problems.push((dir.to_path_buf(), e));
                continue;
            }
        };
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if name != "node_modules" {
                walk(&path, extensions, seen, out, problems);
            }
        } else if has_extension(&path, extensions) {
            // Not only regular files: a FIFO named *.json is listed, and `read` says why
            // it is not read.
            out.push(path);
        }
    }
}
