//! Credentials: from `PAVE_USERNAME`, `PAVE_API_KEY`, `PAVE_API_SECRET`, or a
//! credentials file, never from the command line. Each credential that
//! starts or ends with whitespace, CR/LF or a BOM is reported by field name.

use std::fmt;
use std::path::Path;
use zeroize::Zeroizing;

/// The three variables, in the order of the signed message.
pub const USERNAME: &str = "PAVE_USERNAME";
pub const API_KEY: &str = "PAVE_API_KEY";
pub const API_SECRET: &str = "PAVE_API_SECRET";

/// One PAVE account. The secret is wiped when the account is dropped.
pub struct Account {
    pub username: Vec<u8>,
    pub api_key: Vec<u8>,
    pub api_secret: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Account {{ username: {:?}, .. }}",
            String::from_utf8_lossy(&self.username)
        )
    }
}

impl Account {
    /// The fields with their variable names.
    pub fn fields(&self) -> [(&'static str, &[u8]); 3] {
        [
            (USERNAME, &self.username),
            (API_KEY, &self.api_key),
            (API_SECRET, &self.api_secret),
        ]
    }

    pub fn username_text(&self) -> String {
        String::from_utf8_lossy(&self.username).into_owned()
    }

    pub fn api_key_text(&self) -> String {
        String::from_utf8_lossy(&self.api_key).into_owned()
    }
}

/// Characters a stored PAVE credential never starts or ends with.
const EDGE: [char; 5] = ['\u{feff}', '\u{a0}', '\u{200b}', '\u{2028}', '\u{3000}'];

/// What is wrong at the edges of `value`, if anything ("ends with a newline").
pub fn edge_defect(value: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(value);
    let odd = |c: char| c.is_whitespace() || c.is_control() || EDGE.contains(&c);
    let name = |c: char| match c {
        '\n' => "a newline (LF)".to_owned(),
        '\r' => "a carriage return (CR)".to_owned(),
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        '\u{feff}' => "a byte-order mark (U+FEFF)".to_owned(),
        c => format!("U+{:04X}", c as u32),
    };
    let first = text.chars().next().filter(|&c| odd(c));
    let last = text.chars().last().filter(|&c| odd(c));
    match (first, last) {
        (Some(a), Some(b)) if text.chars().count() > 1 => {
            Some(format!("starts with {} and ends with {}", name(a), name(b)))
        }
        (Some(a), _) => Some(format!("starts with {}", name(a))),
        (None, Some(b)) => Some(format!("ends with {}", name(b))),
        (None, None) => None,
    }
}

/// An error loading credentials, for the user (exit status 2).
#[derive(Debug)]
pub struct Problem(pub String);

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The accounts from `file`, or the one in the environment. Warnings (a file
/// others can read, a credential with odd edges) are returned, not printed.
pub fn load(file: Option<&Path>) -> Result<(Vec<Account>, Vec<String>), Problem> {
    let mut warnings = Vec::new();
    let accounts = match file {
        Some(path) => {
            warnings.extend(permission_warning(path));
            let text = std::fs::read(path).map(Zeroizing::new).map_err(|e| {
                Problem(format!(
                    "cannot read the credentials file {}: {e}",
                    path.display()
                ))
            })?;
            parse_file(&text, path)?
        }
        None => vec![from_environment()?],
    };
    for account in &accounts {
        for (name, value) in account.fields() {
            if let Some(defect) = edge_defect(value) {
                warnings.push(format!(
                    "{name} {defect}: PAVE's stored credential has no such character, so a token \
                     signed with it is rejected; remove it (--strict makes this an error)"
                ));
            }
        }
    }
    Ok((accounts, warnings))
}

fn from_environment() -> Result<Account, Problem> {
    let var = |name: &str| -> Result<Vec<u8>, Problem> {
        use std::os::unix::ffi::OsStringExt;
        match std::env::var_os(name) {
            Some(value) if !value.is_empty() => Ok(value.into_vec()),
            _ => Err(Problem(format!(
                "{name} is not set: export {USERNAME}, {API_KEY} and {API_SECRET}, or give \
                 --credentials FILE (lines NAME=value)"
            ))),
        }
    };
    Ok(Account {
        username: var(USERNAME)?,
        api_key: var(API_KEY)?,
        api_secret: Zeroizing::new(var(API_SECRET)?),
    })
}

/// Warns when group or others may read the file (a secret in it).
fn permission_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o044 != 0).then(|| {
        format!(
            "the credentials file {} is readable by {} (mode {:o}): chmod 600 it",
            path.display(),
            if mode & 0o004 != 0 {
                "every user"
            } else {
                "its group"
            },
            mode & 0o777
        )
    })
}

