//! `libpave_token_jni`: the crate's safe API for the JVM, through the `jni`
//! crate; `pave.token.Native` declares these functions. Arrays are copied
//! out of the JVM before anything is computed. A `Signer` is known to Java
//! only by a number, looked up in a registry here, so no value Java passes
//! (a forged, stale or closed handle) can reach freed memory: it is
//! "closed". Errors are thrown as `pave.token.PaveException`; nothing
//! unwinds into the JVM (a panic would be a bug: it is thrown as an `Error`).

use jni::JNIEnv;
use jni::objects::{JByteArray, JClass, JObject, JValue};
use jni::sys::{jboolean, jint, jlong, jobjectArray, jstring};
use pave_token::{Error, TimeFormat};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{RwLock, RwLockWriteGuard};

/// What a call can fail with, before it is thrown into Java.
enum Failure {
    Pave(Error),
    Closed,
    Jni(jni::errors::Error),
}

impl From<jni::errors::Error> for Failure {
    fn from(e: jni::errors::Error) -> Self {
        Failure::Jni(e)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Pave(e)
    }
}

/// Runs `f`, throwing its failure (or a panic) into Java and returning `fallback` then.
fn call<'l, R>(
    env: &mut JNIEnv<'l>,
    fallback: R,
    f: impl FnOnce(&mut JNIEnv<'l>) -> Result<R, Failure>,
) -> R {
    let outcome = catch_unwind(AssertUnwindSafe(|| f(env)));
    let thrown = match outcome {
        Ok(Ok(value)) => return value,
        Ok(Err(Failure::Pave(error))) => throw_pave(env, error),
        Ok(Err(Failure::Closed)) => env.throw_new(
            "java/lang/IllegalStateException",
            "pave_token: the Signer is closed",
        ),
        // A pending Java exception (an OutOfMemoryError, say) is already thrown.
        Ok(Err(Failure::Jni(jni::errors::Error::JavaException))) => Ok(()),
        Ok(Err(Failure::Jni(e))) => env.throw_new(
            "java/lang/IllegalStateException",
            format!("pave_token: {e}"),
        ),
        Err(_) => env.throw_new("java/lang/Error", "pave_token: internal error"),
    };
    let _ = thrown; // if even throwing failed, the JVM has an exception pending already
    fallback
}

fn throw_pave(env: &mut JNIEnv, error: Error) -> jni::errors::Result<()> {
    let message = env.new_string(error.message())?;
    let status = jint::try_from(error.status()).unwrap_or(jint::MAX);
    let exception = env.new_object(
        "pave/token/PaveException",
        "(ILjava/lang/String;)V",
        &[JValue::Int(status), JValue::Object(&message)],
    )?;
    env.throw(jni::objects::JThrowable::from(exception))
}

fn time_format(code: jint) -> Result<TimeFormat, Failure> {
    let code = u32::try_from(code).map_err(|_| Error::InvalidArgument)?;
    Ok(TimeFormat::from_code(code)?)
}

fn bytes(env: &JNIEnv, array: &JByteArray) -> Result<Vec<u8>, Failure> {
    Ok(env.convert_byte_array(array)?)
}

/// Bytes of an array argument copied onto the stack; longer ones go to the heap.
const INLINE: usize = 512;

/// The first `length` bytes of `array`, copied out of the JVM by one JNI call
/// (a `length` past the array's end is Java's `ArrayIndexOutOfBoundsException`).
fn copy_in<R>(
    env: &JNIEnv,
    array: &JByteArray,
    length: jint,
    f: impl FnOnce(&[u8]) -> Result<R, Failure>,
) -> Result<R, Failure> {
    let length = usize::try_from(length).map_err(|_| Error::InvalidArgument)?;
    // jbyte is i8: the same bytes, made u8.
    if length > INLINE {
        let mut heap = vec![0i8; length];
        env.get_byte_array_region(array, 0, &mut heap)?;
        let heap: Vec<u8> = heap.into_iter().map(|b| b as u8).collect(); // in place
        return f(&heap);
    }
    let mut signed = [0i8; INLINE];
    env.get_byte_array_region(array, 0, &mut signed[..length])?;
    // Only the bytes read are made u8 (not the whole buffer).
    let mut bytes = [0u8; INLINE];
    for (byte, &b) in bytes[..length].iter_mut().zip(&signed[..length]) {
        *byte = b as u8;
    }
    f(&bytes[..length])
}

