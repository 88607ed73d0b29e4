//! `pave-token`: PAVE API access tokens on the command line, on the
//! library's safe Rust API. Credentials come from the environment or a
//! credentials file, never from the command line.

mod credentials;
mod explain;
mod serve;
mod timeformat;

use clap::{Args, Parser, Subcommand, ValueEnum};
use credentials::{API_KEY, API_SECRET, Account, USERNAME};
use explain::{Received, explain};
use pave_token::{TimeFormat, format_timestamp};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Credentials: PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET in the environment, or
--credentials FILE (lines PAVE_USERNAME=..., PAVE_API_KEY=..., PAVE_API_SECRET=...;
several accounts one after another). Never on the command line: anyone on the machine
can read a command line (ps).

Exit status: 0 ok (accepted), 1 rejected (the reason on stderr), 2 usage or input error.";

#[derive(Parser)]
#[command(
    name = "pave-token",
    version,
    about = "PAVE API access tokens: sign requests, verify them, and explain why PAVE rejects one",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Credentials {
    /// A credentials file instead of the environment (chmod 600: a warning otherwise)
    #[arg(long, value_name = "FILE")]
    credentials: Option<PathBuf>,
    /// With several accounts in the file: the one with this api_key
    #[arg(long, value_name = "API_KEY")]
    account: Option<String>,
    /// A credential that starts or ends with whitespace, CR/LF or a BOM is an error, not a warning
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// 2021-05-30T12:49:19Z, the form PAVE documents
    Rfc3339,
    /// 1622378959
    Unix,
    /// 2021-05-30T12:49:19.123Z
    Rfc3339Millis,
}

impl From<Format> for TimeFormat {
    fn from(f: Format) -> TimeFormat {
        match f {
            Format::Rfc3339 => TimeFormat::Rfc3339,
            Format::Unix => TimeFormat::Unix,
            Format::Rfc3339Millis => TimeFormat::Rfc3339Millis,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// The three headers of a request signed now, for `curl -H @-`
    #[command(
        after_help = "Example:\n  pave-token headers | curl -H @- https://api.paveapi.com/v1/sessions"
    )]
    Headers {
        #[arg(long, value_enum, default_value = "rfc3339")]
        format: Format,
        /// One JSON object instead of header lines
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        credentials: Credentials,
    },
    /// The token for a given timestamp (send that timestamp unchanged as API-Timestamp)
    #[command(after_help = "Example:\n  pave-token sign --timestamp 2021-05-30T12:49:19Z")]
    Sign {
        #[arg(long, value_name = "T")]
        timestamp: String,
        #[command(flatten)]
        credentials: Credentials,
    },
    /// Checks a request's headers (stdin, or --token and --timestamp): exit 0 when valid and fresh
    #[command(after_help = "Examples:\n  pave-token headers | pave-token verify\n  \
                      pave-token verify --token 891fed66... --timestamp 2026-11-29T21:33:57Z --max-skew 600")]
    Verify {
        #[arg(long, requires = "timestamp")]
        token: Option<String>,
        #[arg(long, value_name = "T", requires = "token")]
        timestamp: Option<String>,
        /// Seconds a timestamp may lie from now, either way (PAVE: 300)
        #[arg(long, value_name = "SECONDS", default_value_t = pave_token::MAX_SKEW_SECONDS)]
        max_skew: u32,
        /// The time to check against (default: the system clock)
        #[arg(long, value_name = "T")]
        now: Option<String>,
        #[command(flatten)]
        credentials: Credentials,
    },
    /// Why PAVE rejects a request: its headers on stdin (`Name: value`, curl -v's `> ` is fine)
    #[command(
        after_help = "Example:\n  curl -sv -H @headers.txt URL 2>&1 | pave-token explain --json"
    )]
    Explain {
        /// The time to check against (default: the system clock)
        #[arg(long, value_name = "T")]
        now: Option<String>,
        #[arg(long, value_name = "SECONDS", default_value_t = pave_token::MAX_SKEW_SECONDS)]
        max_skew: u32,
        /// One JSON object: verdict, cause, findings, signed, expected_token, fix
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        credentials: Credentials,
    },
    /// A local PAVE-like endpoint: 200 for a right request, 401 with the explanation otherwise
    #[command(
        after_help = "Example:\n  pave-token serve --listen 127.0.0.1:8080 &\n  \
                      pave-token headers | curl -H @- http://127.0.0.1:8080/v1/sessions"
    )]
    Serve {
        /// Loopback only: a 401 carries the token PAVE would accept
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        #[arg(long, value_name = "SECONDS", default_value_t = pave_token::MAX_SKEW_SECONDS)]
        max_skew: u32,
        #[command(flatten)]
        credentials: Credentials,
    },
    /// Now, or --parse T, in --format
    #[command(after_help = "Examples:\n  pave-token timestamp\n  \
                      pave-token timestamp --parse 1622378959\n  \
                      pave-token timestamp --parse 2021-05-30T12:49:19Z --format unix")]
    Timestamp {
        /// A timestamp to convert (RFC 3339, Unix seconds or milliseconds, HTTP-date)
        #[arg(long, value_name = "T")]
        parse: Option<String>,
        #[arg(long, value_enum, default_value = "rfc3339")]
        format: Format,
    },
}

