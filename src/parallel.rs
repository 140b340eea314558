//! Work on a long text's sentences, split among threads: each thread takes a run of consecutive
//! sentences, and the results come back in the sentences' order, so the output is the same
//! whatever the number of threads. Extraction and claims are made sentence by sentence, which is
//! what makes this possible. The wasm build has one thread and runs everything on it.

use crate::segment::Sentence;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The least text one thread is given, in bytes: a text of less than twice this is analysed on
/// one thread. Measured on prefixes of the bench text (`bench_extract --threads 1` against
/// `--parts 2`, best of 7, 2 cores, 1 Dec): in a process already warm, two threads took less
/// from 64 KB on (18 -> 13.5 ms); but a process's first analysis on a second thread also builds
/// that thread's start DFAs of the patterns, and there two threads cost about 4 ms more at
/// 64 KB, were even at 128-256 KB (the spread of runs) and saved 25-40 ms at 512 KB. The CLI
/// analyses one text per process, so the split starts at 256 KB.
pub const MIN_PART_BYTES: usize = 128 * 1024;

/// The most parts [`parts_for`] gives (one thread each); 0 for as many as the machine offers.
static MAX_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Caps the threads that analysing one text may use (`n` = 1: on the caller's thread only; 0: as
/// many as the machine offers, the default). For benchmarks and for callers that run several
/// analyses at once.
pub fn set_max_threads(n: usize) {
    MAX_THREADS.store(n, Relaxed);
}

/// How many threads the machine offers (asked once: the answer can take a few system calls).
#[cfg(not(target_arch = "wasm32"))]
pub fn machine_threads() -> usize {
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// How many parts a text of `bytes` is split into: at most one per thread allowed, and each at
/// least [`MIN_PART_BYTES`].
pub fn parts_for(bytes: usize) -> usize {
    let by_size = bytes / MIN_PART_BYTES;
    if by_size < 2 {
        return 1;
    }
    #[cfg(target_arch = "wasm32")]
    let threads = 1;
    #[cfg(not(target_arch = "wasm32"))]
    let threads = match MAX_THREADS.load(Relaxed) {
        0 => machine_threads(),
        n => n,
    };
    by_size.min(threads).max(1)
}

/// Splits `sentences` into `parts` runs of consecutive sentences with about as many bytes each
/// (a run may be empty), as ranges of indices that together cover every sentence in order.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) fn split(sentences: &[Sentence], parts: usize) -> Vec<Range<usize>> {
    let parts = parts.max(1);
    let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
        return std::iter::once(0..0).collect();
    };
    let (lo, span) = (first.start, last.end - first.start);
    let mut out = Vec::with_capacity(parts);
    let mut from = 0;
    for k in 1..parts {
        let cut = lo + span / parts * k + span % parts * k / parts;
        let to = from + sentences[from..].partition_point(|s| s.start < cut);
        out.push(from..to);
        from = to;
    }
    out.push(from..sentences.len());
    out
}

/// `f` of each run of `sentences` from [`split`] into `parts` runs, in order.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn for_parts<T: Send>(
    sentences: &[Sentence],
    parts: usize,
    f: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    for_ranges(split(sentences, parts), f)
}

/// `f` of each of `ranges`, in order: the first on the caller's thread, each other on a thread
/// of its own (or on the caller's, after the first, if a thread cannot be started).
#[cfg(not(target_arch = "wasm32"))]
pub fn for_ranges<T: Send>(
    ranges: Vec<Range<usize>>,
    f: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    let mut ranges = ranges.into_iter();
    let Some(first) = ranges.next() else {
        return Vec::new();
    };
    if ranges.len() == 0 {
        return vec![f(first)];
    }
    let f = &f;
    std::thread::scope(|scope| {
        let others: Vec<_> = ranges
            .map(|r| {
                let spawned = std::thread::Builder::new()
                    .name("corroborate-part".into())
                    .spawn_scoped(scope, {
                        let r = r.clone();
                        move || f(r)
                    });
                (r, spawned.ok())
            })
            .collect();
        let mut out = Vec::with_capacity(others.len() + 1);
        out.push(f(first));
        for (r, handle) in others {
            out.push(match handle {
                Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => f(r),
            });
        }
        out
    })
}

/// `side()` on another thread while `main()` runs on this one, when `parts` > 1; else (and in the
/// wasm build) one after the other.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn beside<A: Send, B>(
    parts: usize,
    side: impl Fn() -> A + Sync,
    main: impl FnOnce() -> B,
) -> (A, B) {
    if parts < 2 {
        let b = main();
        return (side(), b);
    }
    let side = &side;
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("corroborate-side".into())
            .spawn_scoped(scope, side)
            .ok();
        let b = main();
        let a = match spawned {
            Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => side(),
        };
        (a, b)
    })
}

/// The wasm build has one thread: `main()`, then `side()`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn beside<A, B>(
    _parts: usize,
    side: impl Fn() -> A,
    main: impl FnOnce() -> B,
) -> (A, B) {
    let b = main();
    (side(), b)
}

/// `n` items in `parts` runs of about equal length (at least one run, none empty but the one of
/// no items).
pub(crate) fn runs_of(n: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, n.max(1));
    (0..parts)
        .map(|k| n * k / parts..n * (k + 1) / parts)
        .collect()
}

