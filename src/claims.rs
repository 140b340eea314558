//! Claims: sentences and their mentions in, typed [`Claim`] records out.
//!
//! A claim is what reconciliation compares: a subject (an entity), the predicate's content words
//! (normalised terms, local to the clause that holds the value), the value (a mention), and its
//! polarity. One check-worthy sentence gives one claim per value it states; a sentence's
//! check-worthiness ([`checkworthiness`]) says how much it states something checkable.

use crate::extract::{Mention, Value};
use crate::segment::Sentence;
use serde::{Deserialize, Serialize};

/// One checkable statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Index of the sentence that states it.
    pub sentence: usize,
    /// Byte span of the words that state it (the sentence).
    pub start: usize,
    /// End of that span.
    pub end: usize,
    /// Byte span of the value it turns on.
    pub anchor: (usize, usize),
    /// The value.
    pub value: Value,
    /// The subject: canonical entity name, if one was found.
    pub subject: Option<String>,
    /// Predicate terms from the clause around the value (normalised, sorted, unique).
    pub local: Vec<String>,
    /// Terms of the whole sentence (normalised, sorted, unique), entities included.
    pub terms: Vec<String>,
    /// Qualifiers of the value: the words between a count and its noun ("American" in
    /// "600 American companies"), or between a rank and what it ranks ("Asian" in "first Asian
    /// country").
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// When it holds: another date in the sentence ("2024" in "GDP of $288 billion in 2024").
    #[serde(default)]
    pub time: Option<String>,
    /// The clause denies what it states ("has no diplomatic relations").
    pub negated: bool,
    /// How check-worthy the sentence is, in [0, 1].
    pub checkworthiness: f64,
}

impl Claim {
    /// The mention kind of the value (`number`, `money`, …).
    pub fn kind(&self) -> &'static str {
        self.value.kind()
    }
}

/// Below this check-worthiness a sentence gives no claims.
pub const MIN_CHECKWORTHINESS: f64 = 0.3;

/// Words that carry no predicate meaning.
fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "as"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "having"
            | "it"
            | "its"
            | "this"
            | "that"
            | "these"
            | "those"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "what"
            | "he"
            | "she"
            | "they"
            | "them"
            | "his"
            | "her"
            | "their"
            | "we"
            | "our"
            | "you"
            | "your"
            | "i"
            | "my"
            | "me"
            | "him"
            | "us"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "so"
            | "than"
            | "then"
            | "there"
            | "here"
            | "also"
            | "such"
            | "into"
            | "about"
            | "more"
            | "most"
            | "less"
            | "over"
            | "under"
            | "almost"
            | "nearly"
            | "around"
            | "roughly"
            | "some"
            | "approximately"
            | "least"
            | "just"
            | "up"
            | "down"
            | "out"
            | "very"
            | "if"
            | "while"
            | "when"
            | "where"
            | "since"
            | "per"
            | "each"
            | "both"
            | "all"
            | "any"
            | "other"
            | "said"
            | "says"
            | "say"
            | "according"
            | "thus"
            | "however"
            | "although"
            | "though"
            | "because"
            | "not"
            | "no"
            | "now"
            | "only"
            | "own"
            | "same"
            | "too"
            | "after"
            | "before"
            | "during"
            | "between"
            | "through"
            | "s"
            | "t"
            | "percent"
            | "cent"
            | "billion"
            | "million"
            | "thousand"
            | "trillion"
            | "bn"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "hundred"
            | "quarter"
            | "half"
            | "third"
            | "already"
            | "reported"
            | "reports"
            | "report"
            | "noted"
            | "wrote"
            | "added"
            | "told"
            | "stated"
            // Factors are values ("doubled" is ×2), not predicate words.
            | "doubled"
            | "doubling"
            | "tripled"
            | "tripling"
            | "trebled"
            | "quadrupled"
            | "halved"
    )
}

