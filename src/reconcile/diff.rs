//! A word diff of two wordings of a quote: the longest common subsequence of their words
//! (lower-cased, punctuation dropped), as a list of kept, removed and added words.

/// One step of a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// In both wordings.
    Same,
    /// Only in the corpus's wording.
    Removed,
    /// Only in the text's wording.
    Added,
}

impl Op {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Same => "same",
            Op::Removed => "removed",
            Op::Added => "added",
        }
    }
}

/// The words of a quote, as the diff compares them.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| fold_apostrophes(w.trim_matches(|c| c == '\'' || c == '’')).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// `w` with its curly apostrophes (’) straight ('): "can’t" and "can't" are one word.
pub fn fold_apostrophes(w: &str) -> std::borrow::Cow<'_, str> {
    if w.contains('’') {
        w.replace('’', "'").into()
    } else {
        w.into()
    }
}

/// The diff from `corpus` (the source's wording) to `text` (the checked wording). Quotes are
/// short, so the quadratic table is small; inputs beyond 400 words are cut to keep it bounded.
pub fn diff(corpus: &str, text: &str) -> Vec<(Op, String)> {
    let a: Vec<String> = words(corpus).into_iter().take(400).collect();
    let b: Vec<String> = words(text).into_iter().take(400).collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: LCS length of a[i..] and b[j..].
    let mut lcs = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n.max(m));
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push((Op::Same, a[i].clone()));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
            out.push((Op::Added, b[j].clone()));
            j += 1;
        } else {
            out.push((Op::Removed, a[i].clone()));
            i += 1;
        }
    }
    out
}

/// The diff as one line: `kept [-removed-] {+added+}`.
pub fn render(d: &[(Op, String)]) -> String {
    let mut out = String::new();
    for (op, w) in d {
        if !out.is_empty() {
            out.push(' ');
        }
        match op {
            Op::Same => out.push_str(w),
            Op::Removed => {
                out.push_str("[-");
                out.push_str(w);
                out.push_str("-]");
            }
            Op::Added => {
                out.push_str("{+");
                out.push_str(w);
                out.push_str("+}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_changed_words() {
        let d = diff(
            "the regional alliance for peace",
            "the regional alliance against Iran",
        );
        assert_eq!(
            render(&d),
            "the regional alliance {+against+} {+iran+} [-for-] [-peace-]"
        );
        let same = diff("A b, c.", "a b c");
        assert!(same.iter().all(|(op, _)| *op == Op::Same));
    }
}
