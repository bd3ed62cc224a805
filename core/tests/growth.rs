//! Hostile input grows time and memory linearly: each family of hostile input (the kinds
//! found by trying to break the parser and the checker) is run at four sizes, each twice
//! the last, and the largest is compared with the smallest. Linear work gives a ratio of
//! about 8 (less with fixed costs); the super-linear cases found before gave 30 to 100.
//! Ratios of this test's own runs, never absolute times, so that a slow or busy machine
//! does not fail it: time is the fastest of three runs, memory the peak of bytes allocated
//! (counted by this binary's allocator, so exact). One test, so that nothing else
//! allocates or competes while a family is measured.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use zfxxgk::parse::Kind;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = CURRENT.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Most a run's time or memory may grow from the smallest size to eight times it: three
/// times linear, far below the quadratic 64.
const MOST_GROWTH: f64 = 24.0;
/// Most bytes allocated at once per byte of input (above a fixed 8 MB for the template,
/// tables and output).
const MOST_BYTES_PER_INPUT_BYTE: usize = 48;

fn corpus(path: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// `text` with `insert` put just after the first occurrence of `after`.
fn inserted(text: &str, after: &str, insert: &str) -> String {
    let at = text.find(after).unwrap_or_else(|| panic!("{after:?} not found")) + after.len();
    format!("{}{insert}{}", &text[..at], &text[at..])
}

struct Family {
    name: &'static str,
    /// The smallest size (what it counts is the family's own unit).
    base: usize,
    make: fn(usize) -> Vec<u8>,
    run: fn(&[u8]),
    /// Whether memory must stay within [`MOST_BYTES_PER_INPUT_BYTE`]: not for a run that
    /// keeps every one of its findings (each is about 1.7 KB, and one unknown key of 15
    /// bytes makes one), only for runs whose findings are capped.
    per_byte: bool,
}

fn parse_text(input: &[u8]) {
    let _ = zfxxgk::parse::parse(input, Kind::Text);
}

fn parse_html(input: &[u8]) {
    let _ = zfxxgk::parse::parse(input, Kind::Html);
}

/// As a server that takes uploads validates: findings capped (the work is then bounded
/// too: a finding beyond the cap is counted, not built).
fn validate(input: &[u8]) {
    let options = zfxxgk::Options {
        max_diagnostics: Some(1000),
        ..zfxxgk::Options::default()
    };
    let _ = zfxxgk::validate_with(input, &options);
}

/// Every finding kept.
fn validate_all(input: &[u8]) {
    let _ = zfxxgk::validate_with(input, &zfxxgk::Options::default());
}

fn fill_totals(input: &[u8]) {
    let _ = zfxxgk::fill_totals_text(input);
}

fn digits(n: usize, seed: usize) -> String {
    (0..n)
        .map(|i| char::from(b'1' + ((i * 7 + seed * 3) % 9) as u8))
        .collect()
}

/// The seed report (one cell per line) with the cells of each table-3 row replaced by one
/// run of `n` digits, as a crawler that drops the cell borders prints them.
fn fused_table3(seed: &str, n: usize) -> String {
    let start = seed.find("三、收到和处理政府信息公开申请情况").unwrap();
    let end = start + seed[start..].find("四、政府信息公开行政复议").unwrap();
    let mut out = String::from(&seed[..start]);
    let mut row = 0;
    let mut in_run = false;
    for line in seed[start..end].lines() {
        let cell = line.trim();
        if !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()) {
            if !in_run {
                out.push_str(&digits(n, row));
                out.push('\n');
                row += 1;
                in_run = true;
            }
            continue;
        }
        in_run = false;
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&seed[end..]);
    out
}

/// The 2021 template with `n` more top-level members, `member(i)` each.
fn with_members(n: usize, member: fn(usize) -> String) -> Vec<u8> {
    let t = template_json();
    let members: String = (0..n).map(|i| format!(",{}", member(i))).collect();
    format!("{}{members}}}", &t[..t.len() - 1]).into_bytes()
}

fn unknown_keys(n: usize) -> Vec<u8> {
    with_members(n, |i| format!("\"x-{i}\":{i}"))
}

fn template_json() -> String {
    serde_json::to_string(&zfxxgk::template(zfxxgk::Format::V2021, 2024)).unwrap()
}

