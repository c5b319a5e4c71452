//! What every reader's caps share: reading at most a cap's worth of bytes, and saying sizes in
//! messages the same way.
//!
//! Each reader documents its own caps (the size of one document, entry or work it reads whole,
//! how many diagnostics one record keeps) so that no input, however large or endless, makes a
//! reader hold more than a bounded multiple of its cap. Input over a cap is refused with an error
//! naming the cap and how to split the input; it is never allocated whole first.

use std::io::{self, BufRead};

/// A size for messages: `64 MiB`, `512 KiB`, or `100 bytes`, whichever is exact.
///
/// ```
/// assert_eq!(crosswalk_text::caps::size(64 << 20), "64 MiB");
/// assert_eq!(crosswalk_text::caps::size(1536), "1.5 KiB");
/// assert_eq!(crosswalk_text::caps::size(100), "100 bytes");
/// ```
pub fn size(bytes: usize) -> String {
    const KIB: usize = 1 << 10;
    const MIB: usize = 1 << 20;
    const GIB: usize = 1 << 30;
    // Caps are round numbers: say them exactly, in the largest unit that divides them (or
    // halves of it), so that the number in a message is the number in the documentation.
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{} {name}", bytes / unit);
        }
        if bytes >= unit && bytes.is_multiple_of(unit / 2) {
            return format!("{}.5 {name}", bytes / unit);
        }
    }
    format!("{bytes} bytes")
}

/// Reads `input` to its end, or until it has given more than `cap` bytes, whichever comes
/// first: `Ok((bytes, false))` for the whole input (at most `cap` bytes), `Ok((bytes, true))` for
/// an input over the cap, of which only `cap + 1` bytes were read (the rest is left unread, so an
/// endless input ends here too).
///
/// The buffer grows in steps no larger than what is needed, so that reading an input over the cap
/// holds little more than `cap` bytes at its peak (`read_to_end` may double its buffer past it).
///
/// ```
/// use crosswalk_text::caps::read_capped;
///
/// assert_eq!(read_capped(&b"12345"[..], 5).unwrap(), (b"12345".to_vec(), false));
/// let (head, over) = read_capped(std::io::BufReader::new(std::io::repeat(b'x')), 1000).unwrap();
/// assert!(over);
/// assert_eq!(head.len(), 1001);
/// ```
pub fn read_capped<R: BufRead>(mut input: R, cap: usize) -> io::Result<(Vec<u8>, bool)> {
    let limit = cap.saturating_add(1);
    // Copied out of the reader's own buffer: nothing is zeroed first (most inputs read this way
    // are one record's file of a few KiB, already in that buffer).
    let mut bytes: Vec<u8> = Vec::new();
    while bytes.len() < limit {
        let buffer = match input.fill_buf() {
            Ok([]) => break,
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let taken = buffer.len().min(limit - bytes.len());
        if bytes.len() + taken > bytes.capacity() {
            // Doubling, but never past the limit: the buffer's size is what the cap promises.
            let wanted = bytes.capacity().saturating_mul(2).max(bytes.len() + taken).min(limit);
            bytes.reserve_exact(wanted - bytes.len());
        }
        bytes.extend_from_slice(buffer.get(..taken).unwrap_or_default());
        input.consume(taken);
    }
    let over = bytes.len() > cap;
    Ok((bytes, over))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A size around which the buffer's doublings fall.
    const CHUNK: usize = 64 * 1024;

    #[test]
    fn sizes_are_said_exactly() {
        assert_eq!(size(16 << 20), "16 MiB");
        assert_eq!(size(1 << 30), "1 GiB");
        assert_eq!(size(3 << 19), "1.5 MiB");
        assert_eq!(size(4096), "4 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size(0), "0 bytes");
    }

    #[test]
    fn reads_up_to_one_byte_over_the_cap() {
        for cap in [0, 1, 10, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK] {
            let exact = vec![7u8; cap];
            assert_eq!(read_capped(exact.as_slice(), cap).unwrap(), (exact.clone(), false), "{cap}");
            let (bytes, over) =
                read_capped(std::io::BufReader::new(std::io::Read::take(std::io::repeat(1), 10 * CHUNK as u64)), cap)
                    .unwrap();
            assert!(over, "{cap}");
            assert_eq!(bytes.len(), cap + 1, "{cap}");
            assert!(bytes.capacity() <= cap + 1, "{cap}: {}", bytes.capacity());
        }
    }

    #[test]
    fn a_one_byte_reader_is_read_through() {
        let input = std::io::BufReader::with_capacity(1, &b"abcdef"[..]);
        assert_eq!(read_capped(input, 100).unwrap(), (b"abcdef".to_vec(), false));
    }
}
