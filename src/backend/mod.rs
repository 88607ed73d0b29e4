//! Which implementation computes a token: the one dispatch point (as
//! BLAKE3's `platform.rs`), and the one place that calls the SHA-NI code,
//! after checking that the CPU has the instructions.
//!
//! - [`Backend::Portable`] (`portable.rs`): `sha2`'s compression function,
//!   block by block. Any CPU.
//! - [`Backend::X86Sha`] (`x86_sha/`): whole tokens in x86-64 SHA-NI
//!   registers. Compiled out by the `force-portable` feature, which makes
//!   every build use the portable path on any CPU.
//!
//! Every path wipes the stack it ran on, as deep as that path reaches
//! (`tests/c/stack_wipe.c` checks the depths).
//!
//! `unsafe` here: calling the `#[target_feature]` SHA-NI functions, sound
//! only on a CPU that has the features, which `Backend::x86_sha` checks.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub(crate) mod portable;
#[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
mod x86_sha;

#[cfg(test)]
mod tests;

use crate::key::HmacKey;
use crate::sha256::Sha256Stream;
use crate::wipe::with_stack_wiped;

/// Stack bytes wiped after a SHA-NI one-shot token, which keeps its states
/// in registers but spills some while both key pads are compressed side by
/// side. tests/c/stack_wipe.c finds key material left with 384 bytes wiped
/// and none with 512. Each 256 bytes wiped costs about 4 ns, so the sizes
/// are kept tight, and that test (part of `make test`) fails if a compiler
/// ever spills deeper.
#[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
const X86_SHA_ONE_SHOT_WIPE: usize = 512;
/// As [`X86_SHA_ONE_SHOT_WIPE`], for a signer's token, which spills while
/// its last blocks are assembled (key material left with 128, none with 256).
#[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
const X86_SHA_SIGNER_WIPE: usize = 256;

/// A token implementation this CPU can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    /// `sha2`'s compression function, block by block.
    Portable,
    /// x86-64 SHA-NI, SSE2, SSSE3 and SSE4.1: made only by [`Backend::x86_sha`].
    #[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
    X86Sha(CpuHasSha),
}

/// Proof that CPUID found every feature `x86_sha` is compiled for; only
/// [`Backend::x86_sha`] makes one.
#[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CpuHasSha(());

#[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
cpufeatures::new!(cpu_sha, "sha", "sse2", "ssse3", "sse4.1");

impl Backend {
    /// The fastest backend this CPU runs (the portable one under
    /// `force-portable`). CPUID once, then one relaxed atomic load a call.
    #[inline]
    pub(crate) fn detect() -> Self {
        #[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
        if let Some(sha) = Self::x86_sha() {
            return sha;
        }
        Backend::Portable
    }

    /// The SHA-NI backend, if this CPU has the instructions (valgrind and
    /// some emulators hide them).
    #[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
    #[inline]
    pub(crate) fn x86_sha() -> Option<Self> {
        cpu_sha::init_get()
            .1
            .then_some(Backend::X86Sha(CpuHasSha(())))
    }

    /// A short name, for tests and benchmarks.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn name(self) -> &'static str {
        match self {
            Backend::Portable => "portable",
            #[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
            Backend::X86Sha(_) => "x86-sha",
        }
    }

    /// The one-shot token as hex, into `out`; the stack it used is wiped.
    #[inline]
    pub(crate) fn token(self, u: &[u8], k: &[u8], t: &[u8], s: &[u8], out: &mut [u8; 64]) {
        match self {
            Backend::Portable => *out = with_stack_wiped(|| portable::token(u, k, t, s)),
            #[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
            Backend::X86Sha(CpuHasSha(())) => {
                crate::wipe::with_stack_wiped_to::<X86_SHA_ONE_SHOT_WIPE, _>(|| {
                    // SAFETY: a `CpuHasSha` exists only where CPUID found every
                    // feature `x86_sha::token` is compiled for.
                    *out = unsafe { x86_sha::token(u, k, t, s) };
                })
            }
        }
    }

    /// A signer's token as hex, into `out`; the stack it used is wiped.
    #[inline]
    pub(crate) fn signer_token(
        self,
        key: &HmacKey,
        prefix: &Sha256Stream,
        timestamp: &[u8],
        out: &mut [u8; 64],
    ) {
        match self {
            Backend::Portable => {
                *out = with_stack_wiped(|| portable::signer_token(key, prefix, timestamp))
            }
            #[cfg(all(target_arch = "x86_64", not(feature = "force-portable")))]
            Backend::X86Sha(CpuHasSha(())) => {
                crate::wipe::with_stack_wiped_to::<X86_SHA_SIGNER_WIPE, _>(|| {
                    // SAFETY: as in `token`: the proof is a CPUID check.
                    *out = unsafe { x86_sha::signer_token(key, prefix, timestamp) };
                })
            }
        }
    }
}
