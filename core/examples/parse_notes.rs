#![allow(missing_docs)]
fn main() {
    for p in std::env::args().skip(1) {
        let bytes = std::fs::read(&p).unwrap();
        match zfxxgk::parse::parse(&bytes, zfxxgk::parse::Kind::Auto) {
            Ok(r) => {
                for n in r.notes.iter().filter(|n| n.kind == zfxxgk::parse::NoteKind::Ambiguous) {
                    println!("{p}: {:?} {}", n.raw, n.candidates.len());
                }
            }
            Err(e) => println!("{p}: {e}"),
        }
    }
}
