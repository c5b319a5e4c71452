//! Searching bytes for a few values at once, eight bytes at a time.
//!
//! Why: readers and writers ask every string of every record whether it holds a byte that needs
//! care (a quote, an escape, a control character, the lead byte of a character to look at). The
//! strings are short, so a vector search's set-up costs more than it saves, and a byte loop or a
//! table lookup costs several instructions a byte; comparing a word's eight bytes at once costs
//! a few instructions for eight.

/// The position of the first byte at or after `from` that is one of `marks` or less than
/// `below` (0: none is); `None` when there is none (or `from` is past the end).
///
/// Each of a word's tests marks exactly its lowest matching byte (a borrow can only mark bytes
/// above a true one), so the lowest mark of them all is the first match.
///
/// ```
/// use crosswalk_text::bytes::find_byte;
///
/// assert_eq!(find_byte(b"plain text, \"quoted\"", 0, b"\"\\", 0x20), Some(12));
/// assert_eq!(find_byte(b"tab\there", 0, b"\"", 0x20), Some(3));
/// assert_eq!(find_byte(b"nothing here", 0, b"<", 0), None);
/// ```
#[inline]
pub fn find_byte(bytes: &[u8], from: usize, marks: &[u8], below: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        let mut found = word.wrapping_sub(ONES * u64::from(below)) & !word;
        for &mark in marks {
            let same = word ^ (ONES * u64::from(mark));
            found |= same.wrapping_sub(ONES) & !same;
        }
        found &= HIGHS;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes.get(at..)?.iter().position(|&b| b < below || marks.contains(&b)).map(|p| at + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_mark_or_low_byte_anywhere() {
        for len in 0..40 {
            for at in 0..len {
                for (first, second) in [(b'"', b'\\'), (b'\\', 0x1F), (0, b'"'), (0xEF, b'"')] {
                    let mut bytes = vec![0xA9u8; len + 3];
                    bytes.splice(at..=at, [first]);
                    bytes.splice(len..=len, [second]);
                    assert_eq!(find_byte(&bytes, 0, b"\"\\\xEF", 0x20), Some(at), "{len} {at}");
                    assert_eq!(find_byte(&bytes, at + 1, b"\"\\\xEF", 0x20), Some(len), "{len} {at}");
                }
            }
            let others: Vec<u8> = (0x20..=255u8).filter(|b| !b"\"\\\xEF".contains(b)).cycle().take(len * 7).collect();
            assert_eq!(find_byte(&others, 0, b"\"\\\xEF", 0x20), None, "{len}");
            let all: Vec<u8> = (0..=255u8).filter(|b| *b != b'<').cycle().take(len * 7).collect();
            assert_eq!(find_byte(&all, 0, b"<", 0), None, "{len}");
        }
        assert_eq!(find_byte(b"abc", 5, b"a", 0), None);
    }
}