/// The 64 hex digits into Java's `out` (a `byte[64]`; JNI checks the bounds).
fn write_token(env: &JNIEnv, out: &JByteArray, token: &pave_token::Token) -> Result<(), Failure> {
    let digits = token.as_bytes().map(|b| b as i8);
    Ok(env.set_byte_array_region(out, 0, &digits)?)
}

fn string(env: &mut JNIEnv, text: &str) -> Result<jstring, Failure> {
    Ok(env.new_string(text)?.into_raw())
}

/// A `String[2]` of timestamp and token.
fn pair(env: &mut JNIEnv, timestamp: &str, token: &str) -> Result<jobjectArray, Failure> {
    let array = env.new_object_array(2, "java/lang/String", JObject::null())?;
    let (ts, tok) = (env.new_string(timestamp)?, env.new_string(token)?);
    env.set_object_array_element(&array, 0, ts)?;
    env.set_object_array_element(&array, 1, tok)?;
    Ok(array.into_raw())
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_token<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    fields: JByteArray<'l>,
    username_length: jint,
    api_key_length: jint,
    timestamp_length: jint,
    out: JByteArray<'l>,
) {
    call(&mut env, (), |env| {
        let length = env.get_array_length(&fields)?;
        copy_in(env, &fields, length, |fields| {
            let [u, k, t, s] = split4(fields, [username_length, api_key_length, timestamp_length])?;
            let token = pave_token::token(u, k, t, s)?;
            write_token(env, &out, &token)
        })
    })
}

