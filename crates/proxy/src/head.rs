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

mod scan;
use self::scan::{Broken, Scanner};

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
