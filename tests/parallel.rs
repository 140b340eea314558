//! A text analysed in parts, each on a thread of its own, gives what it gives in one part: the
//! same sentences, mentions and claims, and the same report, byte for byte.

#[path = "common/devset.rs"]
mod devset;

use corroborate::extract::Value;
use corroborate::{analyze, analyze_in_parts, parallel, parse_date, report};
use std::path::Path;

/// Who and what the title-case headlines name: their entities are found after every sentence's
/// own mentions, with the names the whole text gives. (Each headline differs: a line repeated in
/// a text is page junk.)
const WHO: [&str; 4] = ["Trump", "Tokayev", "Netanyahu", "Kazakhstan"];
const WHAT: [&str; 4] = [
    "Welcomes Abraham Accords Deal",
    "Backs Starlink Plan",
    "Hails Tungsten Pact",
    "Praises Central Asia Summit",
];

/// The dev set's articles, each under a headline: quotes with speakers named sentences before,
/// dates relative to the article's date, every kind of value.
fn articles() -> Vec<(String, Option<i32>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/devset");
    let articles = devset::load_dir(&dir).expect("the dev set loads");
    assert!(articles.len() >= 5, "the dev set has articles");
    articles
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let headline = format!("{} {}", WHO[i % 4], WHAT[(i + i / 4) % 4]);
            (format!("{headline}\n\n{}", a.text), parse_date(&a.date))
        })
        .collect()
}

/// Everything an analysis holds, as text (the claims' own fields included), and its report.
fn seen(text: &str, today: Option<i32>, parts: usize) -> (String, String) {
    let a = analyze_in_parts(text, today, parts);
    (format!("{a:?}"), report::extract_json_text(text, &a, false))
}

#[test]
fn every_split_gives_the_same_analysis() {
    let all = articles();
    let joined: String = all
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut texts: Vec<(&str, Option<i32>)> = all.iter().map(|(t, d)| (t.as_str(), *d)).collect();
    // The headlines' entities are there, in every part of the text.
    let a = analyze_in_parts(&joined, None, 1);
    let in_headlines: Vec<usize> = a
        .mentions
        .iter()
        .filter(|m| matches!(m.value, Value::Entity { .. }))
        .filter(|m| {
            let s = &a.sentences[m.sentence];
            let line = &joined[s.start..s.end];
            WHO.iter().any(|w| line.starts_with(w)) && WHAT.iter().any(|w| line.ends_with(w))
        })
        .map(|m| m.start)
        .collect();
    let late = in_headlines.iter().filter(|&&at| at > joined.len() / 2);
    assert!(
        late.count() >= 3,
        "entities in headlines at {in_headlines:?}"
    );
    texts.push((&joined, all[0].1));
    texts.push((&joined, None));
    for (text, today) in texts {
        let one = seen(text, today, 1);
        assert!(one.1.contains("\"claims\""), "a report");
        for parts in [2, 3, 7, 40] {
            let split = seen(text, today, parts);
            assert!(
                split.0 == one.0,
                "{parts} parts: another analysis of a text of {} bytes",
                text.len()
            );
            assert!(split.1 == one.1, "{parts} parts: another report");
        }
    }
}

#[test]
fn a_long_text_is_split_and_gives_the_same_analysis() {
    let all = articles();
    let mut text = String::new();
    while text.len() < 2 * parallel::MIN_PART_BYTES + 1 {
        for (t, _) in &all {
            text.push_str(t);
            text.push_str("\n\n");
        }
    }
    let a = analyze(&text, None);
    let one = analyze_in_parts(&text, None, 1);
    assert_eq!(a.claims.len(), one.claims.len());
    assert!(format!("{a:?}") == format!("{one:?}"), "the same analysis");
}
