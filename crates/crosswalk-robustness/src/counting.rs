//! A counting global allocator, so that tests bound what an input costs in allocations and bytes
//! (deterministic counts) instead of sampling resident memory or timing it.
//!
//! A test binary installs it with
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: crosswalk_robustness::CountingAllocator = crosswalk_robustness::CountingAllocator;
//! ```
//!
//! and measures a closure with [`allocations`]. Counting is **per thread**: only what the calling
//! thread allocates and frees while the closure runs is counted, so that the other tests of the
//! binary, which run at the same time on other threads, change nothing, and neither does the
//! machine's load. The same input gives the same counts on every run, but for one-time lazy
//! initialisation (a static table built by whichever thread needs it first) and libxml2, whose
//! hash tables are seeded at random (a few allocations more or less): bounds leave room for both.
//! Work the closure hands to other threads is not counted: measure on the thread that does the
//! work (inside [`crate::on_worker_stack`], for instance).
//!
//! Memory that C code allocates with `malloc` does not pass through a Rust allocator. libxml2 (the
//! validator) can be given [`c_malloc`], [`c_realloc`] and [`c_free`], which allocate through the
//! Rust global allocator, with `crosswalk_validate::use_libxml2_allocator` before its first use:
//! its memory is then counted too.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ffi::c_void;

/// The system allocator, counting what each thread allocates while it is asked to (see
/// [`allocations`]). Install it as a test binary's `#[global_allocator]`.
#[derive(Clone, Copy, Debug, Default)]
pub struct CountingAllocator;

/// The calling thread's counts; counting is on only inside [`allocations`].
struct Tally {
    on: Cell<bool>,
    /// Bytes allocated minus bytes freed since counting started (negative when the closure frees
    /// memory that was allocated before).
    live: Cell<i64>,
    /// The highest `live` seen.
    peak: Cell<i64>,
    count: Cell<u64>,
    bytes: Cell<u64>,
}

impl Tally {
    const fn new() -> Self {
        Tally { on: Cell::new(false), live: Cell::new(0), peak: Cell::new(0), count: Cell::new(0), bytes: Cell::new(0) }
    }

    fn allocated(&self, size: usize) {
        self.count.set(self.count.get() + 1);
        self.bytes.set(self.bytes.get() + size as u64);
        self.grow(size as i64);
    }

    fn grow(&self, by: i64) {
        let live = self.live.get() + by;
        self.live.set(live);
        self.peak.set(self.peak.get().max(live));
    }
}

thread_local! {
    // A `const` initialiser and no destructor: using it never allocates, so the allocator may.
    static TALLY: Tally = const { Tally::new() };
}

/// Runs `f` on the calling thread's tally when counting is on; does nothing where thread-locals
/// are gone (a thread's very end).
fn tally(f: impl FnOnce(&Tally)) {
    let _ = TALLY.try_with(|t| {
        if t.on.get() {
            f(t);
        }
    });
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged and returns its
// result, so `System`'s guarantees hold; the bookkeeping only updates thread-local `Cell`s, which
// neither allocates nor unwinds.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is (the caller's contract is `System`'s).
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            tally(|t| t.allocated(layout.size()));
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            tally(|t| t.allocated(layout.size()));
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(block, layout) };
        tally(|t| t.grow(-(layout.size() as i64)));
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            // One allocation of the new size, the old block given back.
            tally(|t| {
                t.count.set(t.count.get() + 1);
                t.bytes.set(t.bytes.get() + new_size as u64);
                t.grow(new_size as i64 - layout.size() as i64);
            });
        }
        moved
    }
}

/// What a closure allocated on the calling thread ([`allocations`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Allocations {
    /// Allocations made (a reallocation counts as one).
    pub count: u64,
    /// Bytes asked for in all: every allocation's size and every reallocation's new size.
    pub bytes: u64,
    /// The most bytes the closure held at once: the highest point of what it allocated minus what
    /// it freed, counted from where it started.
    pub peak: u64,
    /// What it still held when it returned: allocated minus freed (negative when it freed more
    /// than it allocated, memory from before).
    pub retained: i64,
}

impl Allocations {
    /// [`Self::peak`] in MiB (rounded down), for messages.
    pub fn peak_mib(&self) -> u64 {
        self.peak / (1024 * 1024)
    }
}

/// Restores the thread's tally as it was before [`allocations`], adding what was counted inside
/// to an enclosing count, also when the closure panics.
struct Restore {
    on: bool,
    live: i64,
    peak: i64,
    count: u64,
    bytes: u64,
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = TALLY.try_with(|t| {
            let inner_live = t.live.get();
            let inner_peak = t.peak.get();
            t.on.set(self.on);
            t.live.set(self.live + inner_live);
            t.peak.set(self.peak.max(self.live + inner_peak));
            t.count.set(self.count + t.count.get());
            t.bytes.set(self.bytes + t.bytes.get());
        });
    }
}