fn families() -> Vec<Family> {
    vec![
        Family {
            name: "parse: every table-3 row's cells run together into n digits",
            base: 50,
            make: |n| fused_table3(&corpus("seed-town-2019/input.txt"), n).into_bytes(),
            run: parse_text,
            per_byte: true,
        },
        Family {
            name: "parse: page numbers between table rows",
            base: 4_000,
            make: |n| {
                let pages: String = (0..n).map(|i| format!(" -{}-", i % 999 + 1)).collect();
                inserted(
                    &corpus("seed-town-2019/input.txt"),
                    "一、本年新收政府信息公开申请数量",
                    &pages,
                )
                .into_bytes()
            },
            run: parse_text,
            per_byte: true,
        },
        Family {
            name: "parse: '<a' repeated, no '>'",
            base: 20_000,
            make: |n| inserted(&corpus("pt-gwh-2024/input.html"), "<body", &"<a".repeat(n)).into_bytes(),
            run: parse_html,
            per_byte: true,
        },
        Family {
            name: "parse: '<div></i>' repeated",
            base: 10_000,
            make: |n| inserted(&corpus("pt-gwh-2024/input.html"), "<body>", &"<div></i>".repeat(n)).into_bytes(),
            run: parse_html,
            per_byte: true,
        },
        Family {
            name: "validate: unknown keys",
            base: 10_000,
            make: unknown_keys,
            run: validate,
            per_byte: true,
        },
        Family {
            name: "validate, every finding kept: unknown keys",
            base: 1_000,
            make: unknown_keys,
            run: validate_all,
            per_byte: false,
        },
        Family {
            name: "validate: a key written again and again",
            base: 10_000,
            make: |n| with_members(n, |i| format!("\"year\":{i}")),
            run: validate,
            per_byte: true,
        },
        Family {
            name: "validate: a huge format array",
            base: 20_000,
            make: |n| {
                let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
                template_json()
                    .replacen("\"2021\"", &format!("[{}]", items.join(",")), 1)
                    .into_bytes()
            },
            run: validate,
            per_byte: true,
        },
        Family {
            name: "validate: wrong types in every cell of many rows of extensions",
            base: 2_000,
            make: |n| {
                let rows: Vec<String> = (0..n).map(|i| format!("{{\"a\":[{i},\"{i}\",null,{{}}]}}")).collect();
                let t = template_json();
                format!("{},\"extensions\":[{}]}}", &t[..t.len() - 1], rows.join(",")).into_bytes()
            },
            run: validate,
            per_byte: true,
        },
        Family {
            name: "fill_totals: unknown keys",
            base: 10_000,
            make: |n| with_members(n, |i| format!("\"x-{i}\":{{\"total\":{i}}}")),
            run: fill_totals,
            per_byte: true,
        },
    ]
}

/// The fastest of three runs and the most bytes allocated at once during the first.
fn measure(run: fn(&[u8]), input: &[u8]) -> (Duration, usize) {
    let base = CURRENT.load(Relaxed);
    PEAK.store(base, Relaxed);
    let start = Instant::now();
    run(input);
    let mut fastest = start.elapsed();
    let peak = PEAK.load(Relaxed).saturating_sub(base);
    for _ in 0..2 {
        let start = Instant::now();
        run(input);
        fastest = fastest.min(start.elapsed());
    }
    (fastest, peak)
}

#[test]
fn hostile_input_grows_time_and_memory_linearly() {
    let mut failures = Vec::new();
    for family in families() {
        let mut rows = Vec::new();
        for step in 0..4 {
            let n = family.base << step;
            let input = (family.make)(n);
            let (time, peak) = measure(family.run, &input);
            rows.push((n, input.len(), time, peak));
        }
        let (first, last) = (rows[0], rows[3]);
        let time_growth = last.2.as_secs_f64() / first.2.as_secs_f64().max(1e-6);
        let memory_growth = last.3 as f64 / first.3.max(1) as f64;
        eprintln!("{}", family.name);
        for (n, bytes, time, peak) in &rows {
            eprintln!(
                "  n={n:>7} input={bytes:>9} B  {:>9.2} ms  peak {:>11} B",
                time.as_secs_f64() * 1e3,
                peak
            );
        }
        eprintln!("  growth ×8 input: time ×{time_growth:.1}, memory ×{memory_growth:.1}");
        if time_growth > MOST_GROWTH {
            failures.push(format!("{}: time grew ×{time_growth:.1}", family.name));
        }
        if memory_growth > MOST_GROWTH {
            failures.push(format!("{}: memory grew ×{memory_growth:.1}", family.name));
        }
        if family.per_byte && last.3 > 8_000_000 + MOST_BYTES_PER_INPUT_BYTE * last.1 {
            failures.push(format!(
                "{}: {} B at once for {} B of input",
                family.name, last.3, last.1
            ));
        }
    }
    assert!(failures.is_empty(), "super-linear growth:\n{}", failures.join("\n"));
}
