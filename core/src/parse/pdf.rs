//! PDF files read directly: the text of every page in reading order (the `pdf-extract`
//! crate), then read as text. A report's tables come out one row a line, labels wrapped
//! around their figures where a label cell spans several lines, page numbers between rows.

/// Most bytes of a PDF accepted (a report is a few hundred KB; a scanned one a few MB).
pub(crate) use crate::limits::MAX_INPUT_BYTES as MAX_PDF_BYTES;

/// Whether the bytes are a PDF file.
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// The text of a PDF, or why it has none.
pub(crate) fn text(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(format!("the PDF is larger than {} MB", MAX_PDF_BYTES >> 20));
    }
    // The extractor panics on some malformed files: a panic is a PDF that cannot be read,
    // never a crash of the caller, and not a "thread panicked" message on its stderr.
    match quietly(|| std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(format!("the PDF cannot be read: {e}")),
        Err(_) => Err("the PDF cannot be read (malformed file)".into()),
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the panic message of this thread silenced. The process's panic hook is
/// wrapped once (the hook in place then, the program's own or the default, still reports
/// every other panic, on every thread); only panics inside `f` on this thread, which the
/// caller catches, print nothing.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    static WRAPPED: std::sync::Once = std::sync::Once::new();
    WRAPPED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let out = f();
    QUIET.with(|q| q.set(was));
    out
}
