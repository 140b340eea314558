//! Source documents: Markdown or plain text with front matter, or HTML, in; metadata and plain
//! text out. Each refusal names the file and the problem, and says what to do.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest source document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 50 * 1024 * 1024;

/// What a document says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Stable id: the file name without its extension.
    pub id: String,
    /// Title.
    pub title: String,
    /// The outlet that published it.
    pub source: String,
    /// Where it was published, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who wrote it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: String,
}

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// The file name.
    pub file: String,
    /// The line the problem is on, if it is on one.
    pub line: Option<usize>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for DocError {}

fn err(file: &str, line: Option<usize>, message: impl Into<String>) -> DocError {
    DocError {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Parses one source document. `file` is its name (for the id and for messages).
pub fn parse_document(file: &str, bytes: &[u8]) -> Result<(DocMeta, String), DocError> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(err(
            file,
            None,
            format!(
                "{} bytes is over the limit of {} MB per document; split it into smaller documents",
                bytes.len(),
                MAX_DOCUMENT_BYTES / (1024 * 1024)
            ),
        ));
    }
    if bytes.contains(&0) {
        return Err(err(
            file,
            None,
            "contains NUL bytes: a binary file, not a text document (use .md, .txt or .html)",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        err(
            file,
            None,
            format!(
                "not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                e.valid_up_to()
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let id = file_stem(file);
    let is_html =
        file.ends_with(".html") || file.ends_with(".htm") || text.trim_start().starts_with('<');
    let (fields, body, body_line) = if is_html {
        (html_meta(text), html_to_text(text), 1)
    } else {
        front_matter(file, text)?
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let title = get("title")
        .or_else(|| first_heading(&body))
        .ok_or_else(|| {
            err(
                file,
                Some(1),
                "no title: add `title: …` to the front matter",
            )
        })?;
    let source = get("source").ok_or_else(|| {
        err(
            file,
            Some(1),
            "no source: add `source: <the outlet that published it>` to the front matter",
        )
    })?;
    let published = get("published").ok_or_else(|| {
        err(
            file,
            Some(1),
            "no published date: add `published: YYYY-MM-DD` to the front matter",
        )
    })?;
    let published = published.get(..10).unwrap_or(&published).to_string();
    if !is_iso_date(&published) {
        return Err(err(
            file,
            Some(1),
            format!(
                "published date {} is not YYYY-MM-DD",
                crate::quoted(&published)
            ),
        ));
    }
    let body = strip_markdown(&body);
    if body.trim().is_empty() {
        return Err(err(
            file,
            Some(body_line),
            "has no text after the front matter",
        ));
    }
    Ok((
        DocMeta {
            id,
            title,
            source,
            url: get("url"),
            author: get("author"),
            published,
        },
        body,
    ))
}

fn file_stem(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

type Fields = Vec<(String, String)>;

/// `---` front matter of `key: value` lines; returns the fields, the body and its first line.
fn front_matter(file: &str, text: &str) -> Result<(Fields, String, usize), DocError> {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return Ok((Vec::new(), text.to_string(), 1));
    }
    let mut fields = Vec::new();
    for (n, line) in lines.by_ref().enumerate() {
        let line_no = n + 2;
        let l = line.trim_end();
        if l == "---" {
            let consumed: usize = text.lines().take(line_no).map(|l| l.len() + 1).sum();
            let body = text
                .get(consumed.min(text.len())..)
                .unwrap_or("")
                .to_string();
            return Ok((fields, body, line_no + 1));
        }
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let Some((k, v)) = l.split_once(':') else {
            return Err(err(
                file,
                Some(line_no),
                format!("front matter line {} is not `key: value`", crate::quoted(l)),
            ));
        };
        let v = v.trim().trim_matches('"').trim_matches('\'').to_string();
        fields.push((k.trim().to_ascii_lowercase(), v));
    }
    Err(err(
        file,
        Some(1),
        "front matter opened with `---` is never closed: add a `---` line after the last field",
    ))
}

fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('#').trim().to_string())
}

/// Drops Markdown markup that is not text: heading marks, emphasis stars, link targets.
fn strip_markdown(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        let l = crate::extract::trim_start_str(line.trim_start_matches('#'), "> ");
        let l = if line.starts_with('#') {
            l.trim_start()
        } else {
            l
        };
        let mut chars = l.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' | '_' if chars.peek() == Some(&c) => {
                    chars.next();
                }
                '[' => {
                    let mut label = String::new();
                    for d in chars.by_ref() {
                        if d == ']' {
                            break;
                        }
                        label.push(d);
                    }
                    if chars.peek() == Some(&'(') {
                        for d in chars.by_ref() {
                            if d == ')' {
                                break;
                            }
                        }
                    }
                    out.push_str(&label);
                }
                _ => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

fn html_meta(html: &str) -> Fields {
    let mut fields = Vec::new();
    let lower = html.to_ascii_lowercase();
    if let (Some(a), Some(b)) = (lower.find("<title>"), lower.find("</title>")) {
        if a + 7 <= b {
            fields.push(("title".into(), decode_entities(html[a + 7..b].trim())));
        }
    }
    for (prop, key) in [
        ("og:site_name", "source"),
        ("article:published_time", "published"),
        ("author", "author"),
        ("og:url", "url"),
        ("og:title", "title"),
    ] {
        let needle = format!("\"{prop}\"");
        if let Some(p) = lower.find(&needle) {
            let tag_start = lower[..p].rfind('<').unwrap_or(p);
            let tag_end = lower[p..].find('>').map_or(lower.len(), |e| p + e);
            let tag = &html[tag_start..tag_end];
            if let Some(c) = tag.to_ascii_lowercase().find("content=\"") {
                let rest = &tag[c + 9..];
                let v = rest.split('"').next().unwrap_or("");
                if !fields.iter().any(|(k, _)| k == key) {
                    fields.push((key.to_string(), decode_entities(v)));
                }
            }
        }
    }
    fields
}

/// HTML to plain text: drops scripts, styles, navigation, headers and footers and all markup;
/// block elements become line breaks; entities are decoded.
pub fn html_to_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    let skip_tags = [
        "script", "style", "nav", "header", "footer", "noscript", "template", "svg", "form",
        "aside", "head",
    ];
    while i < html.len() {
        let Some(rel) = html[i..].find('<') else {
            out.push_str(&decode_entities(&html[i..]));
            break;
        };
        out.push_str(&decode_entities(&html[i..i + rel]));
        let tag_start = i + rel;
        let tag_end = match html[tag_start..].find('>') {
            Some(e) => tag_start + e + 1,
            None => break,
        };
        let name: String = lower[tag_start + 1..tag_end]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let closing = lower[tag_start + 1..].starts_with('/');
        if !closing && skip_tags.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = match lower[tag_end..].find(&close) {
                Some(c) => {
                    let after = tag_end + c;
                    lower[after..]
                        .find('>')
                        .map_or(html.len(), |e| after + e + 1)
                }
                None => html.len(),
            };
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "div"
                | "br"
                | "li"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "tr"
                | "section"
                | "article"
                | "blockquote"
                | "ul"
                | "ol"
                | "table"
        ) {
            out.push('\n');
            if name == "p" || name.starts_with('h') {
                out.push('\n');
            }
        }
        i = tag_end;
    }
    // Collapse runs of blank lines and trailing spaces.
    let mut clean = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let l = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            blank += 1;
            if blank == 1 {
                clean.push('\n');
            }
            continue;
        }
        blank = 0;
        clean.push_str(&l);
        clean.push('\n');
    }
    clean.trim().to_string()
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        // The `;` within 12 bytes, found on bytes: a cut at byte 12 may split a character.
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "hellip" => Some('…'),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields() {
        let (m, body) = parse_document(
            "a-b.md",
            b"---\ntitle: T\nsource: S\npublished: 2025-11-07\n---\nHello world.\n",
        )
        .unwrap();
        assert_eq!(m.id, "a-b");
        assert_eq!(m.title, "T");
        assert_eq!(body.trim(), "Hello world.");
    }

    #[test]
    fn refusals_name_the_problem() {
        let e = parse_document("x.md", b"---\ntitle: T\n").unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
        let e = parse_document(
            "x.md",
            b"---\ntitle: T\nsource: S\npublished: 7 Nov\n---\nText.",
        )
        .unwrap_err();
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        let e = parse_document("x.bin", b"\x00\x01\x02").unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
        let e = parse_document(
            "x.md",
            b"---\ntitle: T\nsource: S\npublished: 2025-01-01\n---\n\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("no text"), "{e}");
    }

    #[test]
    fn html_drops_scripts_and_markup() {
        let t = html_to_text("<html><head><title>X</title><script>alert(1)</script></head><body><nav>Menu</nav><p>One &amp; two.</p><p>Three</p></body></html>");
        assert_eq!(t, "One & two.\n\nThree");
    }
}
