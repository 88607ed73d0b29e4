//! `pave_token._native`: the crate's safe API for Python, through PyO3.
//!
//! Every argument is converted before anything is computed, and converted
//! to immutable or owned bytes: `str` as its UTF-8 form (a lone surrogate
//! raises `UnicodeEncodeError`), `bytes` as it is, `bytearray` and
//! `memoryview` as a copy of their bytes, anything else a `TypeError`. So no user code (an
//! `__index__`, another thread) can run while a token is computed, and none
//! can free or change what the computation reads: a `Signer` closed by a
//! conversion hook is closed before its key is looked up.

use pave_token::{Error, TimeFormat};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyMemoryView, PyString};
use std::borrow::Cow;
use std::sync::Mutex;

/// The bytes a text or bytes-like argument stands for.
fn bytes_of<'a>(value: &'a Bound<'_, PyAny>, name: &str) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(text) = value.cast::<PyString>() {
        // A str's UTF-8 form is immutable and lives as long as the str.
        return Ok(Cow::Borrowed(text.to_str()?.as_bytes()));
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(array) = value.cast::<PyByteArray>() {
        return Ok(Cow::Owned(array.to_vec()));
    }
    if value.is_exact_instance_of::<PyMemoryView>() {
        let copy = value.call_method0("tobytes")?;
        return Ok(Cow::Owned(copy.cast::<PyBytes>()?.as_bytes().to_vec()));
    }
    Err(PyTypeError::new_err(format!(
        "pave_token: {name} must be str, bytes, bytearray or memoryview, not {}",
        value.get_type().name()?
    )))
}

/// The four fields of a signed message, converted in order.
fn message_fields<'a>(
    username: &'a Bound<'_, PyAny>,
    api_key: &'a Bound<'_, PyAny>,
    timestamp: &'a Bound<'_, PyAny>,
    api_secret: &'a Bound<'_, PyAny>,
) -> PyResult<[Cow<'a, [u8]>; 4]> {
    Ok([
        bytes_of(username, "username")?,
        bytes_of(api_key, "api_key")?,
        bytes_of(timestamp, "timestamp")?,
        bytes_of(api_secret, "api_secret")?,
    ])
}

/// `pave_token.PaveError(status, message)`, raised for an error of the library.
fn pave_error(py: Python<'_>, error: Error) -> PyErr {
    let raised = py
        .import("pave_token")
        .and_then(|module| module.getattr("PaveError"))
        .and_then(|class| class.call1((error.status(), error.message())));
    match raised {
        Ok(exception) => PyErr::from_value(exception),
        Err(failure) => failure,
    }
}

/// A time format from its number (the header's `PAVE_TIME_*`); any other
/// integer, however large or negative, is an invalid argument.
fn time_format(py: Python<'_>, format: &Bound<'_, PyAny>) -> PyResult<TimeFormat> {
    let code = format
        .extract::<u32>()
        .map_err(|e| overflow_as(py, e, Error::InvalidArgument))?;
    TimeFormat::from_code(code).map_err(|e| pave_error(py, e))
}

/// An integer out of a parameter's range is the library's `error`, not an OverflowError.
fn overflow_as(py: Python<'_>, e: PyErr, error: Error) -> PyErr {
    if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) {
        pave_error(py, error)
    } else {
        e
    }
}

/// token(username, api_key, timestamp, api_secret) -> str
#[pyfunction]
fn token(
    py: Python<'_>,
    username: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    api_secret: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let [u, k, t, s] = message_fields(username, api_key, timestamp, api_secret)?;
    let token = pave_token::token(&u, &k, &t, &s).map_err(|e| pave_error(py, e))?;
    Ok(token.as_str().to_owned())
}

/// token_now(username, api_key, api_secret, format=RFC3339) -> (timestamp, token)
#[pyfunction]
#[pyo3(signature = (username, api_key, api_secret, format = None))]
fn token_now(
    py: Python<'_>,
    username: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    api_secret: &Bound<'_, PyAny>,
    format: Option<&Bound<'_, PyAny>>,
) -> PyResult<(String, String)> {
    let (u, k) = (
        bytes_of(username, "username")?,
        bytes_of(api_key, "api_key")?,
    );
    let s = bytes_of(api_secret, "api_secret")?;
    let format = format.map_or(Ok(TimeFormat::Rfc3339), |f| time_format(py, f))?;
    let (ts, token) = pave_token::token_now(&u, &k, &s, format).map_err(|e| pave_error(py, e))?;
    Ok((ts.as_str().to_owned(), token.as_str().to_owned()))
}

