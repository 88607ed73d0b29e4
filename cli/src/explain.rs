//! Why PAVE rejects a request: it recomputes rather than guesses. The token
//! received is compared with the MAC of the documented message and of every
//! known mistake (another rendering of the timestamp, a credential with a
//! newline, key and secret swapped, a part of the message left out), and the
//! one that produced it names the cause.

use crate::credentials::{API_KEY, API_SECRET, Account, USERNAME, edge_defect};
use crate::timeformat::{self, Shape};
use pave_token::hmac_sha256;
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

/// The stable vocabulary of causes (README, "Command line").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    // Declared in the order that picks the primary cause: the first one found.
    MissingHeader,
    ApiKeyMismatch,
    CredentialWhitespace,
    KeySecretSwapped,
    MessageIncomplete,
    TimestampNotSigned,
    TimestampFormat,
    TokenEncoding,
    ClockSkew,
    WrongCredentials,
    Ok,
}

impl Cause {
    pub fn id(self) -> &'static str {
        match self {
            Cause::Ok => "ok",
            Cause::MissingHeader => "missing_header",
            Cause::ApiKeyMismatch => "api_key_mismatch",
            Cause::TimestampFormat => "timestamp_format",
            Cause::TimestampNotSigned => "timestamp_not_signed",
            Cause::ClockSkew => "clock_skew",
            Cause::CredentialWhitespace => "credential_whitespace",
            Cause::KeySecretSwapped => "key_secret_swapped",
            Cause::MessageIncomplete => "message_incomplete",
            Cause::TokenEncoding => "token_encoding",
            Cause::WrongCredentials => "wrong_credentials",
        }
    }
}

/// The three headers as received (values trimmed as HTTP trims them).
#[derive(Clone, Debug, Default)]
pub struct Received {
    pub api_key: Option<String>,
    pub token: Option<String>,
    pub timestamp: Option<String>,
}

impl Received {
    /// Lines `Name: value`, names in any case; the `> ` of `curl -v` is
    /// ignored, and so is every other line. The first of each header counts.
    pub fn parse(text: &str) -> Received {
        let mut received = Received::default();
        for line in text.lines() {
            let line = line.strip_prefix("> ").unwrap_or(line);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim_matches([' ', '\t', '\r']).to_owned();
            let slot = match name.trim().to_ascii_lowercase().as_str() {
                "api-key" => &mut received.api_key,
                "api-token" => &mut received.token,
                "api-timestamp" => &mut received.timestamp,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        received
    }

    /// A header from an HTTP request's (name, value) pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Received {
        let mut text = String::new();
        for (name, value) in pairs {
            if !value.contains(&b'\n') {
                text.push_str(&format!("{name}: {}\n", String::from_utf8_lossy(value)));
            }
        }
        Received::parse(&text)
    }
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub cause: Cause,
    pub detail: String,
}

/// The verdict on one request.
#[derive(Clone, Debug)]
pub struct Explanation {
    pub cause: Cause,
    pub findings: Vec<Finding>,
    /// The message PAVE expects signed (escaped), and its token: over the
    /// header's timestamp, its documented rendering, or (for a missing one
    /// or a clock off by more than the skew) now.
    pub signed: String,
    pub expected_token: String,
    pub fix: String,
    pub username: String,
}

impl Explanation {
    pub fn accepted(&self) -> bool {
        self.cause == Cause::Ok
    }

    pub fn to_json(&self) -> Value {
        json!({
            "verdict": if self.accepted() { "accepted" } else { "rejected" },
            "cause": self.cause.id(),
            "findings": self.findings.iter()
                .map(|f| json!({"cause": f.cause.id(), "detail": f.detail}))
                .collect::<Vec<_>>(),
            "signed": self.signed,
            "expected_token": self.expected_token,
            "fix": self.fix,
            "username": self.username,
        })
    }

    /// A few lines for a person.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}: {}\n",
            if self.accepted() {
                "accepted"
            } else {
                "rejected"
            },
            self.cause.id()
        );
        for f in &self.findings {
            out.push_str(&format!("  - {}: {}\n", f.cause.id(), f.detail));
        }
        out.push_str(&format!("signed:   \"{}\"\n", self.signed));
        out.push_str(&format!("expected: API-Token: {}\n", self.expected_token));
        out.push_str(&format!("fix:      {}\n", self.fix));
        out
    }
}

