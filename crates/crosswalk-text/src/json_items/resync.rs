//! Resynchronising after a broken element of a top-level array: finding the next element
//! boundary that can be proven (see the [module documentation](super)).

use std::collections::HashSet;
use std::io::{self, BufRead};

use super::scan::{is_space, starts_value, Kind, Validator};
use super::{JsonItems, Scan};

/// How far a chain of elements must reach to prove a boundary without reaching the array's end.
pub(super) const PROOF_BYTES: u64 = 1024 * 1024;

/// How much scanning one resynchronisation may do, in multiples of the cap and the proof: past
/// it (only pathological input gets there), the rest of the input is one broken item.
const WORK_FACTOR: u64 = 16;

/// Where a broken element ends and the next one starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cut {
    /// The broken element ends before this offset (its white space aside).
    pub(super) end: u64,
    /// The next element starts here.
    pub(super) next: u64,
}

/// One search for a boundary.
struct Search {
    /// Where the broken element starts.
    start: u64,
    /// Where its syntax failed (the end of the input when it never ended).
    failure: u64,
    /// The broken element's first key, when its scanner read it.
    key: Option<Vec<u8>>,
    /// Element starts from which chains proved nothing (a chain through them proves nothing).
    rejected: HashSet<u64>,
    /// The scanning done before the search, and how much it may do.
    ops: u64,
    budget: u64,
}

/// What the bytes after an offset hold.
pub(super) enum Next {
    /// This byte, at this offset.
    Byte(u8, u64),
    /// Nothing: the input ends.
    End,
    /// More white space than a proof looks at.
    Far,
}

impl<R: BufRead> JsonItems<R> {
    /// The next proven boundary after the broken element starting at `start`, whose syntax
    /// failed at `failure` (`key`: the element's first key, if it was read); `None` when there is
    /// none before `until`.
    pub(super) fn resync(
        &mut self,
        start: u64,
        failure: u64,
        key: Option<Vec<u8>>,
        until: u64,
    ) -> io::Result<Option<Cut>> {
        let budget = WORK_FACTOR.saturating_mul(self.cap().saturating_add(PROOF_BYTES));
        // No boundary is searched for past the far limit: the element is given up there.
        let until = until.min(start.saturating_add(self.far()));
        let mut search = Search { start, failure, key, rejected: HashSet::new(), ops: self.ops, budget };
        let layout = self.elements.layout();
        if layout.is_some() {
            // Line starts at the elements' indentation first, as far as the cap reaches.
            let near = start.saturating_add(self.cap()).min(until);
            if let Some(cut) = self.search(&mut search, layout, true, near)? {
                return Ok(Some(cut));
            }
        }
        self.search(&mut search, layout, false, until)
    }

    /// Tries the candidates after the broken element's start, in order, up to `until`: only
    /// line starts at the `layout` indentation with `layout_only`, else those too and every
    /// element start after a comma.
    fn search(
        &mut self,
        search: &mut Search,
        layout: Option<u32>,
        layout_only: bool,
        until: u64,
    ) -> io::Result<Option<Cut>> {
        let start = search.start;
        let mut at = start.saturating_add(1).max(self.window.base());
        // The last byte that is not white space, and where it is.
        let (mut previous, mut previous_at) = match self.window.peek(start) {
            Some(b) if at == start.saturating_add(1) => (Some(b), start),
            _ => (None, at),
        };
        // Whether only white space precedes `at` on its line, and how much.
        let mut clean = false;
        let mut indent = 0u32;
        loop {
            if at >= until || self.ops.saturating_sub(search.ops) > search.budget {
                return Ok(None);
            }
            let Some(b) = self.window.byte(at)? else {
                return Ok(None);
            };
            self.ops = self.ops.saturating_add(1);
            if starts_value(b) && !search.rejected.contains(&at) {
                // At the elements' indentation any value starts an element; after a comma, `{`
                // or a value of the elements' kind.
                let at_layout = layout.is_some_and(|column| clean && indent == column.saturating_sub(1));
                let after_comma = previous == Some(b',');
                let candidate = at_layout || (after_comma && !layout_only && self.elements.starts(b));
                if candidate && self.verify(search, at, at_layout)? {
                    let end = if after_comma { previous_at } else { previous_at.saturating_add(1) };
                    return Ok(Some(Cut { end, next: at }));
                }
            }
            match b {
                b'\n' => {
                    clean = true;
                    indent = 0;
                }
                b' ' | b'\t' => indent = indent.saturating_add(u32::from(clean)),
                b'\r' => {}
                _ => {
                    clean = false;
                    previous = Some(b);
                    previous_at = at;
                }
            }
            at = at.saturating_add(1);
            // Past the cap, the broken element is too large to hold: what was searched goes.
            if !layout_only && at.saturating_sub(start) > self.cap() {
                self.window.release(at);
            }
        }
    }