/// Runs `work` on the calling thread and returns what it allocated there: how many allocations,
/// how many bytes in all, and the most it held at once. Deterministic: other threads' allocations
/// are not counted. Measurements nest (an enclosing one includes the inner one's counts).
///
/// # Panics
///
/// When [`CountingAllocator`] is not the binary's global allocator (every count would be zero).
pub fn allocations<T>(work: impl FnOnce() -> T) -> (T, Allocations) {
    let before = TALLY.with(|t| {
        let before = Restore {
            on: t.on.get(),
            live: t.live.get(),
            peak: t.peak.get(),
            count: t.count.get(),
            bytes: t.bytes.get(),
        };
        t.on.set(true);
        t.live.set(0);
        t.peak.set(0);
        t.count.set(0);
        t.bytes.set(0);
        before
    });
    // A probe allocation: no count means the allocator is not installed.
    drop(std::hint::black_box(Box::new(0u8)));
    let probed = TALLY.with(|t| t.count.get());
    assert!(
        probed > 0,
        "crosswalk_robustness::CountingAllocator is not this binary's #[global_allocator]: nothing is counted"
    );
    TALLY.with(|t| {
        t.live.set(0);
        t.peak.set(0);
        t.count.set(0);
        t.bytes.set(0);
    });
    let value = work();
    let counted = TALLY.with(|t| Allocations {
        count: t.count.get(),
        bytes: t.bytes.get(),
        peak: u64::try_from(t.peak.get()).unwrap_or(0),
        retained: t.live.get(),
    });
    drop(before);
    (value, counted)
}

/// What C's `malloc` gives: blocks aligned for any type (16 bytes on the usual 64-bit targets).
const C_ALIGN: usize = 16;
/// The header before each block: its size, padded to keep the block aligned.
const HEADER: usize = C_ALIGN;

fn c_layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size.checked_add(HEADER)?, C_ALIGN).ok()
}

/// `malloc` over the Rust global allocator (a size header before each block), for C code whose
/// allocations should be counted: see the module documentation.
///
/// # Safety
///
/// The block must be given back with [`c_free`] or [`c_realloc`], never with C's `free`.
#[allow(unsafe_code)]
pub unsafe extern "C" fn c_malloc(size: usize) -> *mut c_void {
    let Some(layout) = c_layout(size) else { return std::ptr::null_mut() };
    // SAFETY: the layout has a non-zero size (the header); the header is written inside the
    // block, which is aligned for `usize`, and the block handed out starts after it.
    unsafe {
        let base = std::alloc::alloc(layout);
        if base.is_null() {
            return std::ptr::null_mut();
        }
        base.cast::<usize>().write(size);
        base.add(HEADER).cast()
    }
}

/// `realloc` over the Rust global allocator, for blocks from [`c_malloc`].
///
/// # Safety
///
/// `block` is null or a live block from [`c_malloc`] or [`c_realloc`].
#[allow(unsafe_code)]
pub unsafe extern "C" fn c_realloc(block: *mut c_void, size: usize) -> *mut c_void {
    if block.is_null() {
        // SAFETY: `realloc(NULL, n)` is `malloc(n)`.
        return unsafe { c_malloc(size) };
    }
    let Some(new_layout) = c_layout(size) else { return std::ptr::null_mut() };
    // SAFETY: the caller gives a block from `c_malloc`, so its header is `HEADER` bytes before it
    // and holds the size it was allocated with, which gives the layout it was allocated with.
    unsafe {
        let base = block.cast::<u8>().sub(HEADER);
        let old_size = base.cast::<usize>().read();
        let Some(old_layout) = c_layout(old_size) else { return std::ptr::null_mut() };
        let moved = std::alloc::realloc(base, old_layout, new_layout.size());
        if moved.is_null() {
            return std::ptr::null_mut();
        }
        moved.cast::<usize>().write(size);
        moved.add(HEADER).cast()
    }
}

/// `free` over the Rust global allocator, for blocks from [`c_malloc`].
///
/// # Safety
///
/// `block` is null or a live block from [`c_malloc`] or [`c_realloc`], freed once.
#[allow(unsafe_code)]
pub unsafe extern "C" fn c_free(block: *mut c_void) {
    if block.is_null() {
        return;
    }
    // SAFETY: as in `c_realloc`: the header gives the layout the block was allocated with.
    unsafe {
        let base = block.cast::<u8>().sub(HEADER);
        if let Some(layout) = c_layout(base.cast::<usize>().read()) {
            std::alloc::dealloc(base, layout);
        }
    }
}

