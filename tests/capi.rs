//! The C ABI from Rust: vectors, bad input, cleared outputs, aliasing.
#![allow(unsafe_code)] // reads the C strings the library returns (CStr::from_ptr)
mod common;

use pave_token::TOKEN_SIZE;
use pave_token::capi::*;
use std::ffi::{CStr, c_char};

fn ptr(b: &[u8]) -> *const c_char {
    b.as_ptr().cast()
}

fn out_str(buf: &[u8]) -> &str {
    CStr::from_bytes_until_nul(buf).unwrap().to_str().unwrap()
}

fn call_token(u: &[u8], k: &[u8], t: &[u8], s: &[u8], out: &mut [u8]) -> pave_status {
    // The C contract: slices are valid for their lengths; `out` is writable for its length.
    pave_token(
        ptr(u),
        u.len(),
        ptr(k),
        k.len(),
        ptr(t),
        t.len(),
        ptr(s),
        s.len(),
        out.as_mut_ptr().cast(),
        out.len(),
    )
}

#[test]
fn vectors_through_the_c_abi() {
    for (u, k, t, s, want) in common::token_vectors() {
        let mut out = [0xAAu8; TOKEN_SIZE + 1];
        assert_eq!(call_token(&u, &k, &t, &s, &mut out[..TOKEN_SIZE]), PAVE_OK);
        assert_eq!(out_str(&out), want);
        assert_eq!(out[TOKEN_SIZE], 0xAA, "canary");
        let mut signer = std::ptr::null_mut();
        // The C contract: valid pairs; `signer` is a writable handle slot; freed below.
        {
            assert_eq!(
                pave_signer_new(
                    ptr(&u),
                    u.len(),
                    ptr(&k),
                    k.len(),
                    ptr(&s),
                    s.len(),
                    &mut signer
                ),
                PAVE_OK
            );
            let mut out2 = [0u8; TOKEN_SIZE];
            assert_eq!(
                pave_signer_token(
                    signer,
                    ptr(&t),
                    t.len(),
                    out2.as_mut_ptr().cast(),
                    out2.len()
                ),
                PAVE_OK
            );
            assert_eq!(out_str(&out2), want);
            pave_signer_free(signer);
            let w = want.as_bytes();
            assert_eq!(
                pave_token_verify(
                    ptr(&u),
                    u.len(),
                    ptr(&k),
                    k.len(),
                    ptr(&t),
                    t.len(),
                    ptr(&s),
                    s.len(),
                    ptr(w),
                    w.len()
                ),
                PAVE_OK
            );
        }
    }
}

#[test]
fn bad_input_statuses_and_cleared_outputs() {
    let mut out = [b'x'; 80];
    assert_eq!(
        call_token(b"", b"k", b"t", b"s", &mut out),
        PAVE_ERR_EMPTY_ARGUMENT
    );
    assert_eq!(out[0], 0);
    out[0] = b'x';
    assert_eq!(
        call_token(b"u", b"k", b"t", b"s", &mut out[..64]),
        PAVE_ERR_BUFFER_TOO_SMALL
    );
    assert_eq!(out[0], 0);
    assert_eq!(out[1], b'x', "nothing but the NUL written");
    // The C contract: NULL with a length is what is being rejected; nothing is read.
    let status = pave_token(
        std::ptr::null(),
        3,
        ptr(b"k"),
        1,
        ptr(b"t"),
        1,
        ptr(b"s"),
        1,
        out.as_mut_ptr().cast(),
        out.len(),
    );
    assert_eq!(status, PAVE_ERR_NULL_ARGUMENT);
    // The C contract: NULL output is rejected before any write.
    let status = pave_token(
        ptr(b"u"),
        1,
        ptr(b"k"),
        1,
        ptr(b"t"),
        1,
        ptr(b"s"),
        1,
        std::ptr::null_mut(),
        65,
    );
    assert_eq!(status, PAVE_ERR_NULL_ARGUMENT);
    let mut len = 99usize;
    // The C contract: writable buffers.
    {
        assert_eq!(
            pave_timestamp(
                0,
                1000,
                PAVE_TIME_UNIX,
                out.as_mut_ptr().cast(),
                out.len(),
                &mut len
            ),
            PAVE_ERR_INVALID_ARGUMENT
        );
        assert_eq!(len, 0);
        assert_eq!(
            pave_timestamp(0, 0, 3, out.as_mut_ptr().cast(), out.len(), &mut len),
            PAVE_ERR_INVALID_ARGUMENT
        );
        assert_eq!(
            pave_timestamp(
                0,
                0,
                PAVE_TIME_RFC3339,
                out.as_mut_ptr().cast(),
                20,
                &mut len
            ),
            PAVE_ERR_BUFFER_TOO_SMALL
        );
        assert_eq!(
            pave_timestamp(
                0,
                0,
                PAVE_TIME_RFC3339,
                out.as_mut_ptr().cast(),
                21,
                &mut len
            ),
            PAVE_OK
        );
        assert_eq!((out_str(&out), len), ("1970-01-01T00:00:00Z", 20));
        let mut secs = 5i64;
        assert_eq!(
            pave_timestamp_parse(ptr(b"x"), 1, &mut secs),
            PAVE_ERR_INVALID_TIMESTAMP
        );
        assert_eq!(secs, 0);
    }
}

#[test]
fn output_may_alias_an_input() {
    let want = pave_token::token("u", "k", "2021-05-30T12:49:19Z", "s").unwrap();
    let mut buf = [0u8; 80];
    buf[..20].copy_from_slice(b"2021-05-30T12:49:19Z");
    let p = buf.as_mut_ptr();
    // The C contract: the timestamp input and the output are the same writable buffer,
    // which the contract allows.
    let status = pave_token(
        ptr(b"u"),
        1,
        ptr(b"k"),
        1,
        p.cast(),
        20,
        ptr(b"s"),
        1,
        p.cast(),
        80,
    );
    assert_eq!(status, PAVE_OK);
    assert_eq!(out_str(&buf), want.as_str());
}

#[test]
fn status_messages_and_version() {
    for status in [0, 1, 2, 3, 4, 5, 6, 7, 255, 8, 1000, u32::MAX] {
        // SAFETY: static NUL-terminated string.
        let message = unsafe { CStr::from_ptr(pave_status_message(status)) };
        assert!(!message.is_empty());
    }
    // SAFETY: static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(pave_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}
