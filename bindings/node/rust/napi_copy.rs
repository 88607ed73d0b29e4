//! The addon's only `unsafe`: the two conversions at the Node-API boundary
//! done here rather than by napi-rs, because napi-rs makes them with a heap
//! allocation and two engine calls each, which was most of a token's cost.
//!
//! - [`Text`], an argument: a string is copied out as UTF-8 by one
//!   `napi_get_value_string_utf8` into a buffer on the stack (a longer one is
//!   copied to the heap); a `Uint8Array`/`Buffer` has its bytes copied the same
//!   way, so what is signed is a private copy that no other thread (a
//!   `SharedArrayBuffer` in a worker) can change while it is hashed. Any other
//!   value is an `InvalidArg` error (`index.js` makes it a `TypeError`), and no
//!   JavaScript runs during the conversion.
//! - [`Ascii`], a result: a token or timestamp made a JavaScript string by
//!   `napi_create_string_latin1` (ASCII is Latin-1), no UTF-8 decoding.

use core::ffi::c_void;
use core::ptr;
use napi::bindgen_prelude::{FromNapiValue, ToNapiValue, TypeName};
use napi::{Error, Result, Status, ValueType, sys};

/// Bytes a text argument holds on the stack; timestamps, API keys and
/// usernames fit, as do secrets up to this size.
const INLINE: usize = 256;

/// A text argument's bytes (see the module's comment).
#[expect(
    clippy::large_enum_variant,
    reason = "on the stack is the point: a call's few arguments, never stored"
)]
pub enum Text {
    Inline { bytes: [u8; INLINE], len: usize },
    Heap(Vec<u8>),
}

impl Text {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Text::Inline { bytes, len } => &bytes[..*len],
            Text::Heap(bytes) => bytes,
        }
    }

    fn copy_of(data: &[u8]) -> Text {
        if data.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..data.len()].copy_from_slice(data);
            Text::Inline {
                bytes,
                len: data.len(),
            }
        } else {
            Text::Heap(data.to_vec())
        }
    }
}

fn check(status: sys::napi_status, what: &str) -> Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(Error::new(
            Status::from(status),
            format!("pave-token: {what} failed"),
        ))
    }
}

fn wrong_type() -> Error {
    Error::new(
        Status::InvalidArg,
        "expected a string or a Uint8Array/Buffer",
    )
}

/// A string's UTF-8 (lone surrogates become U+FFFD, as Node's own does).
///
/// # Safety
/// `env` and `value` are the current call's, and `value` is a string.
unsafe fn utf8_of(env: sys::napi_env, value: sys::napi_value) -> Result<Text> {
    let mut bytes = [0u8; INLINE];
    let mut len = 0usize;
    // SAFETY: `bytes` is writable for INLINE bytes, which is the size passed;
    // Node writes at most INLINE - 1 bytes and a NUL, and `len` is a valid
    // place for the count it writes.
    let status = unsafe {
        sys::napi_get_value_string_utf8(
            env,
            value,
            bytes.as_mut_ptr().cast(),
            bytes.len(),
            &mut len,
        )
    };
    check(status, "reading a string")?;
    // The next character, if there was one, takes at most 4 bytes: with that
    // much room left, none was left out (whether or not Node splits a
    // character at the end of the buffer).
    if len + 4 < INLINE {
        return Ok(Text::Inline { bytes, len }); // read in place: no second copy
    }
    let mut needed = 0usize;
    // SAFETY: with a null buffer Node writes only the length, into `needed`.
    let status =
        unsafe { sys::napi_get_value_string_utf8(env, value, ptr::null_mut(), 0, &mut needed) };
    check(status, "measuring a string")?;
    let mut heap = vec![0u8; needed + 1];
    // SAFETY: `heap` is writable for its whole length, which is the size
    // passed (the string's UTF-8 and a NUL); `len` receives the count.
    let status = unsafe {
        sys::napi_get_value_string_utf8(env, value, heap.as_mut_ptr().cast(), heap.len(), &mut len)
    };
    check(status, "reading a string")?;
    heap.truncate(len);
    Ok(Text::Heap(heap))
}

/// A `Uint8Array`'s (or `Buffer`'s) bytes, copied; other typed arrays are
/// not text.
///
/// # Safety
/// `env` and `value` are the current call's, and `value` is a typed array.
unsafe fn bytes_of_array(env: sys::napi_env, value: sys::napi_value) -> Result<Text> {
    let mut kind = 0;
    let mut len = 0usize;
    let mut data: *mut c_void = ptr::null_mut();
    // SAFETY: every out-pointer is a valid place of its type; the array
    // buffer and offset are not wanted, which Node allows as null.
    let status = unsafe {
        sys::napi_get_typedarray_info(
            env,
            value,
            &mut kind,
            &mut len,
            &mut data,
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    check(status, "reading a Uint8Array")?;
    if kind != sys::TypedarrayType::uint8_array {
        return Err(wrong_type());
    }
    if data.is_null() || len == 0 {
        return Ok(Text::copy_of(&[])); // empty, or its buffer was detached
    }
    // SAFETY: Node gives `data` as the start of the array's `len` bytes
    // (a Uint8Array's length is in bytes), already past its byte offset;
    // the array is the call's argument, so its buffer stays alive, and no
    // JavaScript runs (none can detach it) before the bytes are copied here.
    let array = unsafe { core::slice::from_raw_parts(data.cast::<u8>(), len) };
    Ok(Text::copy_of(array))
}

impl FromNapiValue for Text {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> Result<Self> {
        let mut kind = 0;
        // SAFETY: `env`/`value` are the call's (napi-rs passes its own);
        // `kind` is a valid place for the type Node writes.
        check(unsafe { sys::napi_typeof(env, value, &mut kind) }, "typeof")?;
        if kind == sys::ValueType::napi_string {
            // SAFETY: as above, and `value` is a string.
            return unsafe { utf8_of(env, value) };
        }
        if kind != sys::ValueType::napi_object {
            return Err(wrong_type());
        }
        let mut is_typed_array = false;
        // SAFETY: as above; `is_typed_array` is a valid place for a bool.
        let status = unsafe { sys::napi_is_typedarray(env, value, &mut is_typed_array) };
        check(status, "checking for a Uint8Array")?;
        if !is_typed_array {
            return Err(wrong_type());
        }
        // SAFETY: as above, and `value` is a typed array.
        unsafe { bytes_of_array(env, value) }
    }
}

impl TypeName for Text {
    fn type_name() -> &'static str {
        "string | Uint8Array"
    }
    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

/// An ASCII result (a token or a timestamp) as a JavaScript string.
pub struct Ascii<T>(pub T);

impl<T: AsRef<[u8]>> ToNapiValue for Ascii<T> {
    unsafe fn to_napi_value(env: sys::napi_env, value: Self) -> Result<sys::napi_value> {
        let text = value.0.as_ref();
        debug_assert!(
            text.is_ascii(),
            "only tokens and timestamps are returned as Latin-1"
        );
        let mut result = ptr::null_mut();
        // SAFETY: `text` is readable for the length passed; `result` is a
        // valid place for the new string's handle.
        let status = unsafe {
            sys::napi_create_string_latin1(
                env,
                text.as_ptr().cast(),
                text.len() as isize,
                &mut result,
            )
        };
        check(status, "making a string")?;
        Ok(result)
    }
}

impl<T> TypeName for Ascii<T> {
    fn type_name() -> &'static str {
        "string"
    }
    fn value_type() -> ValueType {
        ValueType::String
    }
}