/// A failure for the user: the message and the exit status.
struct Failure(String, u8);

fn usage(message: impl Into<String>) -> Failure {
    Failure(message.into(), 2)
}

/// Options a user may try for a credential, refused before parsing.
fn refuse_credentials_on_argv() -> Result<(), Failure> {
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy();
        let name = arg.split('=').next().unwrap_or("");
        let variable = match name {
            "--api-secret" | "--api_secret" | "--secret" | "--password" => API_SECRET,
            "--api-key" | "--api_key" | "--key" => API_KEY,
            "--username" | "--user" => USERNAME,
            _ => continue,
        };
        return Err(usage(format!(
            "there is no {name} option: a command line is visible to every user of this machine \
             (ps), so credentials never go there. Set {variable} in the environment (from a file \
             only you can read) or put it in a file given with --credentials FILE"
        )));
    }
    Ok(())
}

/// The accounts, the warnings printed; `--strict` turns an odd credential into an error.
fn accounts(c: &Credentials) -> Result<Vec<Account>, Failure> {
    let (accounts, warnings) =
        credentials::load(c.credentials.as_deref()).map_err(|p| usage(p.0))?;
    for w in &warnings {
        eprintln!("pave-token: warning: {w}");
    }
    let odd = accounts.iter().any(|a| {
        a.fields()
            .iter()
            .any(|(_, v)| credentials::edge_defect(v).is_some())
    });
    if c.strict && odd {
        return Err(usage(
            "--strict: a credential has whitespace, CR/LF or a BOM at an edge (see above)",
        ));
    }
    match &c.account {
        None => Ok(accounts),
        Some(key) => {
            let chosen: Vec<Account> = accounts
                .into_iter()
                .filter(|a| a.api_key == key.as_bytes())
                .collect();
            if chosen.is_empty() {
                return Err(usage(format!(
                    "no account has the api_key given with --account ({key})"
                )));
            }
            Ok(chosen)
        }
    }
}

/// The one account a signing command uses.
fn one(c: &Credentials) -> Result<Account, Failure> {
    let mut all = accounts(c)?;
    if all.len() > 1 {
        return Err(usage(format!(
            "the credentials file holds {} accounts: choose one with --account API_KEY",
            all.len()
        )));
    }
    Ok(all.remove(0))
}

fn header_text(name: &str, value: &[u8]) -> Result<String, Failure> {
    let text = std::str::from_utf8(value)
        .map_err(|_| usage(format!("{name} is not UTF-8: it cannot be a header")))?;
    if text.contains(['\r', '\n']) {
        return Err(usage(format!(
            "{name} contains a line break: it cannot be sent in a header (remove it)"
        )));
    }
    Ok(text.to_owned())
}

/// `--now T`, or the system clock.
fn now_of(now: Option<&str>) -> Result<i64, Failure> {
    match now {
        None => {
            pave_token::unix_now().map_err(|e| usage(format!("the system clock: {}", e.message())))
        }
        Some(t) => timeformat::read(t).instant.ok_or_else(|| {
            usage(format!(
                "--now {t}: not a timestamp (RFC 3339, Unix seconds, HTTP-date)"
            ))
        }),
    }
}