/// A light stemmer and synonym fold: "invested"/"investment"/"investor" → "invest",
/// "firms" → "company", "population" → "people".
pub fn normalize(word: &str) -> Option<String> {
    let w: String = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_lowercase();
    if w.len() < 2 || is_stopword(&w) || w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let folded = match w.as_str() {
        "firm" | "firms" | "companies" | "company" | "businesses" | "business" => "company",
        "population" | "people" | "inhabitants" | "residents" | "citizens" | "populated" => {
            "people"
        }
        "investor" | "investors" | "investment" | "investments" | "invested" | "investing"
        | "invests" => "invest",
        "nation" | "nations" | "countries" | "country" | "state" | "states" => "country",
        "trade" | "trading" | "traded" => "trade",
        "ties" | "relations" | "relationship" | "relationships" => "relation",
        "resigned" | "resign" | "resignation" | "resigns" | "quit" | "quits" | "stepped"
        | "steps" => "resign",
        "ruled" | "rule" | "rules" | "ruling" | "governed" | "govern" | "governs" | "ran"
        | "led" => "rule",
        "supplies" | "supply" | "supplied" | "provides" | "provide" | "provided" | "meets"
        | "meet" | "covers" | "cover" => "supply",
        "operate" | "operates" | "operating" | "operated" | "active" => "operate",
        "begin" | "beginning" | "begins" | "start" | "starting" | "starts" | "launch"
        | "launching" => "start",
        "gdp" => "gdp",
        _ => "",
    };
    if !folded.is_empty() {
        return Some(folded.to_string());
    }
    let stem = stem(&w);
    (!is_stopword(&stem) && stem.len() > 1).then_some(stem)
}

fn stem(w: &str) -> String {
    for (suf, min, rep) in [
        ("ational", 4, "ate"),
        ("ization", 4, "ize"),
        ("ments", 4, ""),
        ("ment", 4, ""),
        ("ings", 4, ""),
        ("ing", 4, ""),
        ("ies", 3, "y"),
        ("ied", 3, "y"),
        ("sses", 3, "ss"),
        ("ed", 4, ""),
        ("es", 5, ""),
        ("s", 3, ""),
        ("e", 4, ""),
    ] {
        if let Some(base) = w.strip_suffix(suf) {
            if base.chars().count() >= min
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && !w.ends_with("is")
            {
                return format!("{base}{rep}");
            }
        }
    }
    w.to_string()
}

/// Normalised terms of a span of text, plus the canonical names of the entities in it.
fn terms_of(
    text: &str,
    span: (usize, usize),
    mentions: &[&Mention],
    skip: Option<(usize, usize)>,
) -> Vec<String> {
    let mut out = Vec::new();
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let slice = &text[span.0..span.1];
    let mut word_start = None;
    for (i, c) in slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')))
    {
        match (word_start, is_word(c)) {
            (None, true) => word_start = Some(i),
            (Some(ws_rel), false) => {
                word_start = None;
                let (ws, we) = (span.0 + ws_rel, span.0 + i);
                let word = &slice[ws_rel..i];
                if skip.is_some_and(|(s, e)| ws < e && s < we) {
                    continue;
                }
                // Words inside an entity mention are represented by the entity's canonical name.
                if mentions.iter().any(|m| {
                    matches!(m.value, Value::Entity { .. }) && m.start <= ws && we <= m.end
                }) {
                    continue;
                }
                if let Some(t) = normalize(word) {
                    out.push(t);
                }
            }
            _ => {}
        }
    }
    for m in mentions {
        if let Value::Entity { name, .. } = &m.value {
            if span.0 <= m.start
                && m.end <= span.1
                && !skip.is_some_and(|(s, e)| m.start < e && s < m.end)
            {
                let name = name.to_lowercase();
                // The head of a longer name too ("kazakh president kassym-jomart tokayev" →
                // "tokayev"), so that two forms of one name share a term.
                if let Some((_, last)) = name.rsplit_once(' ') {
                    if last.len() > 3 {
                        out.push(last.to_string());
                    }
                }
                out.push(name);
            }
        }
    }
    // "gross domestic product" is GDP.
    if ["gross", "domestic", "product"]
        .iter()
        .all(|w| out.iter().any(|t| t == w))
    {
        out.retain(|t| !matches!(t.as_str(), "gross" | "domestic" | "product"));
        out.push("gdp".to_string());
    }
    out.sort();
    out.dedup();
    out
}

/// How much a sentence states something checkable, in [0, 1]: figures, dates, named entities
/// and quotes raise it; questions, opinions, instructions and page junk lower it.
pub fn checkworthiness(sentence: &str, mentions: &[&Mention], junk: bool) -> f64 {
    if junk {
        return 0.0;
    }
    let mut score: f64 = 0.15;
    let has = |k: &str| mentions.iter().any(|m| m.value.kind() == k);
    if mentions.iter().any(|m| {
        m.value.amount().is_some() || matches!(m.value, Value::Date(_) | Value::Ordinal(..))
    }) {
        score += 0.45;
    }
    if has("entity") {
        score += 0.15;
    }
    if has("quote") {
        score += 0.2;
    }
    if sentence.split_whitespace().count() >= 6 {
        score += 0.05;
    }
    let lower = sentence.to_lowercase();
    if sentence.trim_end().ends_with('?') {
        score -= 0.4;
    }
    for w in [
        "i think",
        "i believe",
        "in my opinion",
        "should ",
        "must ",
        "perhaps",
        "maybe",
        "might ",
    ] {
        if lower.contains(w) {
            score -= 0.15;
        }
    }
    if lower.starts_with("click")
        || lower.starts_with("sign ")
        || lower.starts_with("subscribe")
        || lower.starts_with("please ")
    {
        score -= 0.4;
    }
    score.clamp(0.0, 1.0)
}