/// The wasm build has one thread: `f` of each range in turn.
#[cfg(target_arch = "wasm32")]
pub fn for_ranges<T>(ranges: Vec<Range<usize>>, f: impl Fn(Range<usize>) -> T) -> Vec<T> {
    ranges.into_iter().map(f).collect()
}

/// The wasm build has one thread: `f` of all the sentences, in one run.
#[cfg(target_arch = "wasm32")]
pub(crate) fn for_parts<T>(
    sentences: &[Sentence],
    _parts: usize,
    f: impl Fn(Range<usize>) -> T,
) -> Vec<T> {
    vec![f(0..sentences.len())]
}

/// The parts' items one after another, in one list, without holding every item twice: each
/// part after the first is moved over a few thousand items at a time, the list growing and the
/// part shrinking as it goes. A list of mentions or claims is several times the text's size, and
/// the memory an analysis takes at its peak is a goal. `exact`: the list grows to just its
/// size (it is complete); else as a list grown item by item does, with room to spare for more.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn concat<T>(parts: Vec<Vec<T>>, exact: bool) -> Vec<T> {
    const STEP: usize = 4096;
    let mut parts = parts.into_iter();
    let mut out = parts.next().unwrap_or_default();
    for mut part in parts {
        // Back to front, so that the items taken next are at the end, where taking them frees
        // the room they held.
        part.reverse();
        while !part.is_empty() {
            let take = part.len().min(STEP);
            if exact {
                out.reserve_exact(take);
            } else {
                out.reserve(take);
            }
            out.extend(part.drain(part.len() - take..).rev());
            part.shrink_to_fit();
        }
    }
    out
}

/// The wasm build's parts: one (see [`for_parts`]).
#[cfg(target_arch = "wasm32")]
pub(crate) fn concat<T>(parts: Vec<Vec<T>>, _exact: bool) -> Vec<T> {
    debug_assert!(parts.len() <= 1);
    parts.into_iter().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(lens: &[usize]) -> Vec<Sentence> {
        let mut at = 0;
        lens.iter()
            .map(|&n| {
                let s = Sentence {
                    start: at,
                    end: at + n,
                    junk: false,
                };
                at += n + 1;
                s
            })
            .collect()
    }

    #[test]
    fn split_covers_every_sentence_once_in_order() {
        for lens in [
            vec![],
            vec![5],
            vec![1, 1, 1],
            vec![100, 1, 1, 1, 1],
            vec![1, 1, 1, 1, 100],
            (1..200).map(|i| i * 7 % 31 + 1).collect(),
        ] {
            let ss = sentences(&lens);
            for parts in 1..=9 {
                let rs = split(&ss, parts);
                assert_eq!(rs.len(), if ss.is_empty() { 1 } else { parts });
                assert_eq!(rs.first().map(|r| r.start), Some(0));
                assert_eq!(rs.last().map(|r| r.end), Some(ss.len()));
                assert!(
                    rs.windows(2).all(|w| w[0].end == w[1].start),
                    "{lens:?} in {parts}"
                );
            }
        }
    }

    #[test]
    fn split_gives_parts_of_about_equal_bytes() {
        let ss = sentences(&vec![10; 1000]);
        let rs = split(&ss, 4);
        let sizes: Vec<usize> = rs.iter().map(|r| r.len()).collect();
        assert_eq!(sizes, [250, 250, 250, 250]);
        let rs = split(&ss, 3);
        assert!(rs.iter().all(|r| (333..=334).contains(&r.len())), "{rs:?}");
    }

    #[test]
    fn concat_keeps_the_order() {
        for sizes in [
            vec![],
            vec![0],
            vec![3],
            vec![0, 5, 0],
            vec![10_000, 1, 9_000, 4_096],
        ] {
            let mut next = 0;
            let parts: Vec<Vec<usize>> = sizes
                .iter()
                .map(|&n| {
                    next += n;
                    (next - n..next).collect()
                })
                .collect();
            for exact in [false, true] {
                let got = concat(parts.clone(), exact);
                assert_eq!(got, (0..next).collect::<Vec<_>>(), "{sizes:?}");
                if exact && sizes.len() > 1 {
                    assert_eq!(got.capacity(), got.len(), "{sizes:?}");
                }
            }
        }
    }

    #[test]
    fn for_parts_returns_each_part_in_order() {
        let ss = sentences(&(0..500).map(|i| i % 13 + 1).collect::<Vec<_>>());
        let whole: Vec<usize> = (0..ss.len()).collect();
        for parts in [1, 2, 3, 8] {
            let got: Vec<usize> = for_parts(&ss, parts, |r| r.collect::<Vec<_>>())
                .into_iter()
                .flatten()
                .collect();
            assert_eq!(got, whole, "{parts} parts");
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_short_text_is_one_part() {
        assert_eq!(parts_for(0), 1);
        assert_eq!(parts_for(2 * MIN_PART_BYTES - 1), 1);
        set_max_threads(3);
        assert_eq!(parts_for(100 * MIN_PART_BYTES), 3);
        assert_eq!(parts_for(2 * MIN_PART_BYTES), 2);
        set_max_threads(1);
        assert_eq!(parts_for(100 * MIN_PART_BYTES), 1);
        set_max_threads(0);
    }
}
