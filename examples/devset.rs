//! Scores the dev set: `cargo run --release --example devset [-- DIR]` (default tests/devset).
//!
//! Each tests/devset/*.json is an article with labelled claims; the report gives, per mismatch
//! kind and for true and unverifiable claims, how the checker's verdicts against the default
//! corpus (corpus/) compare with the labels, then lists every false contradiction, miss, false
//! support and unlabelled system claim. The scoring is shared with tests/devset.rs.

#[path = "../tests/common/devset.rs"]
mod devset;

use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("tests/devset"));
    let articles = match devset::load_dir(&dir) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bad dev set:\n{e}");
            std::process::exit(1);
        }
    };
    let corpus = devset::default_corpus(root);
    let score = devset::score(&articles, &corpus);
    print!("{}", score.report());
    println!(
        "\nFigures for tests/devset.rs: contradiction recall {:.4}, contradicted (any kind) {:.4}, false contradiction rate {:.4}, supported recall {:.4}, false support rate {:.4}",
        score.contradiction_recall(),
        score.contradicted_any(),
        score.false_contradiction_rate(),
        score.supported_recall(),
        score.false_support_rate(),
    );
}
