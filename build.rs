//! Lists the default corpus (`corpus/*.md|txt|html`) for the CLI to embed, so that
//! `corroborate check` without `--corpus` uses the same documents the page ships.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=corpus");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("corpus");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".md") || n.ends_with(".txt") || n.ends_with(".html"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// The default corpus's source documents: (file name, bytes).\npub const DEFAULT_CORPUS: &[(&str, &[u8])] = &[\n");
    for n in &names {
        out.push_str(&format!("    ({n:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/corpus/{n}\"))),\n"));
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").expect("out dir")).join("default_corpus.rs"),
        out,
    )
    .expect("write default_corpus.rs");
}