/// verify(username, api_key, timestamp, api_secret, token) -> bool
#[pyfunction]
fn verify(
    py: Python<'_>,
    username: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    api_secret: &Bound<'_, PyAny>,
    token: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    let [u, k, t, s] = message_fields(username, api_key, timestamp, api_secret)?;
    let received = bytes_of(token, "token")?;
    match pave_token::verify(&u, &k, &t, &s, &received) {
        Ok(()) => Ok(true),
        Err(Error::TokenMismatch) => Ok(false),
        Err(e) => Err(pave_error(py, e)),
    }
}

/// verify_fresh(username, api_key, timestamp, api_secret, token, now=None,
/// max_skew=MAX_SKEW_SECONDS) -> True: the token is right (constant time,
/// checked first) and the timestamp within `max_skew` seconds of `now` (Unix
/// seconds; None: the system clock). A rejection raises PaveError with the
/// reason as its status (TOKEN_MISMATCH, INVALID_TIMESTAMP, TIMESTAMP_SKEW),
/// so it is never False: a caller that forgets to look at the result still
/// rejects.
#[pyfunction]
#[pyo3(signature = (username, api_key, timestamp, api_secret, token, now = None, max_skew = None))]
#[allow(clippy::too_many_arguments)] // the C function's parameters, by name
fn verify_fresh(
    py: Python<'_>,
    username: &Bound<'_, PyAny>,
    api_key: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    api_secret: &Bound<'_, PyAny>,
    token: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    max_skew: Option<&Bound<'_, PyAny>>,
) -> PyResult<bool> {
    let [u, k, t, s] = message_fields(username, api_key, timestamp, api_secret)?;
    let received = bytes_of(token, "token")?;
    let now = now.map(|n| {
        n.extract::<i64>()
            .map_err(|e| overflow_as(py, e, Error::InvalidArgument))
    });
    let max_skew = max_skew.map_or(Ok(pave_token::MAX_SKEW_SECONDS), |m| {
        m.extract::<u32>()
            .map_err(|e| overflow_as(py, e, Error::InvalidArgument))
    })?;
    let now = match now.transpose()? {
        Some(seconds) => seconds,
        None => pave_token::unix_now().map_err(|e| pave_error(py, e))?,
    };
    pave_token::verify_fresh(&u, &k, &t, &s, &received, now, max_skew)
        .map_err(|e| pave_error(py, e))?;
    Ok(true)
}

/// timestamp(unix=None, format=RFC3339, millis=0) -> str: Unix seconds
/// (None: now) in `format`, years 0000..9999 UTC.
#[pyfunction]
#[pyo3(signature = (unix = None, format = None, millis = None))]
fn timestamp(
    py: Python<'_>,
    unix: Option<&Bound<'_, PyAny>>,
    format: Option<&Bound<'_, PyAny>>,
    millis: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let unix = unix.map(|u| {
        u.extract::<i64>()
            .map_err(|e| overflow_as(py, e, Error::InvalidTimestamp))
    });
    let millis = millis.map_or(Ok(0), |m| {
        m.extract::<u32>()
            .map_err(|e| overflow_as(py, e, Error::InvalidArgument))
    })?;
    let format = format.map_or(Ok(TimeFormat::Rfc3339), |f| time_format(py, f))?;
    let ts = match unix.transpose()? {
        None => pave_token::timestamp_now(format),
        Some(seconds) => pave_token::format_timestamp(seconds, millis, format),
    };
    Ok(ts.map_err(|e| pave_error(py, e))?.as_str().to_owned())
}

/// parse_timestamp(value) -> int: Unix seconds of an RFC 3339 or Unix-seconds timestamp.
#[pyfunction]
fn parse_timestamp(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<i64> {
    let value = bytes_of(value, "value")?;
    pave_token::parse_timestamp(&value).map_err(|e| pave_error(py, e))
}

/// version() -> str: the library's version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION") // the binding is versioned with the crate
}

