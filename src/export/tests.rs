//! The exports on a hand-made report (tests/cases/export/): every verdict, non-ASCII before the
//! claims (UTF-16 offsets), markup and a `javascript:` URL that must stay text.

use super::*;
use serde_json::json;

const TEXT: &str = include_str!("../../tests/cases/export/text.txt");
const REPORT: &str = include_str!("../../tests/cases/export/report.json");

fn report() -> Json {
    serde_json::from_str(REPORT).expect("the fixture is JSON")
}

fn opts() -> Options {
    Options {
        date: Some("2026-01-15".into()),
        url: Some("https://example.org/check?x=1#old".into()),
        article_date: Some("2025-11-07".into()),
    }
}

fn render_as(format: Format) -> String {
    render(&report(), TEXT, format, &opts()).expect("renders")
}

#[test]
fn format_names_parse() {
    for name in Format::NAMES {
        assert!(Format::parse(name).is_some(), "{name}");
    }
    assert_eq!(Format::parse("claimreview"), Some(Format::ClaimReview));
    assert_eq!(Format::parse("pdf"), None);
}

#[test]
fn json_is_the_report_unchanged() {
    let out = render_as(Format::Json);
    let back: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(back, report());
    assert!(out.ends_with("}\n"));
}

#[test]
fn not_a_report_is_refused_with_a_message() {
    let err = render(&json!([1, 2]), TEXT, Format::Html, &opts()).unwrap_err();
    assert!(err.contains("not a JSON object"), "{err}");
    let err = render(&json!({"engine": {}}), TEXT, Format::Markdown, &opts()).unwrap_err();
    assert!(err.contains("\"claims\""), "{err}");
    let err = render(&json!({"claims": [3]}), TEXT, Format::Markdown, &opts()).unwrap_err();
    assert!(err.contains("claim 1"), "{err}");
}

#[test]
fn utf16_offsets_map_to_the_text() {
    let m = Utf16Bytes::new(TEXT);
    let units: Vec<u16> = TEXT.encode_utf16().collect();
    let mut u = 0;
    for (b, c) in TEXT.char_indices() {
        assert_eq!(m.byte(u), Some(b), "unit {u}");
        if c.len_utf16() == 2 {
            assert_eq!(m.byte(u + 1), None, "inside the surrogate pair of {c}");
        }
        u += c.len_utf16();
    }
    assert_eq!(m.byte(units.len()), Some(TEXT.len()));
    assert_eq!(m.byte(units.len() + 1), None);
    assert_eq!(slice16("a🙂b", 1, 3), Some("🙂"));
    assert_eq!(slice16("a🙂b", 2, 3), None);
}

#[test]
fn markdown_names_verdicts_values_sources_and_provenance() {
    let md = render_as(Format::Markdown);
    assert!(md.starts_with("# Fact-check report\n"), "{md}");
    assert!(md.contains("4 claims: 1 supported, 1 contradicted, 1 conflicting, 1 unverified."));
    assert!(md.contains(&"ab12".repeat(16)), "corpus id");
    assert!(md.contains("9.9.9-test"), "engine version");
    assert!(md.contains("checked on 2026-01-15"));
    assert!(md.contains("## 1. ✗ CONTRADICTED — More than 900"), "{md}");
    assert!(md.contains("## 2. ✓ SUPPORTED — 1992"));
    // The conflicting claim: a table of each source's value.
    assert!(
        md.contains("| Daily Test | 2025-01-02 | €4 billion |"),
        "{md}"
    );
    assert!(md.contains("| Weekly Sample | 2024-05-06 | $5 billion |"));
    // Markup from the text is escaped, never raw.
    assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");
    assert!(md.contains("\\<b\\>win\\</b\\>"), "{md}");
}

