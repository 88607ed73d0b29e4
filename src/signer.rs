//! A signer: one set of credentials, the key schedule and the message prefix
//! hashed once, then many tokens at 3 SHA-256 compressions each (for
//! PAVE-sized messages) instead of 5.

use crate::Error;
use crate::backend::Backend;
use crate::crypto::key::HmacKey;
use crate::crypto::sha256::Sha256Stream;
use crate::crypto::wipe::with_stack_wiped;
use crate::message::prefix_stream;
use crate::timestamp::{TimeFormat, Timestamp, timestamp_now};
use crate::token::{Token, freshness, matches, require_nonempty, result_of};

/// Signs requests for one account. Holds no secret in clear: only the HMAC
/// pad states and the hashed message prefix, all wiped on drop. `Sync`: share
/// one signer between threads freely.
///
/// ```
/// use pave_token::{Signer, token};
/// let signer = Signer::new("acme_motors", "0123456789abcdef", "secret").unwrap();
/// let tok = signer.token("2021-05-30T12:49:19Z").unwrap();
/// assert_eq!(tok, token("acme_motors", "0123456789abcdef", "2021-05-30T12:49:19Z", "secret").unwrap());
/// ```
#[derive(Clone)]
pub struct Signer {
    key: HmacKey,
    prefix: Sha256Stream,
}

impl Signer {
    /// Prepares a signer. No argument may be empty.
    pub fn new(
        username: impl AsRef<[u8]>,
        api_key: impl AsRef<[u8]>,
        api_secret: impl AsRef<[u8]>,
    ) -> Result<Self, Error> {
        let (username, api_key, api_secret) =
            (username.as_ref(), api_key.as_ref(), api_secret.as_ref());
        require_nonempty(&[username, api_key, api_secret])?;
        Ok(with_stack_wiped(|| {
            let key = HmacKey::new(api_secret);
            let prefix = prefix_stream(&key, username, api_key);
            Signer { key, prefix }
        }))
    }

    /// The token for `timestamp` (non-empty, signed as given).
    pub fn token(&self, timestamp: impl AsRef<[u8]>) -> Result<Token, Error> {
        let mut token = Token::EMPTY;
        self.token_into(timestamp.as_ref(), &mut token)?;
        Ok(token)
    }

    /// As [`Signer::token`], written into `out` (the C ABI's path: one copy
    /// fewer between the computation and the caller's buffer).
    pub(crate) fn token_into(&self, timestamp: &[u8], out: &mut Token) -> Result<(), Error> {
        require_nonempty(&[timestamp])?;
        Backend::detect().signer_token(&self.key, &self.prefix, timestamp, &mut out.0);
        Ok(())
    }

    /// Signs "now": the timestamp to send as `API-Timestamp` and its token.
    pub fn token_now(&self, format: TimeFormat) -> Result<(Timestamp, Token), Error> {
        let ts = timestamp_now(format)?;
        Ok((ts, self.token(ts)?))
    }

    /// Checks a received token in constant time, as [`crate::verify`] does.
    pub fn verify(
        &self,
        timestamp: impl AsRef<[u8]>,
        token: impl AsRef<[u8]>,
    ) -> Result<(), Error> {
        result_of(matches(&self.token(timestamp)?, token.as_ref()))
    }

    /// Checks a received token and its timestamp's age, as [`crate::verify_fresh`] does.
    pub fn verify_fresh(
        &self,
        timestamp: impl AsRef<[u8]>,
        token: impl AsRef<[u8]>,
        now_unix_seconds: i64,
        max_skew_seconds: u32,
    ) -> Result<(), Error> {
        let timestamp = timestamp.as_ref();
        self.verify(timestamp, token)?;
        freshness(timestamp, now_unix_seconds, max_skew_seconds)
    }
}

impl core::fmt::Debug for Signer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Signer { .. }")
    }
}
