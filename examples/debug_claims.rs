//! Prints the claims of a text and, for each, the corpus claims of the same kind with their
//! alignment scores: `cargo run --example debug_claims -- "TEXT"` (corpus: ./corpus).
use corroborate::corpus::Corpus;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let mut sources = Vec::new();
    for e in std::fs::read_dir("corpus").expect("corpus/").flatten() {
        sources.push((
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).expect("read"),
        ));
    }
    let (corpus, _) = Corpus::compile(&sources);
    let a = corroborate::analyze(&text, None);
    for s in &a.sentences {
        println!(
            "S {:?} {:?}",
            (s.start, s.end, s.junk),
            &text[s.start..s.end]
        );
    }
    for m in a.mentions.iter() {
        println!("M {:?} {:?}", &text[m.start..m.end], m.value);
    }
    for c in &a.claims {
        println!(
            "\nC {:?} {} subj={:?} local={:?}",
            &text[c.anchor.0..c.anchor.1],
            c.value().kind(),
            c.subject(),
            c.local().collect::<Vec<_>>()
        );
        let mut scored: Vec<(f64, String)> = Vec::new();
        for d in &corpus.documents {
            for k in &d.claims {
                if k.value().kind() == c.value().kind()
                    || (k.value().amount().is_some() && c.value().amount().is_some())
                {
                    let s = corroborate::reconcile::alignment(c, k, &corpus);
                    scored.push((
                        s,
                        format!(
                            "{:?} subj={:?} local={:?}",
                            &d.text[k.anchor.0..k.anchor.1],
                            k.subject(),
                            k.local().collect::<Vec<_>>()
                        ),
                    ));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (s, d) in scored.iter().take(3) {
            println!("   {s:.2} {d}");
        }
        println!(
            "   => {:?}",
            corroborate::reconcile::judge(&text, c, &corpus).verdict
        );
    }
}