/// The file format: lines `NAME=value` (`PAVE_USERNAME`, `PAVE_API_KEY`,
/// `PAVE_API_SECRET`, an optional `export ` before each; a value in matching
/// single or double quotes loses them, nothing else is unescaped); `#`
/// comments and blank lines; each `PAVE_USERNAME` line starts an account.
/// Only the line's own `\n` ends a value: a `\r` before it stays, and is
/// reported.
pub fn parse_file(text: &[u8], path: &Path) -> Result<Vec<Account>, Problem> {
    let at = |line: usize, what: &str| {
        Problem(format!(
            "{}:{line}: {what} (lines PAVE_USERNAME=, PAVE_API_KEY=, PAVE_API_SECRET=)",
            path.display()
        ))
    };
    let mut accounts: Vec<[Option<Vec<u8>>; 3]> = Vec::new();
    for (index, raw) in text.split(|&b| b == b'\n').enumerate() {
        let line = index + 1;
        let trimmed = raw.trim_ascii_start();
        if trimmed.is_empty() || trimmed.starts_with(b"#") {
            continue;
        }
        let entry = trimmed.strip_prefix(b"export ").unwrap_or(trimmed);
        let Some(eq) = entry.iter().position(|&b| b == b'=') else {
            return Err(at(line, "not NAME=value"));
        };
        let (name, mut value) = (&entry[..eq], &entry[eq + 1..]);
        for quote in [b'"', b'\''] {
            if value.len() >= 2 && value[0] == quote && value[value.len() - 1] == quote {
                value = &value[1..value.len() - 1];
            }
        }
        let slot = [USERNAME, API_KEY, API_SECRET]
            .iter()
            .position(|n| n.as_bytes() == name)
            .ok_or_else(|| at(line, "unknown name"))?;
        if slot == 0 {
            accounts.push([None, None, None]);
        }
        let Some(account) = accounts.last_mut() else {
            return Err(at(line, "an account starts with its PAVE_USERNAME line"));
        };
        if account[slot].is_some() {
            return Err(at(line, "a second value for this account"));
        }
        if value.is_empty() {
            return Err(at(line, "an empty value"));
        }
        account[slot] = Some(value.to_vec());
    }
    if accounts.is_empty() {
        return Err(at(0, "no account"));
    }
    accounts
        .into_iter()
        .enumerate()
        .map(|(n, [u, k, s])| match (u, k, s) {
            (Some(username), Some(api_key), Some(secret)) => Ok(Account {
                username,
                api_key,
                api_secret: Zeroizing::new(secret),
            }),
            (_, _, secret) => {
                drop(secret.map(Zeroizing::new));
                Err(at(0, &format!("account {} lacks a field", n + 1)))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        assert_eq!(edge_defect(b"secret"), None);
        assert_eq!(edge_defect(b"a b"), None);
        assert_eq!(
            edge_defect(b"secret\n").as_deref(),
            Some("ends with a newline (LF)")
        );
        assert_eq!(
            edge_defect("\u{feff}key".as_bytes()).as_deref(),
            Some("starts with a byte-order mark (U+FEFF)")
        );
        assert_eq!(
            edge_defect(b" k\r").as_deref(),
            Some("starts with a space and ends with a carriage return (CR)")
        );
        assert_eq!(
            edge_defect(b"\n").as_deref(),
            Some("starts with a newline (LF)")
        );
    }

    #[test]
    fn file() {
        let text = b"# two accounts\nexport PAVE_USERNAME=acme\nPAVE_API_KEY=\"k1\"\nPAVE_API_SECRET=s1\r\n\n\
                     PAVE_USERNAME='second'\nPAVE_API_KEY=k2\nPAVE_API_SECRET=s=2\n";
        let accounts = parse_file(text, Path::new("f")).unwrap();
        assert_eq!(accounts.len(), 2);
        assert_eq!(accounts[0].api_key, b"k1");
        assert_eq!(&accounts[0].api_secret[..], b"s1\r");
        assert_eq!(accounts[1].username, b"second");
        assert_eq!(&accounts[1].api_secret[..], b"s=2");
        for bad in [
            &b"PAVE_API_KEY=k\n"[..],
            b"PAVE_USERNAME=u\nPAVE_API_KEY=k\n",
            b"PAVE_USERNAME=u\nPAVE_PASSWORD=p\n",
            b"PAVE_USERNAME=u\nPAVE_USERNAME=v\nPAVE_API_KEY=k\nPAVE_API_SECRET=s\n",
            b"PAVE_USERNAME=\n",
            b"",
        ] {
            assert!(parse_file(bad, Path::new("f")).is_err());
        }
    }
}
