//! `pave-token serve`: a local PAVE-like endpoint. Any method and path; 200
//! for an accepted request, 401 with the `explain` object for a rejected one.
//! httparse parses; this module bounds what it reads: the request head to
//! `MAX_HEAD` bytes and 64 headers, a body to `MAX_BODY`, every read to
//! `READ_TIMEOUT` and the whole request to `REQUEST_DEADLINE`, and the
//! connections served at once to `MAX_CONNECTIONS` (more get 503).

use crate::credentials::Account;
use crate::explain::{Received, escape, explain};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const MAX_HEAD: usize = 16 * 1024;
pub const MAX_BODY: usize = 64 * 1024;
pub const MAX_HEADERS: usize = 64;
pub const MAX_CONNECTIONS: usize = 64;
pub const READ_TIMEOUT: Duration = Duration::from_secs(5);
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(10);

struct Server {
    accounts: Vec<Account>,
    max_skew: u32,
    active: AtomicUsize,
}

/// Serves until the process is killed. `listener` is already bound.
pub fn run(listener: TcpListener, accounts: Vec<Account>, max_skew: u32) -> std::io::Result<()> {
    let server = Arc::new(Server {
        accounts,
        max_skew,
        active: AtomicUsize::new(0),
    });
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let peer = stream
            .peer_addr()
            .map_or_else(|_| "?".to_owned(), |a| a.to_string());
        if server.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            server.active.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
            respond(
                &mut stream,
                503,
                "busy",
                &error_body("too many connections"),
            );
            eprintln!("{peer} - - 503 busy");
            continue;
        }
        let server = Arc::clone(&server);
        let spawned = std::thread::Builder::new()
            .name("pave-serve".into())
            .spawn(move || {
                server.connection(stream, &peer);
                server.active.fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(e) = spawned {
            eprintln!("pave-token serve: no thread for a connection: {e}");
        }
    }
    Ok(())
}

fn error_body(what: &str) -> String {
    serde_json::json!({ "verdict": "rejected", "error": what }).to_string()
}

fn respond(stream: &mut TcpStream, status: u16, reason: &str, body: &str) {
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .and_then(|()| stream.flush());
}

/// Why a request was not read.
enum Unread {
    Malformed(String),
    TooLarge,
    TimedOut,
    Closed,
}

impl Server {
    fn connection(&self, mut stream: TcpStream, peer: &str) {
        let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
        let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
        let deadline = Instant::now() + REQUEST_DEADLINE;
        let (status, reason, body, line) = match read_request(&mut stream, deadline) {
            Ok((method, path, received)) => {
                let now = pave_token::unix_now().unwrap_or(0);
                let verdict = explain(&received, &self.accounts, now, self.max_skew);
                let line = format!("{method} {path}");
                if verdict.accepted() {
                    let body = serde_json::json!({
                        "verdict": "accepted", "cause": "ok", "username": verdict.username,
                    });
                    (200, "OK", body.to_string(), format!("{line} 200 ok"))
                } else {
                    let cause = verdict.cause.id();
                    let body = verdict.to_json().to_string();
                    (401, "Unauthorized", body, format!("{line} 401 {cause}"))
                }
            }
            Err(Unread::Closed) => return,
            Err(Unread::Malformed(what)) => {
                let line = format!("- - 400 {what}");
                (400, "Bad Request", error_body(&what), line)
            }
            Err(Unread::TooLarge) => (
                413,
                "Content Too Large",
                error_body("request too large"),
                "- - 413 too large".to_owned(),
            ),
            Err(Unread::TimedOut) => (
                408,
                "Request Timeout",
                error_body("request not received in time"),
                "- - 408 timeout".to_owned(),
            ),
        };
        respond(&mut stream, status, reason, &body);
        eprintln!("{peer} {line}");
    }
}

/// Reads more of the request into `buf`, within the deadline.
fn fill(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    limit: usize,
    deadline: Instant,
) -> Result<usize, Unread> {
    if Instant::now() >= deadline {
        return Err(Unread::TimedOut);
    }
    let mut chunk = [0u8; 4096];
    let room = (limit - buf.len()).min(chunk.len());
    match stream.read(&mut chunk[..room]) {
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            Ok(n)
        }
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            Err(Unread::TimedOut)
        }
        Err(_) => Err(Unread::Closed),
    }
}

fn read_request(
    stream: &mut TcpStream,
    deadline: Instant,
) -> Result<(String, String, Received), Unread> {
    let mut buf = Vec::with_capacity(1024);
    loop {
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buf) {
            Ok(httparse::Status::Complete(head_len)) => {
                let method = request.method.unwrap_or("-").to_owned();
                let path = escape(request.path.unwrap_or("-").as_bytes());
                let pairs: Vec<(&str, &[u8])> =
                    request.headers.iter().map(|h| (h.name, h.value)).collect();
                let chunked = pairs.iter().any(|(n, v)| {
                    n.eq_ignore_ascii_case("transfer-encoding")
                        && !v.eq_ignore_ascii_case(b"identity")
                });
                if chunked {
                    return Err(Unread::Malformed(
                        "a chunked body: send Content-Length".into(),
                    ));
                }
                let length = match pairs
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                {
                    None => 0,
                    Some((_, v)) => std::str::from_utf8(v)
                        .ok()
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .ok_or_else(|| Unread::Malformed("a bad Content-Length".into()))?,
                };
                if length > MAX_BODY {
                    return Err(Unread::TooLarge);
                }
                let received = Received::from_pairs(pairs);
                // The body is read (so that the answer is not lost to a reset), not used.
                let mut body = buf.split_off(head_len);
                while body.len() < length {
                    if fill(stream, &mut body, length, deadline)? == 0 {
                        return Err(Unread::Malformed("the body ended early".into()));
                    }
                }
                return Ok((method, path, received));
            }
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => return Err(Unread::TooLarge),
            Err(e) => return Err(Unread::Malformed(format!("not HTTP/1.x ({e})"))),
        }
        if buf.len() >= MAX_HEAD {
            return Err(Unread::TooLarge);
        }
        if fill(stream, &mut buf, MAX_HEAD, deadline)? == 0 {
            return Err(if buf.is_empty() {
                Unread::Closed
            } else {
                Unread::Malformed("the request ended early".into())
            });
        }
    }
}

/// Whether `serve` may listen on `addr`: its 401 answers carry the token
/// PAVE would accept, so it listens on loopback only.
pub fn loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}
