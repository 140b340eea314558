//! `corroborate check --format claimreview|html|markdown|json`: the export formats the page offers,
//! from the command line (src/export.rs renders both).

#[path = "common/cli.rs"]
mod cli;
use cli::{run, run_env};
use serde_json::Value;
use std::process::Output;

const ARTICLE: &str =
    "Café 🙂 <img src=x onerror=alert(1)> More than 900 American companies operate in Kazakhstan. \
Kazakhstan established diplomatic relations with Israel in 1992.";

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn claimreview_gives_one_review_per_claim_with_provenance() {
    let json: Value = serde_json::from_str(&stdout(&run(
        &["check", "--format", "json", "-"],
        ARTICLE.as_bytes(),
    )))
    .unwrap();
    let cr: Value = serde_json::from_str(&stdout(&run(
        &[
            "check",
            "--format",
            "claimreview",
            "--date",
            "2025-11-07",
            "-",
        ],
        ARTICLE.as_bytes(),
    )))
    .unwrap();
    let graph = cr["@graph"].as_array().expect("@graph");
    let claims = json["claims"].as_array().unwrap();
    assert_eq!(graph.len(), claims.len());
    for (r, c) in graph.iter().zip(claims) {
        assert_eq!(r["@type"], "ClaimReview");
        assert_eq!(r["claimReviewed"], c["text"]);
        assert_eq!(r["itemReviewed"]["@type"], "Claim");
        assert_eq!(r["itemReviewed"]["datePublished"], "2025-11-07");
        let label = r["reviewRating"]["alternateName"].as_str().unwrap();
        assert_eq!(label.to_lowercase(), c["verdict"].as_str().unwrap());
        assert!(r["datePublished"].as_str().unwrap().len() == 10);
        assert!(r["url"].as_str().unwrap().starts_with("#claim-"));
        let based = r["isBasedOn"].as_array().unwrap();
        assert!(based
            .iter()
            .any(|b| b["identifier"] == json["corpus"]["id"]));
        assert!(based
            .iter()
            .any(|b| b["softwareVersion"] == json["engine"]["version"]));
    }
    assert!(graph
        .iter()
        .any(|r| r["reviewRating"]["alternateName"] == "Contradicted"));
}

#[test]
fn html_report_is_one_inert_file() {
    let h = stdout(&run(
        &["check", "--format", "html", "-"],
        ARTICLE.as_bytes(),
    ));
    assert!(h.starts_with("<!doctype html>"));
    assert!(!h.to_lowercase().contains("<script"));
    assert!(!h.contains("<img"), "markup from the text became HTML");
    assert!(h.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(h.contains("class=\"v-contradicted\""));
    assert!(h.contains("ReOpen Media"));
    assert!(h.contains("default-src 'none'"));
}

#[test]
fn json_export_is_the_contract_json() {
    let v: Value =
        serde_json::from_str(&stdout(&run(&["check", "-"], ARTICLE.as_bytes()))).unwrap();
    assert!(v["engine"]["version"].is_string() && v["corpus"]["id"].is_string());
}

#[test]
fn an_unknown_format_is_a_usage_error_naming_the_formats() {
    let o = run(&["check", "--format", "pdf", "-"], ARTICLE.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("claimreview") && err.contains("html") && err.contains("pdf"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn source_date_epoch_fixes_the_review_date() {
    let out = run_env(
        &["check", "--format", "claimreview", "-"],
        ARTICLE.as_bytes(),
        &[("SOURCE_DATE_EPOCH", "1762473600")], // 2025-11-07T00:00:00Z
    );
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["@graph"][0]["datePublished"], "2025-11-07");
}
