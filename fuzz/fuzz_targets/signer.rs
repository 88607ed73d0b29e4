//! Signers: username, api_key and secret, then any number of timestamps,
//! each with its own output size; every token checked against RustCrypto's
//! HMAC and against the one-shot function.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pave_token_fuzz::{Output, c, capi, check_token, exact, expected, fields};

fuzz_target!(|data: &[u8]| {
    let f = fields(data, 4);
    let [u, k, s] = [f[0], f[1], f[2]].map(exact);
    let ((up, ul), (kp, kl), (sp, sl)) = (c(&u), c(&k), c(&s));
    let mut signer = std::ptr::null_mut();
    // The C contract: exact heap copies; `signer` is a writable handle slot.
    let status = capi::pave_signer_new(up, ul, kp, kl, sp, sl, &mut signer);
    if u.is_empty() || k.is_empty() || s.is_empty() {
        assert_eq!(status, capi::PAVE_ERR_EMPTY_ARGUMENT);
        assert!(signer.is_null());
        return;
    }
    assert_eq!(status, capi::PAVE_OK);
    // Each timestamp is a line; its first byte picks the output size.
    for line in f[3].split(|&b| b == b'\n').take(64) {
        let (size_byte, t) = line.split_first().map_or((0, &[][..]), |(b, t)| (*b, t));
        let size = usize::from(size_byte) % (capi::PAVE_TOKEN_SIZE + 8);
        let t = exact(t);
        let want = expected(&[&t], &u, &k, &t, &s, size);
        let mut out = Output::new(size);
        let (tp, tl) = c(&t);
        // The C contract: a live signer; an exact copy; `out` is writable for its size.
        let status = capi::pave_signer_token(signer, tp, tl, out.ptr(), out.size());
        check_token(status, &out, &want, "pave_signer_token");
    }
    // The C contract: a live signer, freed once.
    capi::pave_signer_free(signer);
});