/// One account's signer: the key schedule and message prefix computed once;
/// thread-safe. `close()` wipes its key material (twice is fine); a token
/// after it raises `ValueError`. A context manager.
#[pyclass(frozen, module = "pave_token")]
struct Signer {
    inner: Mutex<Option<pave_token::Signer>>,
    api_key: Vec<u8>,
}

impl Signer {
    /// Runs `f` on the open signer, after every argument was converted.
    fn with<R>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&pave_token::Signer) -> Result<R, Error>,
    ) -> PyResult<R> {
        let guard = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let signer = guard
            .as_ref()
            .ok_or_else(|| PyValueError::new_err("pave_token: the signer is closed"))?;
        f(signer).map_err(|e| pave_error(py, e))
    }
}

#[pymethods]
impl Signer {
    #[new]
    fn new(
        py: Python<'_>,
        username: &Bound<'_, PyAny>,
        api_key: &Bound<'_, PyAny>,
        api_secret: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let (u, k) = (
            bytes_of(username, "username")?,
            bytes_of(api_key, "api_key")?,
        );
        let s = bytes_of(api_secret, "api_secret")?;
        let signer = pave_token::Signer::new(&u, &k, &s).map_err(|e| pave_error(py, e))?;
        Ok(Signer {
            inner: Mutex::new(Some(signer)),
            api_key: k.into_owned(),
        })
    }

    /// token(timestamp) -> str
    fn token(&self, py: Python<'_>, timestamp: &Bound<'_, PyAny>) -> PyResult<String> {
        let t = bytes_of(timestamp, "timestamp")?;
        self.with(py, |signer| signer.token(&t))
            .map(|token| token.as_str().to_owned())
    }

    /// token_now(format=RFC3339) -> (timestamp, token)
    #[pyo3(signature = (format = None))]
    fn token_now(
        &self,
        py: Python<'_>,
        format: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(String, String)> {
        let format = format.map_or(Ok(TimeFormat::Rfc3339), |f| time_format(py, f))?;
        let (ts, token) = self.with(py, |signer| signer.token_now(format))?;
        Ok((ts.as_str().to_owned(), token.as_str().to_owned()))
    }

    /// sign_headers(format=RFC3339) -> dict: API-Key, API-Token, API-Timestamp, signed now.
    #[pyo3(signature = (format = None))]
    fn sign_headers<'py>(
        &self,
        py: Python<'py>,
        format: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (ts, token) = self.token_now(py, format)?;
        let headers = PyDict::new(py);
        let api_key = std::str::from_utf8(&self.api_key).map_err(|_| {
            PyValueError::new_err("pave_token: the api_key is not UTF-8, so it cannot be a header")
        })?;
        headers.set_item("API-Key", api_key)?;
        headers.set_item("API-Token", token)?;
        headers.set_item("API-Timestamp", ts)?;
        Ok(headers)
    }

    /// Frees the key schedule, wiping it; later tokens raise ValueError.
    fn close(&self) {
        let mut guard = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = None;
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, _exc: &Bound<'_, pyo3::types::PyTuple>) {
        self.close();
    }

    /// A signer holds key material: it is neither copied nor pickled.
    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "pave_token: a Signer cannot be pickled or copied",
        ))
    }
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("TOKEN_SIZE", pave_token::TOKEN_SIZE)?;
    module.add("TIMESTAMP_SIZE", pave_token::TIMESTAMP_SIZE)?;
    module.add("MAX_SKEW_SECONDS", pave_token::MAX_SKEW_SECONDS)?;
    module.add("TIME_RFC3339", TimeFormat::Rfc3339.code())?;
    module.add("TIME_UNIX", TimeFormat::Unix.code())?;
    module.add("TIME_RFC3339_MILLIS", TimeFormat::Rfc3339Millis.code())?;
    module.add_function(wrap_pyfunction!(token, module)?)?;
    module.add_function(wrap_pyfunction!(token_now, module)?)?;
    module.add_function(wrap_pyfunction!(verify, module)?)?;
    module.add_function(wrap_pyfunction!(verify_fresh, module)?)?;
    module.add_function(wrap_pyfunction!(timestamp, module)?)?;
    module.add_function(wrap_pyfunction!(parse_timestamp, module)?)?;
    module.add_function(wrap_pyfunction!(version, module)?)?;
    module.add_class::<Signer>()?;
    Ok(())
}