fn stdin_text() -> Result<String, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(1 << 20)
        .read_to_end(&mut bytes)
        .map_err(|e| usage(format!("reading stdin: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn run(command: Command) -> Result<u8, Failure> {
    let mut out = std::io::stdout().lock();
    let mut print = |text: String| -> Result<(), Failure> {
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| usage(format!("writing stdout: {e}")))
    };
    match command {
        Command::Headers {
            format,
            json,
            credentials,
        } => {
            let a = one(&credentials)?;
            let key = header_text(API_KEY, &a.api_key)?;
            let (ts, token) =
                pave_token::token_now(&a.username, &a.api_key, &a.api_secret[..], format.into())
                    .map_err(|e| usage(e.message()))?;
            if json {
                let object = serde_json::json!({
                    "API-Key": key, "API-Token": token.as_str(), "API-Timestamp": ts.as_str(),
                });
                print(format!("{object}\n"))?;
            } else {
                print(format!(
                    "API-Key: {key}\nAPI-Token: {}\nAPI-Timestamp: {}\n",
                    token.as_str(),
                    ts.as_str()
                ))?;
            }
            Ok(0)
        }
        Command::Sign {
            timestamp,
            credentials,
        } => {
            let a = one(&credentials)?;
            let shape = timeformat::read(&timestamp).shape;
            if shape != timeformat::Shape::Documented {
                eprintln!(
                    "pave-token: warning: {timestamp:?} is {}; PAVE documents YYYY-MM-DDTHH:MM:SSZ",
                    shape.describe()
                );
            }
            let token = pave_token::token(&a.username, &a.api_key, &timestamp, &a.api_secret[..])
                .map_err(|e| usage(e.message()))?;
            print(format!("{}\n", token.as_str()))?;
            Ok(0)
        }
        Command::Verify {
            token,
            timestamp,
            max_skew,
            now,
            credentials,
        } => {
            let all = accounts(&credentials)?;
            let now = now_of(now.as_deref())?;
            let received = match (token, timestamp) {
                (Some(token), Some(timestamp)) => Received {
                    api_key: Some(all[0].api_key_text()),
                    token: Some(token),
                    timestamp: Some(timestamp),
                },
                _ => Received::parse(&stdin_text()?),
            };
            let verdict = explain(&received, &all, now, max_skew);
            // The library's own check decides too: both must accept.
            let library = all.iter().any(|a| {
                pave_token::verify_fresh(
                    &a.username,
                    &a.api_key,
                    received.timestamp.as_deref().unwrap_or(""),
                    &a.api_secret[..],
                    received.token.as_deref().unwrap_or(""),
                    now,
                    max_skew,
                )
                .is_ok()
            });
            if verdict.accepted() && library {
                return Ok(0);
            }
            let detail = verdict.findings.first().map_or("", |f| f.detail.as_str());
            eprintln!("pave-token: rejected: {}: {detail}", verdict.cause.id());
            eprintln!("pave-token: fix: {}", verdict.fix);
            Ok(1)
        }
        Command::Explain {
            now,
            max_skew,
            json,
            credentials,
        } => {
            let all = accounts(&credentials)?;
            let now = now_of(now.as_deref())?;
            let verdict = explain(&Received::parse(&stdin_text()?), &all, now, max_skew);
            print(if json {
                format!("{}\n", verdict.to_json())
            } else {
                verdict.to_text()
            })?;
            Ok(if verdict.accepted() { 0 } else { 1 })
        }
        Command::Serve {
            listen,
            max_skew,
            credentials,
        } => {
            if !serve::loopback(&listen) {
                return Err(usage(format!(
                    "--listen {listen}: serve answers a rejected request with the token PAVE would \
                     accept, so it listens on loopback only (127.0.0.1 or ::1)"
                )));
            }
            let all = accounts(&credentials)?;
            let listener = std::net::TcpListener::bind(listen)
                .map_err(|e| usage(format!("--listen {listen}: {e}")))?;
            let bound = listener.local_addr().map_err(|e| usage(e.to_string()))?;
            print(format!("listening on http://{bound}\n"))?;
            eprintln!(
                "pave-token serve: {} account(s), max skew {max_skew} s, on http://{bound}",
                all.len()
            );
            serve::run(listener, all, max_skew).map_err(|e| Failure(e.to_string(), 2))?;
            Ok(0)
        }
        Command::Timestamp { parse, format } => {
            let instant = match parse {
                None => pave_token::unix_now().map_err(|e| usage(e.message()))?,
                Some(t) => timeformat::read(&t).instant.ok_or_else(|| {
                    usage(format!(
                        "--parse {t}: not a timestamp (RFC 3339, Unix seconds, HTTP-date)"
                    ))
                })?,
            };
            let ts = format_timestamp(instant, 0, format.into()).map_err(|e| usage(e.message()))?;
            print(format!("{}\n", ts.as_str()))?;
            Ok(0)
        }
    }
}

fn main() -> ExitCode {
    let outcome = refuse_credentials_on_argv().and_then(|()| {
        let cli = Cli::try_parse().map_err(|e| {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            Failure(String::new(), code)
        })?;
        run(cli.command)
    });
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(Failure(message, code)) => {
            if !message.is_empty() {
                eprintln!("pave-token: {message}");
            }
            ExitCode::from(code)
        }
    }
}
