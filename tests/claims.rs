//! Claim cases (tests/cases/claims.json): a text and the claims it must give, by anchor text and
//! fields of `extract --format json`'s claims. An empty list means no claims at all.

use serde_json::Value;

#[test]
fn claim_cases() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/claims.json");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("claims.json")).expect("JSON");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let text = case["text"].as_str().unwrap_or("");
        let out = corroborate::report::extract_json(text, &corroborate::analyze(text, None));
        let claims = out["claims"].as_array().cloned().unwrap_or_default();
        let units: Vec<u16> = text.encode_utf16().collect();
        let anchor = |c: &Value| {
            let (s, e) = (
                c["anchor"]["start"].as_u64().unwrap_or(0) as usize,
                c["anchor"]["end"].as_u64().unwrap_or(0) as usize,
            );
            String::from_utf16_lossy(&units[s..e])
        };
        let wanted = case["claims"].as_array().cloned().unwrap_or_default();
        if wanted.is_empty() && !claims.is_empty() {
            failures.push(format!(
                "{name}: wanted no claims, got {:?}",
                claims.iter().map(anchor).collect::<Vec<_>>()
            ));
        }
        for want in &wanted {
            let found = claims.iter().find(|c| {
                want.as_object()
                    .into_iter()
                    .flatten()
                    .all(|(k, v)| match k.as_str() {
                        "anchor" => v.as_str() == Some(anchor(c).as_str()),
                        _ => &c[k] == v,
                    })
            });
            if found.is_none() {
                failures.push(format!(
                    "{name}: no claim matches {want}\n  claims: {}",
                    Value::Array(claims.clone())
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} claim cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