#[test]
fn claimreview_has_the_schema_org_fields() {
    let out = render_as(Format::ClaimReview);
    let v: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"], "https://schema.org");
    let graph = v["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), 4);
    let first = &graph[0];
    assert_eq!(first["@type"], "ClaimReview");
    assert_eq!(
        first["claimReviewed"],
        "More than 900 companies operate in Testland."
    );
    assert_eq!(first["url"], "https://example.org/check?x=1#claim-1");
    assert_eq!(first["datePublished"], "2026-01-15");
    assert_eq!(first["author"]["@type"], "Organization");
    assert_eq!(first["reviewRating"]["@type"], "Rating");
    assert_eq!(first["reviewRating"]["alternateName"], "Contradicted");
    assert_eq!(first["reviewRating"]["ratingValue"], 1);
    assert_eq!(first["itemReviewed"]["@type"], "Claim");
    assert_eq!(first["itemReviewed"]["datePublished"], "2025-11-07");
    assert_eq!(first["citation"][0]["publisher"]["name"], "Daily Test");
    assert_eq!(graph[1]["reviewRating"]["alternateName"], "Supported");
    assert_eq!(graph[1]["reviewRating"]["ratingValue"], 5);
    assert_eq!(graph[2]["reviewRating"]["alternateName"], "Conflicting");
    assert_eq!(graph[3]["reviewRating"]["alternateName"], "Unverified");
    assert!(graph[3]["reviewRating"].get("ratingValue").is_none());
    // Reproducible: every review names the engine version and the corpus id.
    for r in graph {
        let based = r["isBasedOn"].as_array().unwrap();
        assert!(based.iter().any(|b| b["softwareVersion"] == "9.9.9-test"));
        assert!(based.iter().any(|b| b["identifier"] == "ab12".repeat(16)));
    }
    // Without a URL: the fragment alone.
    let bare = render(&report(), TEXT, Format::ClaimReview, &Options::default()).unwrap();
    let v: Json = serde_json::from_str(&bare).unwrap();
    assert_eq!(v["@graph"][2]["url"], "#claim-3");
    assert!(v["@graph"][2].get("datePublished").is_none());
}

#[test]
fn html_is_self_contained_and_never_carries_markup_from_the_text() {
    let h = render_as(Format::Html);
    assert!(h.starts_with("<!doctype html>"));
    // Nothing runs, nothing is fetched.
    assert!(!h.to_ascii_lowercase().contains("<script"), "{h}");
    assert!(!h.contains("src="), "{h}");
    assert!(h.contains("default-src 'none'"));
    assert!(!h.contains("unsafe-inline"));
    // The text's markup is escaped.
    assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(h.contains("&lt;b&gt;win&lt;/b&gt;"));
    assert!(h.contains("Trade &amp; &lt;i&gt;growth&lt;/i&gt;"));
    // A javascript: URL is never a link; an https one is.
    assert!(!h.contains("href=\"javascript"), "{h}");
    assert!(h.contains("href=\"https://example.org/treaty\""));
    // Each claim marked in the text with its verdict, a numbered link to its entry.
    assert!(h.contains(
        "<mark class=\"v-contradicted\" title=\"Contradicted\">More than 900 companies operate in Testland.</mark><sup><a href=\"#claim-1\""
    ), "{h}");
    assert!(h.contains("<li id=\"claim-3\" class=\"claim v-conflicting\">"));
    assert!(h.contains("<td>Daily Test</td><td>2025-01-02</td><td>€4 billion</td>"));
    assert!(h.contains("⚠ Conflicting"));
    assert!(h.contains(&"ab12".repeat(16)) && h.contains("9.9.9-test"));
}

#[test]
fn html_style_hash_matches_its_style() {
    let h = render_as(Format::Html);
    let hash = base64(&Sha256::digest(HTML_STYLE.as_bytes()));
    assert!(h.contains(&format!("style-src 'sha256-{hash}'")));
    assert!(h.contains(&format!("<style>{HTML_STYLE}</style>")));
    assert_eq!(base64(b"Man"), "TWFu");
    assert_eq!(base64(b"Ma"), "TWE=");
    assert_eq!(base64(b"M"), "TQ==");
}

#[test]
fn bad_offsets_fall_back_to_the_reported_words() {
    let mut r = report();
    r["claims"][0]["start"] = json!(100_000);
    r["claims"][0]["anchor"]["start"] = json!(6); // inside the emoji's surrogate pair
    let h = render(&r, TEXT, Format::Html, &opts()).unwrap();
    assert!(h.contains("<q>More than 900 companies operate in Testland.</q>"));
    let md = render(&r, TEXT, Format::Markdown, &opts()).unwrap();
    assert!(md.contains("## 1. ✗ CONTRADICTED — More than 900 companies operate in Testland."));
}

// The first version of the ClaimReview export, which built a serde_json tree: the reference
// the direct writer is held to (serde_json writes the tree; the text must be the same bytes).
/// The rating of a verdict on a 1–5 scale (5: true), with its name. Unverified has no value.
fn rating_tree(v: &str) -> Json {
    let (label, _) = verdict_label(v);
    let value = match v {
        "supported" => Some(5),
        "conflicting" => Some(3),
        "contradicted" => Some(1),
        _ => None,
    };
    let mut o = Map::new();
    o.insert("@type".into(), json!("Rating"));
    if let Some(value) = value {
        o.insert("ratingValue".into(), json!(value));
    }
    o.insert("bestRating".into(), json!(5));
    o.insert("worstRating".into(), json!(1));
    o.insert("alternateName".into(), json!(label));
    Json::Object(o)
}

fn claim_review_tree(r: &Report, opts: &Options) -> Json {
    let base = opts.url.as_deref().unwrap_or("");
    let base = base.split('#').next().unwrap_or("");
    let software = json!({
        "@type": "SoftwareApplication", "name": r.engine, "softwareVersion": r.version,
    });
    let dataset = json!({
        "@type": "Dataset", "name": "corroborate corpus", "identifier": r.corpus_id,
    });
    let reviews: Vec<Json> = r
        .claims
        .iter()
        .map(|c| {
            let mut o = Map::new();
            o.insert("@type".into(), json!("ClaimReview"));
            o.insert("url".into(), json!(format!("{base}#claim-{}", c.n)));
            o.insert("claimReviewed".into(), json!(one_line(&c.words)));
            if let Some(d) = &opts.date {
                o.insert("datePublished".into(), json!(d));
            }
            o.insert(
                "author".into(),
                json!({ "@type": "Organization", "name": format!("{} {}", r.engine, r.version).trim() }),
            );
            o.insert("reviewRating".into(), rating_tree(c.verdict));
            let mut item = Map::new();
            item.insert("@type".into(), json!("Claim"));
            item.insert("text".into(), json!(one_line(&c.words)));
            if let Some(d) = &opts.article_date {
                item.insert("datePublished".into(), json!(d));
            }
            o.insert("itemReviewed".into(), Json::Object(item));
            let explanation = str_of(c.raw, "explanation");
            if !explanation.is_empty() {
                o.insert("reviewBody".into(), json!(explanation));
            }
            let citations: Vec<Json> = evidence_of(c)
                .iter()
                .map(|e| {
                    let mut w = Map::new();
                    w.insert("@type".into(), json!("CreativeWork"));
                    w.insert("name".into(), json!(str_of(e, "title")));
                    if let Some(u) = e.get("url").and_then(Json::as_str) {
                        w.insert("url".into(), json!(u));
                    }
                    w.insert(
                        "publisher".into(),
                        json!({ "@type": "Organization", "name": str_of(e, "source") }),
                    );
                    w.insert("datePublished".into(), json!(str_of(e, "published")));
                    w.insert("text".into(), json!(str_of(e, "text")));
                    Json::Object(w)
                })
                .collect();
            if !citations.is_empty() {
                o.insert("citation".into(), Json::Array(citations));
            }
            o.insert("isBasedOn".into(), json!([software, dataset]));
            Json::Object(o)
        })
        .collect();
    json!({ "@context": "https://schema.org", "@graph": reviews })
}

#[test]
fn claimreview_is_what_the_tree_wrote() {
    let mut reports = vec![report()];
    // Variants: no URLs, no explanation, no evidence, and text the JSON must escape.
    let mut r = report();
    r["claims"][0]["explanation"] = json!("");
    r["claims"][1]["evidence"] = json!([]);
    r["claims"][2]["evidence"][0]["url"] = json!(null);
    r["claims"][3]["start"] = json!(100_000);
    r["claims"][3]["text"] = json!("Tab\there, \"quoted\" \\ \u{1} 🙂");
    r["engine"]["version"] = json!("");
    reports.push(r);
    let all = [
        opts(),
        Options::default(),
        Options {
            date: None,
            url: Some("#x".into()),
            article_date: Some("2024-02-29".into()),
        },
    ];
    for rep in &reports {
        for o in &all {
            let parsed = Report::read(rep, TEXT).unwrap();
            let want = serde_json::to_string_pretty(&claim_review_tree(&parsed, o)).unwrap() + "\n";
            assert_eq!(render(rep, TEXT, Format::ClaimReview, o).unwrap(), want);
            let want = serde_json::to_string_pretty(rep).unwrap() + "\n";
            assert_eq!(render(rep, TEXT, Format::Json, o).unwrap(), want);
        }
    }
}