/// Bytes as text: printable ASCII as it is, `\n` `\r` `\t` `\\` `\"`, others `\xNN`.
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        match b {
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out
}

/// How the received token is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    LowerHex,
    UpperHex,
    Base64,
    Unreadable,
}

fn decode(token: &str) -> (Encoding, Option<[u8; 32]>) {
    let b = token.as_bytes();
    if b.len() == 64 && b.iter().all(u8::is_ascii_hexdigit) {
        let mut mac = [0u8; 32];
        for (i, pair) in b.chunks(2).enumerate() {
            let digit = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            mac[i] = digit(pair[0]) << 4 | digit(pair[1]);
        }
        let lower = b.iter().all(|c| !c.is_ascii_uppercase());
        let encoding = if lower {
            Encoding::LowerHex
        } else {
            Encoding::UpperHex
        };
        return (encoding, Some(mac));
    }
    match base64_32(b) {
        Some(mac) => (Encoding::Base64, Some(mac)),
        None => (Encoding::Unreadable, None),
    }
}

/// 32 bytes in base64 (standard or URL-safe alphabet, padded or not).
fn base64_32(b: &[u8]) -> Option<[u8; 32]> {
    let b = b.strip_suffix(b"=").unwrap_or(b);
    if b.len() != 43 {
        return None;
    }
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut out = Vec::with_capacity(32);
    for &c in b {
        bits = bits << 6 | u32::from(value(c)?);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out.try_into().ok()
}

fn hex(mac: &[u8; 32]) -> String {
    mac.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a candidate message is, when it is the one the client signed.
#[derive(Clone, Debug)]
enum Variant {
    /// `username:api_key@t` with the secret, `t` a rendering of the timestamp.
    Documented(String, Shape),
    /// The same with the API-Key header's value in place of the api_key.
    HeaderKey,
    /// The same with a credential changed at its edges: (field, how, whether
    /// the credentials given to `explain` are the ones that carry it).
    Whitespace(&'static str, String, bool),
    /// Key and secret swapped.
    Swapped,
    /// A part of the message missing (what is missing).
    Incomplete(&'static str),
}

struct Candidate {
    variant: Variant,
    key: Vec<u8>,
    message: Vec<u8>,
}

fn message(u: &[u8], k: &[u8], t: &[u8]) -> Vec<u8> {
    [u, b":", k, b"@", t].concat()
}

/// Trims what PAVE's stored credentials never have at their edges.
fn clean(value: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(value);
    let odd = |c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}';
    if edge_defect(value).is_some() {
        text.trim_matches(odd).as_bytes().to_vec()
    } else {
        value.to_vec()
    }
}

/// Every message a client may have signed for `account` and timestamp `ts`.
fn candidates(account: &Account, ts: &str, header_key: Option<&str>) -> Vec<Candidate> {
    let (u, k, s) = (
        &account.username[..],
        &account.api_key[..],
        &account.api_secret[..],
    );
    let renderings = match timeformat::read(ts).instant {
        Some(instant) => {
            let mut all = timeformat::renderings(instant, ts);
            // The header's own text first: it decides "the timestamp was signed".
            all.sort_by_key(|(text, _)| text != ts);
            all
        }
        None => vec![(ts.to_owned(), Shape::Unknown)],
    };
    let mut out = Vec::new();
    let push = |out: &mut Vec<Candidate>, variant, key: &[u8], message: Vec<u8>| {
        out.push(Candidate {
            variant,
            key: key.to_vec(),
            message,
        })
    };
    for (t, shape) in &renderings {
        let t = t.as_bytes();
        let text = String::from_utf8_lossy(t).into_owned();
        push(
            &mut out,
            Variant::Documented(text.clone(), *shape),
            s,
            message(u, k, t),
        );
        if let Some(h) = header_key.filter(|h| h.as_bytes() != k) {
            push(&mut out, Variant::HeaderKey, s, message(u, h.as_bytes(), t));
        }
        push(&mut out, Variant::Swapped, k, message(u, s, t));
        let incomplete: [(&'static str, Vec<u8>); 5] = [
            ("username:", [k, b"@", t].concat()),
            ("api_key@", [u, b":", t].concat()),
            ("the ':' and the api_key", [u, b"@", t].concat()),
            ("username:api_key@ (the timestamp alone)", t.to_vec()),
            ("the api_key", [u, b":@", t].concat()),
        ];
        for (missing, m) in incomplete {
            push(&mut out, Variant::Incomplete(missing), s, m);
        }
    }
    push(
        &mut out,
        Variant::Incomplete("@timestamp"),
        s,
        [u, b":", k].concat(),
    );
    // Credentials with odd edges: without them, when the given ones carry
    // them; with the usual ones added, when they do not.
    let t = ts.as_bytes();
    let fields = [(USERNAME, u), (API_KEY, k), (API_SECRET, s)];
    for (i, (name, value)) in fields.iter().enumerate() {
        let mut forms: Vec<(String, Vec<u8>, bool)> = Vec::new();
        if let Some(defect) = edge_defect(value) {
            forms.push((format!("without what yours {defect}"), clean(value), true));
        } else {
            for (how, edge, at_end) in [
                ("ending with a newline (LF)", &b"\n"[..], true),
                ("ending with CR LF", b"\r\n", true),
                ("ending with a carriage return (CR)", b"\r", true),
                ("ending with a space", b" ", true),
                ("ending with a tab", b"\t", true),
                (
                    "starting with a byte-order mark",
                    "\u{feff}".as_bytes(),
                    false,
                ),
                ("starting with a space", b" ", false),
            ] {
                let changed = if at_end {
                    [value, edge].concat()
                } else {
                    [edge, value].concat()
                };
                forms.push((how.to_owned(), changed, false));
            }
        }
        for (how, changed, given) in forms {
            let mut f = [u.to_vec(), k.to_vec(), s.to_vec()];
            f[i] = changed;
            push(
                &mut out,
                Variant::Whitespace(name, how, given),
                &f[2],
                message(&f[0], &f[1], t),
            );
        }
    }
    out
}

/// The candidate that produced `mac`, compared in constant time.
fn find(candidates: Vec<Candidate>, mac: &[u8; 32]) -> Option<Variant> {
    candidates
        .into_iter()
        .find(|c| bool::from(hmac_sha256(&c.key, &c.message).ct_eq(mac)))
        .map(|c| c.variant)
}

/// Explains one request for these accounts, at `now` (Unix seconds).
pub fn explain(received: &Received, accounts: &[Account], now: i64, max_skew: u32) -> Explanation {
    let mut findings = Vec::new();
    let mut found = |cause, detail: String| findings.push(Finding { cause, detail });
    let missing: Vec<&str> = [
        ("API-Key", &received.api_key),
        ("API-Token", &received.token),
        ("API-Timestamp", &received.timestamp),
    ]
    .iter()
    .filter(|(_, v)| v.as_deref().is_none_or(str::is_empty))
    .map(|(name, _)| *name)
    .collect();
    if !missing.is_empty() {
        found(
            Cause::MissingHeader,
            format!("the request has no {}", missing.join(", no ")),
        );
    }
    let header_key = received.api_key.as_deref().filter(|k| !k.is_empty());
    let token = received.token.as_deref().unwrap_or("");
    let ts = received.timestamp.as_deref().unwrap_or("");
    let (encoding, mac) = decode(token);

    // The account: by API-Key, else the one whose candidates explain the token.
    let by_key = header_key.and_then(|h| accounts.iter().find(|a| a.api_key == h.as_bytes()));
    let mut hit = None;
    let account = match by_key {
        Some(account) => account,
        None => {
            let searched = accounts.iter().find_map(|a| {
                let variant = mac.and_then(|m| find(candidates(a, ts, header_key), &m))?;
                Some((a, variant))
            });
            if let Some(h) = header_key {
                let detail = match (accounts, &searched) {
                    ([only], _) => format!(
                        "API-Key is \"{}\", but the credentials' api_key is \"{}\"",
                        escape(h.as_bytes()),
                        escape(&only.api_key)
                    ),
                    (_, Some((a, _))) => format!(
                        "API-Key \"{}\" names none of the {} accounts; the token is {}'s",
                        escape(h.as_bytes()),
                        accounts.len(),
                        a.username_text()
                    ),
                    _ => format!(
                        "API-Key \"{}\" names none of the {} accounts",
                        escape(h.as_bytes()),
                        accounts.len()
                    ),
                };
                found(Cause::ApiKeyMismatch, detail);
            }
            match searched {
                Some((a, variant)) => {
                    hit = Some(variant);
                    a
                }
                None => &accounts[0],
            }
        }
    };
    if hit.is_none() && !ts.is_empty() {
        hit = mac.and_then(|m| find(candidates(account, ts, header_key), &m));
    }

    let reading = timeformat::read(ts);
    let skew_of = |instant: i64, found: &mut dyn FnMut(Cause, String)| {
        let ahead = instant.saturating_sub(now);
        if ahead.unsigned_abs() > u64::from(max_skew) {
            found(
                Cause::ClockSkew,
                format!(
                    "API-Timestamp is {} s {} now ({}); PAVE accepts {max_skew} s either way",
                    ahead.unsigned_abs(),
                    if ahead > 0 { "ahead of" } else { "behind" },
                    timeformat::documented(now).unwrap_or_default()
                ),
            );
        }
    };
    let format_finding = |found: &mut dyn FnMut(Cause, String)| {
        if reading.shape != Shape::Documented && !ts.is_empty() {
            let send = reading.instant.and_then(timeformat::documented);
            found(
                Cause::TimestampFormat,
                format!(
                    "API-Timestamp \"{}\" is {}; PAVE expects YYYY-MM-DDTHH:MM:SSZ{}",
                    escape(ts.as_bytes()),
                    reading.shape.describe(),
                    send.map(|s| format!(" (here: {s})")).unwrap_or_default()
                ),
            );
        }
    };
    let encoding_finding = |found: &mut dyn FnMut(Cause, String)| match encoding {
        Encoding::LowerHex | Encoding::Unreadable => {}
        Encoding::UpperHex => found(
            Cause::TokenEncoding,
            "API-Token is the right MAC in upper-case hex; PAVE expects lower-case".to_owned(),
        ),
        Encoding::Base64 => found(
            Cause::TokenEncoding,
            "API-Token is the right MAC in base64; PAVE expects 64 lower-case hex digits"
                .to_owned(),
        ),
    };
    if !token.is_empty() && !ts.is_empty() {
        for (name, value) in account.fields() {
            let given = edge_defect(value);
            let matched_given = matches!(hit, Some(Variant::Documented(..)));
            if let (Some(defect), true) = (given, matched_given) {
                found(
                    Cause::CredentialWhitespace,
                    format!(
                        "your {name} {defect}, and the request is signed with it: it matches \
                         these credentials, but not PAVE's, whose {name} has no such character"
                    ),
                );
            }
        }
        match &hit {
            Some(Variant::Documented(t, _)) if t == ts => {
                format_finding(&mut found);
                encoding_finding(&mut found);
                if let Some(instant) = reading.instant {
                    skew_of(instant, &mut found);
                }
            }
            Some(Variant::Documented(t, shape)) => {
                found(
                    Cause::TimestampNotSigned,
                    format!(
                        "the token signs the timestamp as \"{}\" ({}), but API-Timestamp carries \
                         \"{}\": PAVE signs the header's text exactly",
                        escape(t.as_bytes()),
                        shape.describe(),
                        escape(ts.as_bytes())
                    ),
                );
                format_finding(&mut found);
                encoding_finding(&mut found);
            }
            Some(Variant::HeaderKey) => {
                encoding_finding(&mut found);
            }
            Some(Variant::Whitespace(name, how, given)) => {
                let detail = if *given {
                    format!(
                        "the token is signed with {name} {how}: the client's copy is right; the \
                         credentials given here carry it"
                    )
                } else {
                    format!(
                        "the token is signed with {name} {how}: the client read it with that \
                         character, which PAVE's stored {name} does not have"
                    )
                };
                found(Cause::CredentialWhitespace, detail);
                encoding_finding(&mut found);
            }
            Some(Variant::Swapped) => {
                found(
                    Cause::KeySecretSwapped,
                    "the token is the HMAC keyed with api_key over username:api_secret@timestamp: \
                     api_key and api_secret are in each other's place"
                        .to_owned(),
                );
                encoding_finding(&mut found);
            }
            Some(Variant::Incomplete(missing)) => {
                found(
                    Cause::MessageIncomplete,
                    format!("the token signs a message without {missing}"),
                );
                encoding_finding(&mut found);
            }
            None if encoding == Encoding::Unreadable => found(
                Cause::TokenEncoding,
                format!(
                    "API-Token is not 64 hex digits (it has {} characters), nor base64 of 32 bytes",
                    token.chars().count()
                ),
            ),
            None => {
                format_finding(&mut found);
                found(
                    Cause::WrongCredentials,
                    format!(
                        "no known mistake produces this token from {}'s credentials: the \
                         api_secret or the username differs. PAVE expects the primary account's \
                         username, not a dashboard user or an enterprise branch",
                        account.username_text()
                    ),
                )
            }
        }
    }

    // What PAVE expects: PAVE's credentials (without odd edges), and the
    // header's timestamp when it is the documented form, else its
    // documented rendering, else now.
    let cause = findings.iter().map(|f| f.cause).min().unwrap_or(Cause::Ok);
    let send = match reading.shape {
        _ if cause == Cause::ClockSkew => timeformat::documented(now).unwrap_or_default(),
        Shape::Documented => ts.to_owned(),
        _ => reading
            .instant
            .and_then(timeformat::documented)
            .or_else(|| timeformat::documented(now))
            .unwrap_or_default(),
    };
    let (u, k, s) = (
        clean(&account.username),
        clean(&account.api_key),
        zeroize::Zeroizing::new(clean(&account.api_secret)),
    );
    let signed = message(&u, &k, send.as_bytes());
    let expected = hex(&hmac_sha256(&s[..], &signed));
    let key_text = escape(&k);
    let now_text = timeformat::documented(now).unwrap_or_default();
    let fix = match cause {
        Cause::Ok => "nothing: this request is right and fresh".to_owned(),
        Cause::MissingHeader => "send all three headers, API-Key, API-Token and API-Timestamp \
                                  (pave-token headers | curl -H @- URL)"
            .to_owned(),
        Cause::ApiKeyMismatch => {
            format!("send API-Key: {key_text}, the api_key the token is signed with")
        }
        Cause::TimestampFormat => format!(
            "send API-Timestamp: {send} (YYYY-MM-DDTHH:MM:SSZ) and sign exactly that: API-Token: {expected}"
        ),
        Cause::TimestampNotSigned => format!(
            "sign the exact text you send as API-Timestamp: for {send}, API-Token: {expected}"
        ),
        Cause::ClockSkew => format!(
            "set the client's clock right (NTP) and sign the current time: now, {now_text}, is \
             API-Token: {expected}"
        ),
        Cause::CredentialWhitespace => {
            "strip the whitespace, CR/LF or BOM from the credential where it is read \
             (a file or environment file's trailing newline)"
                .to_owned()
        }
        Cause::KeySecretSwapped => {
            "key the HMAC with api_secret and sign username:api_key@timestamp".to_owned()
        }
        Cause::MessageIncomplete => {
            format!(
                "sign the whole message, username:api_key@timestamp: \"{}\"",
                escape(&signed)
            )
        }
        Cause::TokenEncoding => format!("send the MAC as 64 lower-case hex digits: {expected}"),
        Cause::WrongCredentials => format!(
            "sign with the account's own username and api_secret; for these credentials the \
             token is {expected}"
        ),
    };
    Explanation {
        cause,
        findings,
        signed: escape(&signed),
        expected_token: expected,
        fix,
        username: account.username_text(),
    }
}