/// Checks that the work of `run` grows linearly with its input: `run` on `make(2 * n)` may make
/// at most 2.5 times the allocations, allocate at most 2.5 times the bytes and hold at most 2.5
/// times the memory that it does on `make(n)` (twice is linear, four times quadratic; small
/// absolute slack allows for rounding). The inputs are made outside the counts. What runs without
/// allocating (a scan, a copy within a buffer) is not seen: this bounds allocation work only.
/// Choose a small `n` (a few thousand items): the counts do not need a large input, and a
/// quadratic regression then fails at once instead of running for minutes first.
///
/// # Panics
///
/// When the work grows faster, with both measurements in the message; as [`allocations`] does.
#[track_caller]
pub fn assert_linear<I>(label: &str, n: usize, make: impl Fn(usize) -> I, run: impl Fn(&I)) -> [Allocations; 2] {
    let measure = |size: usize| {
        let input = make(size);
        allocations(|| run(&input)).1
    };
    let (small, double) = (measure(n), measure(2 * n));
    eprintln!("{label}: for {n} {small:?}, for {} {double:?}", 2 * n);
    let within = |small: u64, double: u64, slack: u64| double <= small.saturating_mul(5) / 2 + slack;
    assert!(
        within(small.count, double.count, 16)
            && within(small.bytes, double.bytes, 4096)
            && within(small.peak, double.peak, 4096),
        "{label}: the work does not grow linearly: for {n} {small:?}, for {} {double:?}",
        2 * n
    );
    [small, double]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[global_allocator]
    static ALLOCATOR: CountingAllocator = CountingAllocator;

    #[test]
    fn counts_what_the_closure_allocates_and_holds() {
        let (kept, counted) = allocations(|| {
            let kept = std::hint::black_box(vec![0u8; 1000]);
            drop(std::hint::black_box(vec![0u8; 5000]));
            kept
        });
        assert_eq!(counted.count, 2);
        assert_eq!(counted.bytes, 6000);
        assert_eq!(counted.peak, 6000);
        assert_eq!(counted.retained, 1000);
        // Freeing memory from before lowers what is retained, not the peak.
        let ((), counted) = allocations(|| drop(kept));
        assert_eq!((counted.count, counted.peak, counted.retained), (0, 0, -1000));
    }

    #[test]
    fn a_reallocation_counts_once_at_its_new_size() {
        let mut v: Vec<u8> = Vec::with_capacity(100);
        let ((), counted) = allocations(|| v.reserve_exact(300));
        // One allocation of 300 bytes in all; the block grew by 200.
        assert_eq!((counted.count, counted.bytes, counted.peak, counted.retained), (1, 300, 200, 200));
    }

    #[test]
    fn other_threads_are_not_counted() {
        let ((), counted) = allocations(|| {
            std::thread::scope(|scope| {
                scope.spawn(|| drop(std::hint::black_box(vec![0u8; 1 << 20])));
            });
        });
        assert!(counted.bytes < 1 << 20, "{counted:?}");
    }

    #[test]
    fn measurements_nest() {
        let (inner, outer) = allocations(|| {
            let _a = std::hint::black_box(vec![0u8; 100]);
            let ((), inner) = allocations(|| drop(std::hint::black_box(vec![0u8; 400])));
            inner
        });
        assert_eq!((inner.count, inner.bytes, inner.peak), (1, 400, 400));
        assert_eq!((outer.count, outer.bytes, outer.peak, outer.retained), (2, 500, 500, 0));
    }

    #[test]
    #[allow(unsafe_code)]
    fn the_c_functions_allocate_through_the_counting_allocator() {
        let ((), counted) = allocations(|| {
            // SAFETY: each block is used within its size and given back once, by `c_free`.
            unsafe {
                let block = c_malloc(10);
                assert!(!block.is_null());
                assert_eq!(block as usize % C_ALIGN, 0);
                block.cast::<u8>().write_bytes(7, 10);
                let grown = c_realloc(block, 1000);
                assert!(!grown.is_null());
                assert_eq!(grown.cast::<u8>().add(9).read(), 7);
                c_free(grown);
                c_free(std::ptr::null_mut());
            }
        });
        assert_eq!(counted.count, 2);
        assert_eq!(counted.bytes, (10 + HEADER + 1000 + HEADER) as u64);
        assert_eq!(counted.retained, 0);
    }

    #[test]
    fn linear_work_passes_and_quadratic_work_fails() {
        let linear = |input: &usize| drop(std::hint::black_box(vec![0u8; *input]));
        assert_linear("linear", 1000, |n| n, linear);
        let quadratic = std::panic::catch_unwind(|| {
            assert_linear(
                "quadratic",
                1000,
                |n| n,
                |&n| {
                    for _ in 0..n {
                        drop(std::hint::black_box(vec![0u8; n]));
                    }
                },
            )
        });
        assert!(quadratic.is_err());
    }
}
