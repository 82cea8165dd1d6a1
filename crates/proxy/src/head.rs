//! Request heads checked as they arrive, before hyper parses them, so that
//! what the HTTP layer itself would refuse is refused in Alibaba Cloud's
//! error shape (an SDK reads it like any other error) and what hyper would
//! quietly accept is refused too:
//!
//! - a request line over [`HeadLimits::request_line`] → `414`;
//! - a header section over [`HeadLimits::headers`] bytes or
//!   [`HeadLimits::fields`] fields → `431`;
//! - more than one `Content-Length` field, even with equal values → `400`.
//!   (hyper folds equal duplicates, which RFC 9112 §6.3 allows; a relay in
//!   front of other servers should not: the next hop may frame differently.)
//!
//! The guard follows every request on a kept-alive connection — it skips
//! `Content-Length` and chunked bodies — so the second request of a
//! connection is checked like the first. On a violation it writes the
//! answer, then ends the connection (hyper sees the end of its input and
//! closes without answering twice).

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// How large a request head may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadLimits {
    /// The request line (`POST /relay/ram?… HTTP/1.1`), bytes. RPC calls
    /// signed by the SDKs carry their parameters in the query, a policy
    /// document included (up to 6,144 characters, about three times that
    /// percent-encoded), so this is generous.
    pub request_line: usize,
    /// The header fields after it, bytes in all.
    pub headers: usize,
    /// The number of header fields.
    pub fields: usize,
}

impl Default for HeadLimits {
    fn default() -> Self {
        HeadLimits {
            request_line: 64 * 1024,
            headers: 32 * 1024,
            fields: 100,
        }
    }
}

/// What a violation is answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Violation {
    LineTooLong,
    HeadersTooLarge,
    TwoContentLengths,
}

impl Violation {
    fn answer(self, limits: &HeadLimits) -> Vec<u8> {
        let (status, code, message) = match self {
            Violation::LineTooLong => (
                StatusCode::URI_TOO_LONG,
                "InvalidRequest.UriTooLong",
                format!(
                    "The request line is longer than {} bytes: send large parameters (a policy document) in a form body instead of the query.",
                    limits.request_line
                ),
            ),
            Violation::HeadersTooLarge => (
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "InvalidRequest.HeadersTooLarge",
                format!(
                    "The request's header fields are over {} bytes or {} fields: send fewer or smaller headers.",
                    limits.headers, limits.fields
                ),
            ),
            Violation::TwoContentLengths => (
                StatusCode::BAD_REQUEST,
                "InvalidRequest",
                "The request has more than one Content-Length header: send exactly one.".to_owned(),
            ),
        };
        crate::answer::raw(status, code, &message, false)
    }
}

/// Where the scanner is in the request stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// The request line (`false` until its first byte; leading CRLFs are allowed).
    RequestLine { started: bool, len: usize },
    /// The header section.
    Headers(Fields),
    /// A body of this many bytes still to come.
    Body(u64),
    /// A chunked body: a chunk-size line (extensions allowed) of this length so far.
    ChunkSize {
        size: u64,
        in_ext: bool,
        digits: usize,
    },
    /// Chunk data, then its CRLF: bytes still to come.
    ChunkData(u64),
    /// The trailer section after the last chunk; `line` bytes into a line.
    Trailers { line: usize },
    /// Framing this guard cannot follow (hyper refuses or closes it): stop checking.
    Blind,
}

/// The header section so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    bytes: usize,
    count: usize,
    /// Bytes into the current line.
    line: usize,
    /// The current line's name so far matches `content-length` / `transfer-encoding`.
    name_cl: bool,
    name_te: bool,
    /// Past the current line's colon.
    in_value: bool,
    /// The current value (Content-Length digits or Transfer-Encoding's last token).
    value: [u8; 24],
    value_len: usize,
    content_lengths: usize,
    length: Option<u64>,
    length_invalid: bool,
    chunked: bool,
    transfer_encoding: bool,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            bytes: 0,
            count: 0,
            line: 0,
            name_cl: true,
            name_te: true,
            in_value: false,
            value: [0; 24],
            value_len: 0,
            content_lengths: 0,
            length: None,
            length_invalid: false,
            chunked: false,
            transfer_encoding: false,
        }
    }

    fn start_line(&mut self) {
        self.line = 0;
        self.name_cl = true;
        self.name_te = true;
        self.in_value = false;
        self.value_len = 0;
    }

    fn end_line(&mut self) {
        if !self.in_value {
            return;
        }
        let value = std::str::from_utf8(&self.value[..self.value_len])
            .unwrap_or("")
            .trim();
        if self.name_cl {
            self.content_lengths += 1;
            match value.parse::<u64>() {
                Ok(n) if self.value_len < self.value.len() => self.length = Some(n),
                _ => self.length_invalid = true,
            }
        } else if self.name_te {
            self.transfer_encoding = true;
            // Chunked only when it is the last coding (RFC 9112 §6.3).
            self.chunked = value
                .rsplit(',')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("chunked"));
        }
    }
}