    /// Whether the candidate element at `at` is a proven boundary (see the module
    /// documentation): the chain of elements from it reaches the array's end, or covers
    /// [`PROOF_BYTES`], or another broken element, having passed the failure. `trusted` (a line
    /// start at the elements' indentation) also accepts a chain cut short by the end of the
    /// input once it has passed the failure.
    fn verify(&mut self, search: &mut Search, at: u64, trusted: bool) -> io::Result<bool> {
        let failure = search.failure;
        let far = at.saturating_add(PROOF_BYTES).saturating_add(self.cap());
        let mut position = at;
        let mut count = 0usize;
        let mut passed = at > failure;
        let mut chain = Vec::new();
        // A list among elements of another kind can hold anything, the rest of the array too
        // (a `[` inserted between elements): it proves nothing by itself, another value must
        // follow it in the chain. Before any complete element, the broken one tells the kind.
        let kind = match self.elements.total {
            0 => self.window.peek(search.start).and_then(Kind::of),
            _ => self.elements.kind(),
        };
        let list = self.window.peek(at) == Some(b'[') && kind != Some(Kind::Array);
        // Where two elements or more set the layout, the chain keeps it: every value after the
        // first starts a line at the elements' indentation, and the closing `]` starts a line.
        let layout = self.elements.settled_layout();
        // Some value of the chain must start with the elements' first key, when they have one
        // (before the failure, the broken element's own key counts too): a list nested in the
        // broken element holds other objects.
        let key = if at < failure { self.elements.key_with(search.key.as_deref()) } else { self.elements.key() };
        let mut keyed = key.is_none();
        let key = key.map(<[u8]>::to_vec);
        // Whether the first value starts with the elements' key (which then
        // proves a chain cut short by another broken element even before it passes the failure:
        // the broken element had taken good elements for its own up to that other one).
        let mut first_has_key = false;
        let keyed_elements = key.is_some();
        // The chain's starts whose value lacks the key, on the same side of the failure as `at`
        // (they have the same key to look for): when only the key lacked for a proof, no chain
        // from them is proven either, and they are remembered so.
        let mut unkeyed = Vec::new();
        let mut for_lack_of_key = false;
        // `Some(true)`: proven; `Some(false)`: not, and no chain through its elements is.
        let verdict: Option<bool> = loop {
            if search.rejected.contains(&position) {
                break Some(false);
            }
            chain.push(position);
            if count > 0
                && layout.is_some_and(|column| self.window.indent_at(position) != Some(column.saturating_sub(1)))
            {
                break None;
            }
            let mut validator = Validator::new();
            let limit = position.saturating_add(self.cap());
            let (scan, _) = self.drive(&mut validator, position, None, limit)?;
            let end = match scan {
                Scan::Done(end) => end,
                // A first value broken too: an element starts here all the same where the scan
                // failed on it (the `{` after a comma where the broken element expected a key),
                // or at a line start at the indentation two elements or more set; it is another
                // broken element, searched from when it is read.
                Scan::Fail { eof: false, .. } if count == 0 => {
                    keyed |= validator.first_key().is_some() && validator.first_key() == key.as_deref();
                    break if at == failure || (trusted && layout.is_some()) { Some(true) } else { Some(false) };
                }
                Scan::Fail { eof: false, .. } => {
                    break lacking(broken_after(passed, first_has_key, keyed_elements), &mut for_lack_of_key)
                }
                Scan::Fail { eof: true, .. } => break cut_short(count > 0 && passed, trusted || first_has_key),
                Scan::Limit => break if passed || position > failure { Some(true) } else { None },
            };
            count = count.saturating_add(1);
            passed |= end > failure;
            let has_key = validator.first_key().is_some() && validator.first_key() == key.as_deref();
            keyed |= has_key;
            if !has_key && (position < failure) == (at < failure) {
                unkeyed.push(position);
            }
            if count == 1 {
                first_has_key = key.is_some() && validator.first_key() == key.as_deref();
            }
            let mut after_comma = false;
            let (next, next_at) = match self.next_after(end, far, is_space)? {
                Next::Byte(b',', comma) => {
                    match self.next_after(comma.saturating_add(1), far, |b| is_space(b) || b == b',')? {
                        Next::Byte(b, next_at) => {
                            after_comma = true;
                            (b, next_at)
                        }
                        Next::End => break cut_short(passed, trusted || first_has_key),
                        Next::Far => break if passed { Some(true) } else { None },
                    }
                }
                Next::Byte(b, next_at) => (b, next_at),
                Next::End => break cut_short(passed, trusted || first_has_key),
                Next::Far => break if passed { Some(true) } else { None },
            };
            if next == b']' {
                // The array's end proves the chain (at a line start where the layout is
                // settled); a list nested in the broken element ends with something after it,
                // unless the chain's first value has the elements' key (then the `]` is another
                // broken element).
                let line_start = layout.is_none() || self.window.at_line_start(next_at);
                break match self.next_after(next_at.saturating_add(1), far, is_space)? {
                    Next::End | Next::Far => Some(line_start),
                    Next::Byte(..) => lacking(broken_after(false, first_has_key, keyed_elements), &mut for_lack_of_key),
                };
            }
            if !after_comma {
                // After a value, anything but a comma or a `]`: after a value that followed a
                // comma, a stray byte: another broken element. After the first, the chain may
                // have been inside something (a key, an object), unless that value is an element
                // for sure: of the elements' kind at the indentation two elements or more set,
                // after the failure; or with the key most complete elements have.
                let element = kind.is_some() && self.window.peek(at).and_then(Kind::of) == kind;
                let sure = (trusted && layout.is_some() && element && at > failure) || first_has_key;
                break if count > 1 || sure {
                    lacking(broken_after(passed, first_has_key, keyed_elements), &mut for_lack_of_key)
                } else {
                    None
                };
            }
            if !starts_value(next) {
                // After a comma, garbage: another broken element.
                break lacking(broken_after(passed, first_has_key, keyed_elements), &mut for_lack_of_key);
            }
            position = next_at;
            if passed && position.saturating_sub(at) > PROOF_BYTES {
                break Some(true);
            }
        };
        let verdict = if verdict == Some(true) && list && count < 2 { None } else { verdict };
        let verdict = if verdict == Some(true) && !keyed { lacking(None, &mut for_lack_of_key) } else { verdict };
        if verdict == Some(false) {
            search.rejected.extend(chain);
        } else if verdict.is_none() && for_lack_of_key {
            search.rejected.extend(unkeyed);
        }
        Ok(verdict == Some(true))
    }

