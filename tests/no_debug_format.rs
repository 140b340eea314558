//! The wasm is built with `-Zfmt-debug=none` (scripts/lib.sh: 4 KB gzipped less), where `{:?}`
//! writes nothing at all. So no library code outside its tests may format with `{:?}`: a message
//! would lose what it quotes and a key made with it would be empty, in the page only (natively
//! all would look right). Quote with `corroborate::quoted`, or use Display.
//! `tests/wasm/parity.test.mjs` checks the messages the wasm gives; this finds a new `{:?}`
//! before it ships. (clippy's `use_debug` sees only print and write macros, not `format!`.)

use std::fs;
use std::path::Path;

/// The library's code without its test modules (each file's `#[cfg(test)] mod tests` comes last;
/// files named tests.rs are test modules).
fn library_code(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            library_code(&path, out);
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // main.rs is the CLI, which is never built for wasm32.
        if !name.ends_with(".rs") || name == "tests.rs" || name == "main.rs" {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a source file is UTF-8");
        let code = match text.find("#[cfg(test)]\nmod tests") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        out.push((path.display().to_string(), code));
    }
}

/// Lines of `code` that format with Debug: `{:?}`, `{x:?}`, `{:#?}`, `{0:?}`.
fn debug_formats(code: &str) -> Vec<(usize, String)> {
    code.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| l.contains(":?}") || l.contains(":#?}"))
        .map(|(i, l)| (i + 1, l.trim().to_string()))
        .collect()
}

#[test]
fn library_code_formats_nothing_with_debug() {
    let mut files = Vec::new();
    library_code(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20, "src/ has the library's files");
    let found: Vec<String> = files
        .iter()
        .flat_map(|(file, code)| {
            debug_formats(code)
                .into_iter()
                .map(move |(line, text)| format!("{file}:{line}: {text}"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "library code formats with {{:?}}, which writes nothing in the wasm build (-Zfmt-debug=none); \
         quote with corroborate::quoted or use Display instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn debug_formats_are_found() {
    let code = "let a = format!(\"{x:?}\");\nlet b = format!(\"{:#?}\", y);\n// {z:?} in a comment\nlet c = format!(\"{}\", z);\n";
    let lines: Vec<usize> = debug_formats(code).into_iter().map(|(l, _)| l).collect();
    assert_eq!(lines, [1, 2]);
}
