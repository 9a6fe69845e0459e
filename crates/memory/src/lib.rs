//! A memory limit for work that cannot be interrupted.
//!
//! Typst compiles a report template with no way to stop it from outside: a custom template
//! that builds a list of a billion items asks the allocator for tens of gigabytes, and
//! Rust's answer to a failed allocation is to abort the whole process. [`Limited`] is a global
//! allocator over the platform's (mimalloc on Linux, else the system's) that counts the
//! bytes in use; when a thread that is not [exempt](exempt_this_thread) asks for memory that
//! would take the process past the [limit](set_limit), it is not given the memory: the
//! request is recorded ([`exceeded`] becomes true) and that thread waits for ever, holding
//! no more than it had. Whoever is waiting for the work (sendbench's report engine) sees the
//! flag, reports a clear error naming the template and the limit, and the command ends,
//! taking the thread with it.
//!
//! It applies only to programs that install it (`#[global_allocator]`), as the sendbench
//! binary does; without it [`allocated`] stays 0 and nothing is ever refused. The count is
//! of heap bytes requested, not the process's resident size (which adds the program itself,
//! stacks and the allocator's own overhead).

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};

// What the counted memory comes from: on Linux mimalloc, not the C library's allocator.
// musl's serialises threads (a build ran 1.55 times slower); glibc's spent 15% of a
// two-worker build's cycles in malloc and free, and left the cores idle while threads
// waited on its arena locks (a thread freeing what another allocated). Elsewhere (Windows,
// WebAssembly) the system's.
#[cfg(target_os = "linux")]
use mimalloc::MiMalloc as Inner;
#[cfg(not(target_os = "linux"))]
use std::alloc::System as Inner;
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

/// The inner allocator, counted and limited. Install it with
/// `#[global_allocator] static ALLOCATOR: sendbench_memory::Limited = sendbench_memory::Limited;`.
pub struct Limited;

// Counted only while a limit is set (the sandbox sets one before it does anything else): a
// count every thread adds to on every allocation is a cache line the cores fight over, in a
// build whose main process has no limit (5% of a 500-school build, benches/build.md). Memory allocated before the limit was set and
// freed after takes the count below what is in use, even below zero: signed, and generous
// by that much, never mean.
static ALLOCATED: AtomicIsize = AtomicIsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
static EXCEEDED: AtomicBool = AtomicBool::new(false);

thread_local! {
    // A const initialiser and no destructor: reading it never allocates, which an
    // allocator must not do.
    static EXEMPT: Cell<bool> = const { Cell::new(false) };
}

/// Heap bytes in use now, as counted since a limit was set (0 when none has been, or unless
/// [`Limited`] is the global allocator).
pub fn allocated() -> usize {
    usize::try_from(ALLOCATED.load(Ordering::Relaxed)).unwrap_or(0)
}

/// The limit on heap bytes in use, if one is set.
pub fn limit() -> Option<usize> {
    Some(LIMIT.load(Ordering::Relaxed)).filter(|&l| l != usize::MAX)
}

/// Sets (or with `None`, lifts) the limit on heap bytes in use by the whole process.
pub fn set_limit(bytes: Option<usize>) {
    LIMIT.store(bytes.unwrap_or(usize::MAX), Ordering::Relaxed);
}

/// Whether some thread has asked for memory past the limit (and is now waiting for ever).
/// Once true it stays true: the process should finish what it can report and end.
pub fn exceeded() -> bool {
    EXCEEDED.load(Ordering::SeqCst)
}

/// Exempts the calling thread from the limit: its requests are always passed to the inner
/// allocator. For the thread that reports the error (the main thread), which must not be the
/// one made to wait.
pub fn exempt_this_thread() {
    EXEMPT.with(|e| e.set(true));
}

/// Counts `size` more bytes in use, or, if that would pass the limit on a thread that is not
/// exempt, records the excess and never returns.
fn reserve(size: usize) {
    let limit = LIMIT.load(Ordering::Relaxed);
    if limit == usize::MAX {
        return;
    }
    // A layout's size is at most `isize::MAX`, so neither conversion changes a value that
    // matters.
    let (size, limit) = (size as isize, isize::try_from(limit).unwrap_or(isize::MAX));
    let before = ALLOCATED.fetch_add(size, Ordering::Relaxed);
    if before.saturating_add(size) > limit && !EXEMPT.try_with(Cell::get).unwrap_or(true) {
        ALLOCATED.fetch_sub(size, Ordering::Relaxed);
        EXCEEDED.store(true, Ordering::SeqCst);
        // Sleeping allocates nothing; the thread ends with the process.
        loop {
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    }
}

fn release(size: usize) {
    if LIMIT.load(Ordering::Relaxed) != usize::MAX {
        ALLOCATED.fetch_sub(size as isize, Ordering::Relaxed);
    }
}

// SAFETY: every method passes its arguments unchanged to the inner allocator, which upholds
// `GlobalAlloc`'s contract; the bookkeeping around it touches only atomics and a const
// thread-local, and never allocates or unwinds.
unsafe impl GlobalAlloc for Limited {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        let pointer = unsafe { Inner.alloc(layout) };
        if pointer.is_null() {
            release(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: as for `alloc`.
        let pointer = unsafe { Inner.alloc_zeroed(layout) };
        if pointer.is_null() {
            release(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: `pointer` came from this allocator (so from `Inner`) with `layout`.
        unsafe { Inner.dealloc(pointer, layout) };
        release(layout.size());
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            reserve(new_size - layout.size());
        }
        // SAFETY: the caller's pointer, layout and size, as `GlobalAlloc::realloc` requires.
        let moved = unsafe { Inner.realloc(pointer, layout, new_size) };
        if moved.is_null() {
            if new_size > layout.size() {
                release(new_size - layout.size());
            }
        } else if new_size < layout.size() {
            release(layout.size() - new_size);
        }
        moved
    }
}