/// Capitalised words between a count or rank and its noun: "600 American companies" → American.
fn qualifiers(text: &str, m: &Mention) -> Vec<String> {
    let noun = match &m.value {
        Value::Quantity(_, unit) => unit.as_str(),
        Value::Ordinal(_, noun) if !noun.is_empty() => noun.as_str(),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for w in text[m.end..].split_whitespace().take(5) {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if crate::extract::singular_noun(word) == noun || word.is_empty() {
            return out;
        }
        out.push(word.to_string());
    }
    Vec::new()
}

/// An entity that only reports the claim ("Tokayev said …", "according to Tokayev") is not its
/// subject.
fn is_reporter(text: &str, e: &Mention) -> bool {
    let after = text[e.end..].trim_start();
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let head = text[..e.start].trim_end();
    let mut from = head.len().saturating_sub(16);
    while !head.is_char_boundary(from) {
        from -= 1;
    }
    let before = head[from..].to_lowercase();
    matches!(
        next.as_str(),
        "said"
            | "says"
            | "told"
            | "noted"
            | "stressed"
            | "added"
            | "wrote"
            | "explained"
            | "stated"
            | "reported"
            | "reports"
            | "announced"
    ) || before.ends_with("according to")
}

/// Entities that fill a role in their sentence (who was on the call, which countries signed),
/// by start offset: not the sentence's subject (its first named entity), not a reporter
/// ("Tokayev said"), not a possessive modifier ("Kazakhstan's economy"), not inside a quote.
fn role_entities(text: &str, ms: &[&Mention]) -> Vec<usize> {
    let quotes: Vec<(usize, usize)> = ms
        .iter()
        .filter(|m| matches!(m.value, Value::Quote { .. }))
        .map(|m| (m.start, m.end))
        .collect();
    let mut out = Vec::new();
    let mut seen_subject = false;
    for m in ms {
        if !matches!(m.value, Value::Entity { .. })
            || quotes.iter().any(|&(a, b)| a <= m.start && m.end <= b)
            || is_reporter(text, m)
        {
            continue;
        }
        if !seen_subject {
            seen_subject = true;
            continue;
        }
        let after = &text[m.end..];
        if after.starts_with("'s") || after.starts_with("’s") || after.starts_with("’") {
            continue;
        }
        out.push(m.start);
    }
    out
}

/// Clause boundaries: the byte ranges (absolute) of the clauses of a sentence.
fn clauses(sentence: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = sentence.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_break = match bytes[i] {
            b',' => {
                !(i > 0
                    && i + 1 < bytes.len()
                    && bytes[i - 1].is_ascii_digit()
                    && bytes[i + 1].is_ascii_digit())
            }
            b';' | b':' | b'(' | b')' => true,
            // "… and Morocco", "… and Israel's President": a list of names, not a new clause.
            b' ' if bytes[i..].starts_with(b" and ")
                && bytes.get(i + 5).is_some_and(u8::is_ascii_uppercase) =>
            {
                false
            }
            _ => [
                &b" and "[..],
                b" while ",
                b" but ",
                " — ".as_bytes(),
                b" which ",
            ]
            .iter()
            .any(|p| bytes[i..].starts_with(p)),
        };
        if at_break {
            if i > start {
                out.push((offset + start, offset + i));
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < sentence.len() {
        out.push((offset + start, offset + sentence.len()));
    }
    out
}

/// True when a clause denies what it states ("has no diplomatic relations", "did not sign"),
/// leaving out idioms that deny nothing ("not long after", "not only", "no more than").
fn is_negated(clause: &str) -> bool {
    let mut lower = format!(" {} ", clause.to_lowercase().replace('’', "'"));
    for idiom in [
        "not long",
        "not only",
        "not just",
        "not least",
        "not until",
        "no later than",
        "no fewer than",
        "no less than",
        "no more than",
        "no longer than",
        "neither free nor fair",
        "not far",
    ] {
        lower = lower.replace(idiom, " ");
    }
    [" not ", "n't ", " no ", " never ", " neither ", " none "]
        .iter()
        .any(|n| lower.contains(n))
}

/// Turns a text's sentences and mentions into claims, in order of their anchors.
pub fn claims(text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); sentences.len()];
    for m in mentions {
        if let Some(v) = by_sentence.get_mut(m.sentence) {
            v.push(m);
        }
    }
    for (i, s) in sentences.iter().enumerate() {
        let ms = &by_sentence[i];
        let sent = &text[s.start..s.end];
        let worth = checkworthiness(sent, ms, s.junk);
        if worth < MIN_CHECKWORTHINESS {
            continue;
        }
        let mut all_terms = terms_of(text, (s.start, s.end), ms, None);
        all_terms.extend(ms.iter().filter_map(|m| match &m.value {
            Value::Quantity(_, unit) => normalize(unit),
            _ => None,
        }));
        all_terms.sort();
        all_terms.dedup();
        let parts = clauses(sent, s.start);
        let role_entities = role_entities(text, ms);
        // Who reports a claim ("Tokayev said") is not part of what it says.
        let mut reporter_terms: Vec<String> = Vec::new();
        for e in ms {
            if let Value::Entity { name, .. } = &e.value {
                if is_reporter(text, e) {
                    let lower = name.to_lowercase();
                    if let Some((_, last)) = lower.rsplit_once(' ') {
                        reporter_terms.push(last.to_string());
                    }
                    reporter_terms.push(lower);
                }
            }
        }
        for m in ms {
            let value_claim = match &m.value {
                Value::Entity { .. } => role_entities.contains(&m.start),
                Value::Quote { quote, .. } => quote.split_whitespace().count() >= 3,
                _ => true,
            };
            if !value_claim {
                continue;
            }
            // The clause holding the value, widened until it has two terms.
            let idx = parts
                .iter()
                .position(|&(a, b)| a <= m.start && m.start < b)
                .unwrap_or(0);
            let (mut lo, mut hi) = (idx, idx);
            let local_of = |lo: usize, hi: usize| -> Vec<String> {
                let span = (
                    parts.get(lo).map_or(s.start, |p| p.0),
                    parts.get(hi).map_or(s.end, |p| p.1),
                );
                let mut t = terms_of(text, span, ms, Some((m.start, m.end)));
                t.retain(|t| !reporter_terms.contains(t));
                t
            };
            // The counted noun is part of the predicate ("600 companies" is about companies).
            let unit_term = match &m.value {
                Value::Quantity(_, unit) => normalize(unit),
                _ => None,
            };
            let with_unit = |mut terms: Vec<String>| {
                if let Some(u) = &unit_term {
                    if !terms.contains(u) {
                        terms.push(u.clone());
                        terms.sort();
                    }
                }
                terms
            };
            let mut local = with_unit(local_of(lo, hi));
            while local.len() < 2 && (lo > 0 || hi + 1 < parts.len()) {
                if lo > 0 {
                    lo -= 1;
                } else {
                    hi += 1;
                }
                local = with_unit(local_of(lo, hi));
            }
            let span = (
                parts.get(lo).map_or(s.start, |p| p.0),
                parts.get(hi).map_or(s.end, |p| p.1),
            );
            let negated = is_negated(&text[span.0..span.1]);
            let quals = qualifiers(text, m);
            let subject = ms
                .iter()
                .filter(|e| span.0 <= e.start && e.end <= span.1)
                .chain(ms.iter())
                .filter(|e| !is_reporter(text, e))
                // "600 American companies": the qualifier is not the subject.
                .filter(|e| {
                    !(e.start >= m.end
                        && quals.iter().any(|q| text[e.start..e.end] == **q)
                        && e.start - m.end < 40)
                })
                .find_map(|e| match &e.value {
                    Value::Entity { name, .. } if !(e.start < m.end && m.start < e.end) => {
                        Some(name.clone())
                    }
                    _ => None,
                });
            let subject = match &m.value {
                Value::Quote {
                    speaker: Some(sp), ..
                } => Some(sp.clone()),
                _ => subject,
            };
            let time = ms
                .iter()
                .filter(|d| d.start != m.start)
                .filter_map(|d| match &d.value {
                    Value::Date(date) => Some((d.start.abs_diff(m.start), date.iso.clone())),
                    _ => None,
                })
                .min()
                .map(|(_, iso)| iso);
            out.push(Claim {
                qualifiers: quals,
                time,
                sentence: i,
                start: s.start,
                end: s.end,
                anchor: (m.start, m.end),
                value: m.value.clone(),
                subject,
                local,
                terms: all_terms.clone(),
                negated,
                checkworthiness: worth,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_forms() {
        assert_eq!(normalize("invested").as_deref(), Some("invest"));
        assert_eq!(normalize("investor").as_deref(), Some("invest"));
        assert_eq!(normalize("firms").as_deref(), Some("company"));
        assert_eq!(normalize("the"), None);
        assert_eq!(normalize("operates").as_deref(), Some("operate"));
        assert_eq!(normalize("exporters").as_deref(), Some("exporter"));
    }
}