const CONTENT_LENGTH: &[u8] = b"content-length";
const TRANSFER_ENCODING: &[u8] = b"transfer-encoding";

/// The scanner: feed it bytes in order; it says when a head breaks a rule.
#[derive(Debug, Clone)]
struct Scanner {
    limits: HeadLimits,
    at: At,
    /// Where, in the bytes of the current `feed`, the request being read began.
    began: Option<usize>,
}

/// A broken rule, and where in the bytes fed the offending request began
/// (`None`: in bytes fed before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Broken {
    violation: Violation,
    began: Option<usize>,
}

impl Scanner {
    fn new(limits: HeadLimits) -> Scanner {
        Scanner {
            limits,
            at: At::RequestLine {
                started: false,
                len: 0,
            },
            began: None,
        }
    }

    /// Back to the start of a request (bytes held back are fed again).
    fn restart(&mut self) {
        self.at = At::RequestLine {
            started: false,
            len: 0,
        };
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), Broken> {
        self.began = None;
        self.scan(bytes).map_err(|violation| Broken {
            violation,
            began: self.began,
        })
    }

    fn scan(&mut self, bytes: &[u8]) -> Result<(), Violation> {
        let mut i = 0;
        while i < bytes.len() {
            match &mut self.at {
                At::Blind => return Ok(()),
                At::Body(left) => {
                    let take = (*left).min((bytes.len() - i) as u64);
                    *left -= take;
                    i += take as usize;
                    if *left == 0 {
                        self.at = At::RequestLine {
                            started: false,
                            len: 0,
                        };
                    }
                    continue;
                }
                At::ChunkData(left) => {
                    let take = (*left).min((bytes.len() - i) as u64);
                    *left -= take;
                    i += take as usize;
                    if *left == 0 {
                        self.at = At::ChunkSize {
                            size: 0,
                            in_ext: false,
                            digits: 0,
                        };
                    }
                    continue;
                }
                _ => {}
            }
            let b = bytes[i];
            if matches!(self.at, At::RequestLine { started: false, .. }) && b != b'\r' && b != b'\n'
            {
                self.began = Some(i);
            }
            i += 1;
            self.byte(b)?;
        }
        Ok(())
    }

    fn byte(&mut self, b: u8) -> Result<(), Violation> {
        let limits = self.limits;
        match &mut self.at {
            At::RequestLine { started, len } => {
                if !*started && (b == b'\r' || b == b'\n') {
                    return Ok(());
                }
                *started = true;
                if b == b'\n' {
                    self.at = At::Headers(Fields::new());
                } else {
                    *len += 1;
                    if *len > limits.request_line {
                        return Err(Violation::LineTooLong);
                    }
                }
            }
            At::Headers(f) => {
                f.bytes += 1;
                if f.bytes > limits.headers {
                    return Err(Violation::HeadersTooLarge);
                }
                match b {
                    b'\n' if f.line == 0 => return self.end_of_head(),
                    b'\n' => {
                        f.end_line();
                        f.count += 1;
                        if f.count > limits.fields {
                            return Err(Violation::HeadersTooLarge);
                        }
                        if f.content_lengths > 1 {
                            return Err(Violation::TwoContentLengths);
                        }
                        f.start_line();
                    }
                    b'\r' if !f.in_value => {}
                    b':' if !f.in_value => {
                        f.name_cl &= f.line == CONTENT_LENGTH.len();
                        f.name_te &= f.line == TRANSFER_ENCODING.len();
                        f.in_value = true;
                        f.line += 1;
                    }
                    _ if !f.in_value => {
                        let lower = b.to_ascii_lowercase();
                        f.name_cl &= CONTENT_LENGTH.get(f.line) == Some(&lower);
                        f.name_te &= TRANSFER_ENCODING.get(f.line) == Some(&lower);
                        f.line += 1;
                    }
                    b'\r' => {}
                    _ => {
                        f.line += 1;
                        if f.name_cl || f.name_te {
                            if f.value_len == f.value.len() {
                                if f.name_te {
                                    // Keep the last token's tail only.
                                    f.value.copy_within(1.., 0);
                                    f.value_len -= 1;
                                } else {
                                    return Ok(()); // too long: invalid, noted at the line's end
                                }
                            }
                            f.value[f.value_len] = b;
                            f.value_len += 1;
                        }
                    }
                }
            }
            At::ChunkSize {
                size,
                in_ext,
                digits,
            } => match b {
                b'\n' if *digits == 0 => self.at = At::Blind,
                b'\n' if *size == 0 => self.at = At::Trailers { line: 0 },
                b'\n' => self.at = At::ChunkData(*size + 2),
                b'\r' => {}
                b';' | b' ' | b'\t' => *in_ext = true,
                _ if *in_ext => {}
                _ => match (b as char).to_digit(16) {
                    Some(d) if *digits < 15 => {
                        *size = *size * 16 + u64::from(d);
                        *digits += 1;
                    }
                    _ => self.at = At::Blind,
                },
            },
            At::Trailers { line } => match b {
                b'\n' if *line == 0 => {
                    self.at = At::RequestLine {
                        started: false,
                        len: 0,
                    }
                }
                b'\n' => *line = 0,
                b'\r' => {}
                _ => *line += 1,
            },
            At::Body(_) | At::ChunkData(_) | At::Blind => {}
        }
        Ok(())
    }

