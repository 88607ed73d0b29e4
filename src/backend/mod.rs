//! Which implementation computes a token: the one dispatch point (as
//! BLAKE3's `platform.rs`), and the one place that calls the SHA-NI code,
//! after checking that the CPU has the instructions.
//!
//! - [`Backend::Portable`] (`portable.rs`): `sha2`'s compression function,
//!   block by block. Any CPU.
//! - [`Backend::X86Sha`] (`x86_sha/`): whole tokens in x86-64 SHA-NI
//!   registers. Compiled in where `build.rs` sets `pave_x86_sha`: x86-64
//!   without the `force-portable` feature.
//!
//! Every path wipes the stack it ran on, as deep as that path reaches
//! (`tests/c/stack_wipe.c` checks the depths).
//!
//! `unsafe` here: calling the `#[target_feature]` SHA-NI functions, sound
//! only on a CPU that has the features, which `x86_sha::CpuHasSha` proves.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub(crate) mod portable;
#[cfg(pave_x86_sha)]
mod x86_sha;

#[cfg(test)]
mod tests;

use crate::crypto::key::HmacKey;
use crate::crypto::sha256::Sha256Stream;
use crate::crypto::wipe::with_stack_wiped;

/// A token implementation this CPU can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    /// `sha2`'s compression function, block by block.
    Portable,
    /// x86-64 SHA-NI, SSE2, SSSE3 and SSE4.1: made only by [`Backend::x86_sha`].
    #[cfg(pave_x86_sha)]
    X86Sha(x86_sha::CpuHasSha),
}

impl Backend {
    /// The fastest backend this CPU runs (the portable one under
    /// `force-portable`). CPUID once, then one relaxed atomic load a call.
    #[inline]
    pub(crate) fn detect() -> Self {
        #[cfg(pave_x86_sha)]
        if let Some(sha) = Self::x86_sha() {
            return sha;
        }
        Backend::Portable
    }

    /// The SHA-NI backend, if this CPU has the instructions (valgrind and
    /// some emulators hide them).
    #[cfg(pave_x86_sha)]
    #[inline]
    pub(crate) fn x86_sha() -> Option<Self> {
        x86_sha::CpuHasSha::detect().map(Backend::X86Sha)
    }

    /// A short name, for tests and benchmarks.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn name(self) -> &'static str {
        match self {
            Backend::Portable => "portable",
            #[cfg(pave_x86_sha)]
            Backend::X86Sha(_) => "x86-sha",
        }
    }

    /// The one-shot token as hex, into `out`; the stack it used is wiped.
    #[inline]
    pub(crate) fn token(self, u: &[u8], k: &[u8], t: &[u8], s: &[u8], out: &mut [u8; 64]) {
        match self {
            Backend::Portable => *out = with_stack_wiped(|| portable::token(u, k, t, s)),
            #[cfg(pave_x86_sha)]
            Backend::X86Sha(_) => {
                crate::crypto::wipe::with_stack_wiped_to::<{ x86_sha::ONE_SHOT_WIPE }, _>(|| {
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
            #[cfg(pave_x86_sha)]
            Backend::X86Sha(_) => {
                crate::crypto::wipe::with_stack_wiped_to::<{ x86_sha::SIGNER_WIPE }, _>(|| {
                    // SAFETY: as in `token`: the proof is a CPUID check.
                    *out = unsafe { x86_sha::signer_token(key, prefix, timestamp) };
                })
            }
        }
    }
}
