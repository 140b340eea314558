//! Byte searches eight bytes at a time (one `u64` per step, the same code natively and in wasm):
//! for scans over a whole text where the bytes looked for are rare.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `w` is `b` (exact: a zero byte of `w ^ b…` sets its high
/// bit in `(x - 1) & !x`; a borrow can add false ones only above a true one).
#[inline]
fn has(w: u64, b: u8) -> bool {
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH != 0
}

/// The first position at or after `from` whose byte is one of `set`, if any.
#[inline]
pub fn find_any<const N: usize>(hay: &[u8], from: usize, set: [u8; N]) -> Option<usize> {
    find_by(
        hay,
        from,
        |w| set.iter().any(|&b| has(w, b)),
        |x| set.contains(&x),
    )
}

/// The first position at or after `from` whose byte is an ASCII capital letter (`A`-`Z`), if any.
#[inline]
pub fn find_ascii_upper(hay: &[u8], from: usize) -> Option<usize> {
    find_by(
        hay,
        from,
        |x| {
            // Bytes strictly between 0x40 and 0x5B ("hasbetween", exact per byte: the low seven
            // bits cannot carry into the next byte, and bytes with the high bit set are left out).
            let low = x & (ONES * 0x7F);
            (ONES * (0x7F + 0x5B)).wrapping_sub(low) & !x & (low + ONES * (0x7F - 0x40)) & HIGH != 0
        },
        |x| x.is_ascii_uppercase(),
    )
}

/// The first position at or after `from` whose byte is `wanted`: eight bytes at a time while
/// `may_hold` (never a false "no") says a word of them has none, then byte by byte.
#[inline(always)]
fn find_by(
    hay: &[u8],
    from: usize,
    may_hold: impl Fn(u64) -> bool,
    wanted: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while let Some(chunk) = hay.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        if may_hold(u64::from_le_bytes(w)) {
            break;
        }
        i += 8;
    }
    hay.get(i..)?.iter().position(|&x| wanted(x)).map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain search it replaces.
    fn reference(hay: &[u8], from: usize, set: &[u8]) -> Option<usize> {
        hay.get(from..)?
            .iter()
            .position(|x| set.contains(x))
            .map(|k| from + k)
    }

    #[test]
    fn find_any_is_the_first_byte_of_the_set() {
        // Every byte value next to every other, at every offset of a 8-byte step, and the ends.
        let set = [b'"', b'\'', 0xC2, 0xE2];
        let mut hay = Vec::new();
        for a in 0..=255u8 {
            for b in [
                0u8, 1, 0x21, 0x22, 0x26, 0x27, 0x7F, 0x80, 0xC1, 0xC2, 0xE2, 0xFF,
            ] {
                hay.extend([a, b]);
            }
        }
        for from in 0..=hay.len() + 1 {
            assert_eq!(
                find_any(&hay, from, set),
                reference(&hay, from, &set),
                "from {from}"
            );
        }
        let upper = |h: &[u8], from: usize| {
            h.get(from..)?
                .iter()
                .position(u8::is_ascii_uppercase)
                .map(|k| from + k)
        };
        for from in 0..=hay.len() + 1 {
            assert_eq!(
                find_ascii_upper(&hay, from),
                upper(&hay, from),
                "from {from}"
            );
        }
        for len in 0..24 {
            for at in 0..len {
                let mut h = vec![b'a'; len];
                h[at] = b'\n';
                for from in 0..=len {
                    assert_eq!(find_any(&h, from, [b'\n']), reference(&h, from, b"\n"));
                }
                // Each byte value alone among lower-case letters, at each place of a step.
                for c in 0..=255u8 {
                    h[at] = c;
                    assert_eq!(find_ascii_upper(&h, 0), upper(&h, 0), "byte {c} at {at}");
                }
                h[at] = b'\n';
            }
        }
    }
}
