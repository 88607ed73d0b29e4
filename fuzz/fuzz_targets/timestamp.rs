//! pave_timestamp_parse on any bytes, against an independent parser; every
//! accepted instant formatted in all three formats (any output size) and
//! parsed back; and any 64-bit instant formatted.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pave_token_fuzz::{Output, c, capi, exact, reference_parse, size_from};

/// Formats `seconds` in `format` into a buffer of `size`; the string, or the status.
fn format(seconds: i64, millis: u32, format: u32, size: usize) -> Result<Vec<u8>, u32> {
    let mut out = Output::new(size);
    let mut len = usize::MAX;
    // The C contract: `out` is writable for its size; `len` is a writable usize.
    let status = capi::pave_timestamp(seconds, millis, format, out.ptr(), out.size(), &mut len);
    if status != capi::PAVE_OK {
        out.assert_cleared();
        assert_eq!(len, 0);
        return Err(status);
    }
    let text = out.string().to_vec();
    assert_eq!(len, text.len());
    Ok(text)
}

fn parse(text: &[u8]) -> Result<i64, u32> {
    let text = exact(text);
    let (p, l) = c(&text);
    let mut seconds = 7;
    // The C contract: an exact heap copy; `seconds` is writable.
    let status = capi::pave_timestamp_parse(p, l, &mut seconds);
    if status == capi::PAVE_OK {
        Ok(seconds)
    } else {
        assert_eq!(seconds, 0);
        Err(status)
    }
}

fuzz_target!(|data: &[u8]| {
    let parsed = parse(data);
    match reference_parse(data) {
        Some(want) => assert_eq!(parsed, Ok(want), "{:?}", String::from_utf8_lossy(data)),
        None => assert_eq!(
            parsed,
            Err(capi::PAVE_ERR_INVALID_TIMESTAMP),
            "{:?}",
            String::from_utf8_lossy(data)
        ),
    }
    let millis = (data.len() * 37 % 1000) as u32;
    let mut instants = vec![];
    if let Ok(seconds) = parsed {
        instants.push(seconds);
    }
    if let Some(bytes) = data.first_chunk::<8>() {
        instants.push(i64::from_le_bytes(*bytes));
    }
    for seconds in instants {
        let in_range =
            (pave_token::MIN_UNIX_SECONDS..=pave_token::MAX_UNIX_SECONDS).contains(&seconds);
        for fmt in [
            capi::PAVE_TIME_RFC3339,
            capi::PAVE_TIME_UNIX,
            capi::PAVE_TIME_RFC3339_MILLIS,
        ] {
            match format(seconds, millis, fmt, capi::PAVE_TIMESTAMP_SIZE) {
                Ok(text) => {
                    assert!(in_range);
                    assert_eq!(parse(&text), Ok(seconds));
                    assert_eq!(reference_parse(&text), Some(seconds));
                    if fmt == capi::PAVE_TIME_UNIX {
                        assert_eq!(text, seconds.to_string().into_bytes());
                    }
                    // Every smaller buffer is refused, and the exact one accepted.
                    let size = size_from(data.last(), text.len() + 1);
                    let again = format(seconds, millis, fmt, size);
                    assert_eq!(
                        again.is_ok(),
                        size > text.len(),
                        "size {size} for {}",
                        text.len()
                    );
                }
                Err(status) => {
                    assert!(!in_range);
                    assert_eq!(status, capi::PAVE_ERR_INVALID_TIMESTAMP);
                }
            }
        }
    }
});