/// The four fields of one array, by the lengths of the first three.
fn split4(fields: &[u8], lengths: [jint; 3]) -> Result<[&[u8]; 4], Failure> {
    let mut rest = fields;
    let mut parts = [&[][..]; 4];
    for (part, length) in parts.iter_mut().zip(lengths) {
        let length = usize::try_from(length).map_err(|_| Error::InvalidArgument)?;
        (*part, rest) = rest
            .split_at_checked(length)
            .ok_or(Error::InvalidArgument)?;
    }
    parts[3] = rest;
    Ok(parts)
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_tokenNow<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    username: JByteArray<'l>,
    api_key: JByteArray<'l>,
    api_secret: JByteArray<'l>,
    format: jint,
) -> jobjectArray {
    call(&mut env, std::ptr::null_mut(), |env| {
        let (u, k, s) = (
            bytes(env, &username)?,
            bytes(env, &api_key)?,
            bytes(env, &api_secret)?,
        );
        let (ts, token) = pave_token::token_now(u, k, s, time_format(format)?)?;
        pair(env, ts.as_str(), token.as_str())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_verify<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    username: JByteArray<'l>,
    api_key: JByteArray<'l>,
    timestamp: JByteArray<'l>,
    api_secret: JByteArray<'l>,
    token: JByteArray<'l>,
) -> jboolean {
    call(&mut env, 0, |env| {
        let (u, k) = (bytes(env, &username)?, bytes(env, &api_key)?);
        let (t, s, received) = (
            bytes(env, &timestamp)?,
            bytes(env, &api_secret)?,
            bytes(env, &token)?,
        );
        match pave_token::verify(u, k, t, s, received) {
            Ok(()) => Ok(1),
            Err(Error::TokenMismatch) => Ok(0),
            Err(e) => Err(e.into()),
        }
    })
}

/// `verify` and the timestamp within `max_skew` seconds of now (the clock's
/// when `use_clock`, else `now`): true, or the reason thrown.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)] // the C function's parameters, and the JNI pair
pub extern "system" fn Java_pave_token_Native_verifyFresh<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    username: JByteArray<'l>,
    api_key: JByteArray<'l>,
    timestamp: JByteArray<'l>,
    api_secret: JByteArray<'l>,
    token: JByteArray<'l>,
    use_clock: jboolean,
    now: jlong,
    max_skew: jlong,
) -> jboolean {
    call(&mut env, 0, |env| {
        let max_skew = u32::try_from(max_skew).map_err(|_| Error::InvalidArgument)?;
        let now = if use_clock != 0 {
            pave_token::unix_now()?
        } else {
            now
        };
        let (u, k) = (bytes(env, &username)?, bytes(env, &api_key)?);
        let (t, s, received) = (
            bytes(env, &timestamp)?,
            bytes(env, &api_secret)?,
            bytes(env, &token)?,
        );
        pave_token::verify_fresh(u, k, t, s, received, now, max_skew)?;
        Ok(1)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_timestamp<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    now: jboolean,
    unix_seconds: jlong,
    millis: jint,
    format: jint,
) -> jstring {
    call(&mut env, std::ptr::null_mut(), |env| {
        let format = time_format(format)?;
        let ts = if now != 0 {
            pave_token::timestamp_now(format)?
        } else {
            let millis = u32::try_from(millis).map_err(|_| Error::InvalidArgument)?;
            pave_token::format_timestamp(unix_seconds, millis, format)?
        };
        string(env, ts.as_str())
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_parseTimestamp<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    value: JByteArray<'l>,
) -> jlong {
    call(&mut env, 0, |env| {
        let value = bytes(env, &value)?;
        Ok(pave_token::parse_timestamp(value)?)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_version<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
) -> jstring {
    call(&mut env, std::ptr::null_mut(), |env| {
        string(env, env!("CARGO_PKG_VERSION"))
    })
}

/// Every open signer, by the number Java holds. Tokens are signed under the
/// read lock, so threads sign at once; closing a signer waits for them.
static SIGNERS: RwLock<BTreeMap<jlong, pave_token::Signer>> = RwLock::new(BTreeMap::new());
static NEXT_HANDLE: AtomicI64 = AtomicI64::new(1);

fn signers_mut() -> RwLockWriteGuard<'static, BTreeMap<jlong, pave_token::Signer>> {
    SIGNERS
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` on the open signer `handle` names.
fn with_signer<R>(
    handle: jlong,
    f: impl FnOnce(&pave_token::Signer) -> Result<R, Error>,
) -> Result<R, Failure> {
    let signers = SIGNERS
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let signer = signers.get(&handle).ok_or(Failure::Closed)?;
    Ok(f(signer)?)
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_signerNew<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    username: JByteArray<'l>,
    api_key: JByteArray<'l>,
    api_secret: JByteArray<'l>,
) -> jlong {
    call(&mut env, 0, |env| {
        let (u, k, s) = (
            bytes(env, &username)?,
            bytes(env, &api_key)?,
            bytes(env, &api_secret)?,
        );
        let signer = pave_token::Signer::new(u, k, s)?;
        let handle = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
        signers_mut().insert(handle, signer);
        Ok(handle)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_signerToken<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    _owner: JObject<'l>,
    handle: jlong,
    timestamp: JByteArray<'l>,
    timestamp_length: jint,
    out: JByteArray<'l>,
) {
    call(&mut env, (), |env| {
        let token = copy_in(env, &timestamp, timestamp_length, |t| {
            with_signer(handle, |signer| signer.token(t))
        })?;
        write_token(env, &out, &token)
    })
}

#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_signerTokenNow<'l>(
    mut env: JNIEnv<'l>,
    _: JClass<'l>,
    _owner: JObject<'l>,
    handle: jlong,
    format: jint,
) -> jobjectArray {
    call(&mut env, std::ptr::null_mut(), |env| {
        let format = time_format(format)?;
        let (ts, token) = with_signer(handle, |signer| signer.token_now(format))?;
        pair(env, ts.as_str(), token.as_str())
    })
}

/// Drops the signer, wiping its key material, once the tokens in flight are done; twice is fine.
#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_signerFree<'l>(
    _env: JNIEnv<'l>,
    _: JClass<'l>,
    handle: jlong,
) {
    signers_mut().remove(&handle);
}

/// How many signers are open (for tests of the release of collected ones).
#[unsafe(no_mangle)]
pub extern "system" fn Java_pave_token_Native_signerCount<'l>(
    _env: JNIEnv<'l>,
    _: JClass<'l>,
) -> jlong {
    SIGNERS
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .len() as jlong
}