    fn end_of_head(&mut self) -> Result<(), Violation> {
        let At::Headers(f) = self.at else {
            return Ok(());
        };
        self.at = match (f.transfer_encoding, f.chunked, f.length, f.length_invalid) {
            (true, true, _, _) => At::ChunkSize {
                size: 0,
                in_ext: false,
                digits: 0,
            },
            // hyper refuses these or reads to the end: nothing left to follow.
            (true, false, _, _) | (false, _, _, true) => At::Blind,
            (false, _, Some(n), false) if n > 0 => At::Body(n),
            _ => At::RequestLine {
                started: false,
                len: 0,
            },
        };
        Ok(())
    }
}

/// A connection's byte stream with its request heads checked.
#[derive(Debug)]
pub(crate) struct Guarded<S> {
    inner: S,
    scanner: Scanner,
    /// Bytes read but held back: a request that breaks a rule, behind
    /// requests of the same read that hyper answers first.
    held: Vec<u8>,
    /// Held bytes wait until hyper has flushed its answers to the requests
    /// before them (it may poll for input while it still answers).
    awaiting_flush: bool,
    read_waker: Option<std::task::Waker>,
    /// The answer being written after a violation, and how much is written.
    refusing: Option<(Vec<u8>, usize)>,
}

impl<S> Guarded<S> {
    pub(crate) fn new(inner: S, limits: HeadLimits) -> Guarded<S> {
        Guarded {
            inner,
            scanner: Scanner::new(limits),
            held: Vec::new(),
            awaiting_flush: false,
            read_waker: None,
            refusing: None,
        }
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for Guarded<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.refusing.is_none() {
            if !this.held.is_empty() && this.awaiting_flush {
                this.read_waker = Some(cx.waker().clone());
                return Poll::Pending;
            }
            let before = buf.filled().len();
            if this.held.is_empty() {
                ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
            } else {
                let n = this.held.len().min(buf.remaining());
                buf.put_slice(&this.held[..n]);
                this.held.drain(..n);
            }
            match this.scanner.feed(&buf.filled()[before..]) {
                Ok(()) => return Poll::Ready(Ok(())),
                // Requests before the offending one go to hyper first; the
                // offending one is held back and refused when hyper reads again.
                Err(Broken { began: Some(k), .. }) if k > 0 => {
                    let rest = buf.filled()[before + k..].to_vec();
                    this.held.splice(0..0, rest);
                    buf.set_filled(before + k);
                    this.scanner.restart();
                    this.awaiting_flush = true;
                    return Poll::Ready(Ok(()));
                }
                Err(broken) => {
                    // Nothing more reaches hyper; the answer goes out instead.
                    buf.set_filled(before);
                    this.held.clear();
                    this.refusing = Some((broken.violation.answer(&this.scanner.limits), 0));
                }
            }
        }
        let Some((answer, written)) = &mut this.refusing else {
            return Poll::Ready(Ok(()));
        };
        while *written < answer.len() {
            let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &answer[*written..]))?;
            if n == 0 {
                break;
            }
            *written += n;
        }
        ready!(Pin::new(&mut this.inner).poll_flush(cx))?;
        // The end of the input: hyper closes the connection.
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Guarded<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, data)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(Pin::new(&mut this.inner).poll_flush(cx))?;
        if std::mem::take(&mut this.awaiting_flush) {
            if let Some(w) = this.read_waker.take() {
                w.wake();
            }
        }
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests;
