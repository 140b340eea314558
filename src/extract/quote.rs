//! Quotations: the words inside quote marks (straight or curly, double, or single at the top
//! level), possibly spanning sentences, with the speaker and the reporting verb.
//!
//! The speaker comes from the words right after the closing mark ("…," Trump wrote; "…," said
//! Tokayev), or right before the opening one (Tokayev said: "…"; according to the statement, "…").
//! "He added" and other pronouns take the last named speaker.

use super::{Mention, Value};
use crate::segment::Sentence;
use regex::Regex;
use std::sync::LazyLock;

const VERBS: &str = r"said|says|wrote|writes|added|adds|noted|notes|explained|explains|told|tells|stated|states|tweeted|posted|declared|declares|announced|announces|insisted|argued|continued|remarked|replied|warned|emphasized|emphasised|stressed|asked|claimed|claims|welcomed|saying|writing|adding|noting|calling";
const WHO: &str = r"(?:(?:President|Prime\s+Minister|Secretary(?:\s+of\s+State)?|Minister|Ambassador|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Gen\.)\s+)?(?P<who>(?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.))*|he|she|they|it|the\s+[a-z]+(?:\s+[a-z]+)?|the\s+(?:[A-Z][\w-]+\s+)*[A-Z][\w-]+)";

static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?:(?P<v1>{VERBS})\s+{WHO}|{who2}\s+(?:\w+\s+)?(?P<v2>{VERBS}))\b",
        who2 = WHO.replace("?P<who>", "?P<who2>")
    ))
    .expect("quote-after regex")
});

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{WHO}\s+(?:\w+\s+)?(?P<v>{VERBS})(?:\s+[\w’'-]+){{0,8}}?|(?P<acc>[Aa]ccording\s+to)\s+{who2})\s*[:,]?\s*$",
        who2 = WHO.replace("?P<who>", "?P<who2>")
    ))
    .expect("quote-before regex")
});

fn closing_for(open: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '"' => Some('"'),
        '‘' => Some('’'),
        '«' => Some('»'),
        '„' => Some('“'),
        _ => None,
    }
}

/// Finds the quotes of the whole text and appends them (absolute offsets) to `out`, using the
/// entity mentions already in `out` to resolve pronoun speakers.
pub(super) fn extract(text: &str, sentences: &[Sentence], out: &mut Vec<Mention>) {
    let mut last_speaker: Option<String> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut quotes = Vec::new();
    while i < text.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let Some(close) = closing_for(c) else {
            i += c.len_utf8();
            continue;
        };
        // An opening single curly mark must start a word; otherwise it is an apostrophe.
        let prev = text[..i].chars().next_back();
        if c == '‘' && prev.is_some_and(|p| p.is_alphanumeric()) {
            i += c.len_utf8();
            continue;
        }
        let open_end = i + c.len_utf8();
        // The closing mark, within the paragraph (a blank line ends an unclosed quote).
        let mut j = open_end;
        let mut found = None;
        let mut depth_single = false;
        while j < text.len() {
            let d = match text[j..].chars().next() {
                Some(d) => d,
                None => break,
            };
            if d == '\n' && text[j + 1..].starts_with('\n') || j - open_end > 5000 {
                break;
            }
            if d == '‘' {
                depth_single = true;
            } else if d == close
                && !(close == '’'
                    && text[j + d.len_utf8()..].starts_with(|n: char| n.is_alphabetic()))
            {
                if close == '’' && depth_single {
                    depth_single = false;
                } else {
                    found = Some(j);
                    break;
                }
            } else if d == '’'
                && depth_single
                && !text[j + d.len_utf8()..].starts_with(|n: char| n.is_alphabetic())
            {
                depth_single = false;
            }
            j += d.len_utf8();
        }
        let Some(close_at) = found else {
            // Unclosed: skip the mark and go on.
            i = open_end;
            continue;
        };
        let end = close_at + close.len_utf8();
        quotes.push((i, open_end, close_at, end));
        i = end;
    }
    let _ = bytes;
    for (start, inner_start, inner_end, end) in quotes {
        let inner = text[inner_start..inner_end].trim();
        if inner.is_empty() {
            continue;
        }
        let sentence = sentences
            .iter()
            .position(|s| s.start <= start && start < s.end.max(s.start + 1))
            .unwrap_or(0);
        let sent_end = sentences
            .iter()
            .find(|s| s.start <= inner_end && inner_end < s.end.max(s.start + 1))
            .map(|s| s.end)
            .unwrap_or(text.len());
        let sent_start = sentences.get(sentence).map(|s| s.start).unwrap_or(0);
        let after = &text[end..sent_end.max(end).min(text.len())];
        let before = &text[sent_start.min(start)..start];
        let mut speaker = None;
        let mut verb = None;
        if let Some(c) = AFTER.captures(after) {
            speaker = c
                .name("who")
                .or_else(|| c.name("who2"))
                .map(|m| m.as_str().to_string());
            verb = c
                .name("v1")
                .or_else(|| c.name("v2"))
                .map(|m| m.as_str().to_string());
        } else if let Some(c) = BEFORE.captures(before) {
            speaker = c
                .name("who")
                .or_else(|| c.name("who2"))
                .map(|m| m.as_str().to_string());
            verb = c
                .name("v")
                .or_else(|| c.name("acc"))
                .map(|m| m.as_str().to_string());
        }
        let speaker = speaker.and_then(|s| resolve_speaker(&s, start, out, &last_speaker));
        if let Some(s) = &speaker {
            if !s.starts_with("the ") {
                last_speaker = Some(s.clone());
            }
        }
        out.push(Mention {
            start,
            end,
            sentence,
            value: Value::Quote {
                quote: inner.to_string(),
                speaker,
                verb,
            },
        });
    }
}

/// A pronoun takes the last named speaker (or the last person named before the quote); a name
/// takes its canonical form from the entity mentions ("Tokayev" → "Kassym-Jomart Tokayev").
fn resolve_speaker(
    who: &str,
    at: usize,
    mentions: &[Mention],
    last: &Option<String>,
) -> Option<String> {
    let lower = who.to_lowercase();
    if matches!(lower.as_str(), "he" | "she" | "they" | "it") {
        if let Some(l) = last {
            return Some(l.clone());
        }
        return mentions
            .iter()
            .rev()
            .filter(|m| m.start < at)
            .find_map(|m| match &m.value {
                Value::Entity {
                    name,
                    kind: super::EntityType::Person,
                } => Some(name.clone()),
                _ => None,
            });
    }
    if lower.starts_with("the ") {
        return Some(lower);
    }
    let (canon, _) = super::canonical_entity(who);
    // The fullest person name in the text that ends with this one.
    let full = mentions.iter().filter_map(|m| match &m.value {
        Value::Entity { name, .. }
            if name.ends_with(canon.as_str()) && name.len() > canon.len() =>
        {
            Some(name.clone())
        }
        _ => None,
    });
    Some(full.max_by_key(|n| n.len()).unwrap_or(canon))
}
