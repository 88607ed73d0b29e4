//! pave_token and pave_token_cstr: any four fields (tab-separated), any
//! output size; every result checked against RustCrypto's HMAC.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pave_token_fuzz::{Output, c, capi, check_token, exact, expected, fields, size_from};
use std::ffi::CString;

fuzz_target!(|data: &[u8]| {
    let f = fields(data, 5);
    let [u, k, t, s] = [f[0], f[1], f[2], f[3]].map(exact);
    let size = size_from(f[4].first(), capi::PAVE_TOKEN_SIZE);
    let want = expected(&f[..4], &u, &k, &t, &s, size);

    let mut out = Output::new(size);
    let ((up, ul), (kp, kl), (tp, tl), (sp, sl)) = (c(&u), c(&k), c(&t), c(&s));
    // The C contract: exact heap copies valid for their lengths; `out` is writable for its size.
    let status = capi::pave_token(up, ul, kp, kl, tp, tl, sp, sl, out.ptr(), out.size());
    check_token(status, &out, &want, "pave_token");

    // The same through NUL-terminated strings, when the fields have no NUL.
    if let (Ok(u), Ok(k), Ok(t), Ok(s)) = (
        CString::new(&*u),
        CString::new(&*k),
        CString::new(&*t),
        CString::new(&*s),
    ) {
        let mut out = Output::new(size);
        // The C contract: NUL-terminated strings; `out` is writable for its size.
        let status = capi::pave_token_cstr(
            u.as_ptr(),
            k.as_ptr(),
            t.as_ptr(),
            s.as_ptr(),
            out.ptr(),
            out.size(),
        );
        check_token(status, &out, &want, "pave_token_cstr");
    }
});