    /// The first byte from `from` on that `skipped` does not skip, reading ahead (nothing is
    /// released) no further than `far`.
    pub(super) fn next_after(&mut self, from: u64, far: u64, skipped: impl Fn(u8) -> bool) -> io::Result<Next> {
        let mut at = from;
        loop {
            if at >= far {
                return Ok(Next::Far);
            }
            if at >= self.window.end() && !self.window.fill()? {
                return Ok(Next::End);
            }
            let rest = self.window.from(at);
            let found = rest.iter().position(|&b| !skipped(b));
            let n = found.unwrap_or(rest.len());
            self.ops = self.ops.saturating_add(n as u64);
            at = at.saturating_add(n as u64);
            if let Some(b) = found.and_then(|i| rest.get(i)) {
                return Ok(Next::Byte(*b, at));
            }
        }
    }
}

/// `verdict`, noting in `for_lack_of_key` when it is no proof for lack of the elements' key only.
fn lacking(verdict: Option<bool>, for_lack_of_key: &mut bool) -> Option<bool> {
    *for_lack_of_key |= verdict.is_none();
    verdict
}

/// The verdict on a chain that another broken element ends: proven when it passed the failure,
/// or when its first value has the elements' key; not proven, and remembered as such unless
/// another start in the chain could have that key (`keyed_elements`), otherwise.
fn broken_after(passed: bool, first_has_key: bool, keyed_elements: bool) -> Option<bool> {
    match (passed || first_has_key, keyed_elements) {
        (true, _) => Some(true),
        (false, true) => None,
        (false, false) => Some(false),
    }
}

/// The verdict on a chain the end of the input cuts short, having `passed` the failure: proven
/// for a trusted candidate (at the elements' indentation, or with their key); for another, not
/// proven, and remembered as such only when it did not pass the failure (a trusted candidate
/// through the same elements would be proven).
fn cut_short(passed: bool, trusted: bool) -> Option<bool> {
    match (passed, trusted) {
        (true, true) => Some(true),
        (true, false) => None,
        (false, _) => Some(false),
    }
}
