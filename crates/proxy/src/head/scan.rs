//! Following an HTTP/1.1 request stream byte by byte: the request line, the
//! header fields (their size, count, and any second Content-Length), and
//! the body after them (by Content-Length or chunk by chunk), so that every
//! request of a kept-alive connection is checked.

use super::*;

/// Where the scanner is in the request stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum At {
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
pub(super) struct Fields {
    pub(super) bytes: usize,
    pub(super) count: usize,
    /// Bytes into the current line.
    pub(super) line: usize,
    /// The current line's name so far matches `content-length` / `transfer-encoding`.
    pub(super) name_cl: bool,
    pub(super) name_te: bool,
    /// Past the current line's colon.
    pub(super) in_value: bool,
    /// The current value (Content-Length digits or Transfer-Encoding's last token).
    pub(super) value: [u8; 24],
    pub(super) value_len: usize,
    pub(super) content_lengths: usize,
    pub(super) length: Option<u64>,
    pub(super) length_invalid: bool,
    pub(super) chunked: bool,
    pub(super) transfer_encoding: bool,
}

impl Fields {
    pub(super) fn new() -> Fields {
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

    pub(super) fn start_line(&mut self) {
        self.line = 0;
        self.name_cl = true;
        self.name_te = true;
        self.in_value = false;
        self.value_len = 0;
    }

    pub(super) fn end_line(&mut self) {
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

pub(super) const CONTENT_LENGTH: &[u8] = b"content-length";
pub(super) const TRANSFER_ENCODING: &[u8] = b"transfer-encoding";

/// The scanner: feed it bytes in order; it says when a head breaks a rule.
#[derive(Debug, Clone)]
pub(super) struct Scanner {
    pub(super) limits: HeadLimits,
    pub(super) at: At,
    /// Where, in the bytes of the current `feed`, the request being read began.
    pub(super) began: Option<usize>,
}

/// A broken rule, and where in the bytes fed the offending request began
/// (`None`: in bytes fed before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Broken {
    pub(super) violation: Violation,
    pub(super) began: Option<usize>,
}

impl Scanner {
    pub(super) fn new(limits: HeadLimits) -> Scanner {
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
    pub(super) fn restart(&mut self) {
        self.at = At::RequestLine {
            started: false,
            len: 0,
        };
    }

    pub(super) fn feed(&mut self, bytes: &[u8]) -> Result<(), Broken> {
        self.began = None;
        self.scan(bytes).map_err(|violation| Broken {
            violation,
            began: self.began,
        })
    }

    pub(super) fn scan(&mut self, bytes: &[u8]) -> Result<(), Violation> {
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

    pub(super) fn byte(&mut self, b: u8) -> Result<(), Violation> {
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

    pub(super) fn end_of_head(&mut self) -> Result<(), Violation> {
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
