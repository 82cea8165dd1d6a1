//! The JSON reader itself: a byte-level parser that keeps every value's line and column, and names what it expected where it stopped.

use super::*;

pub(super) struct Parser<'t> {
    pub(super) text: &'t str,
    pub(super) offset: usize,
    pub(super) line: u32,
    pub(super) column: u32,
}

impl<'t> Parser<'t> {
    pub(super) fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
            offset: self.offset,
        }
    }

    pub(super) fn error(&self, kind: JsonErrorKind) -> JsonError {
        JsonError {
            pos: self.pos(),
            kind,
        }
    }

    pub(super) fn peek(&self) -> Option<char> {
        match self.text.as_bytes().get(self.offset) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self
                .text
                .get(self.offset..)
                .and_then(|rest| rest.chars().next()),
        }
    }

    pub(super) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.offset += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    pub(super) fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    pub(super) fn expect(&mut self, want: char, what: &'static str) -> Result<(), JsonError> {
        match self.peek() {
            Some(c) if c == want => {
                self.bump();
                Ok(())
            }
            Some(c) => Err(self.error(JsonErrorKind::Unexpected(c, what))),
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
        }
    }

    pub(super) fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(JsonErrorKind::TooDeep));
        }
        let pos = self.pos();
        let value = match self.peek() {
            None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
            Some('{') => self.object(depth)?,
            Some('[') => self.array(depth)?,
            Some('"') => Json::String(self.string()?),
            Some('t') => self.literal("true", Json::Bool(true))?,
            Some('f') => self.literal("false", Json::Bool(false))?,
            Some('n') => self.literal("null", Json::Null)?,
            Some(c) if c == '-' || c.is_ascii_digit() => self.number()?,
            Some(c) => {
                return Err(self.error(JsonErrorKind::Unexpected(
                    c,
                    "a value (string, number, object, array, true, false, null)",
                )))
            }
        };
        Ok(Node { value, pos })
    }

    pub(super) fn literal(&mut self, word: &'static str, value: Json) -> Result<Json, JsonError> {
        for want in word.chars() {
            self.expect(want, word)?;
        }
        Ok(value)
    }

    pub(super) fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.bump(); // '{'
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            let key_pos = self.pos();
            match self.peek() {
                Some('"') => {}
                Some(c) => {
                    return Err(self.error(JsonErrorKind::Unexpected(c, "a key in double quotes")))
                }
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
            }
            let name = self.string()?;
            self.skip_ws();
            self.expect(':', "`:` after the key")?;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            members.push(Member {
                key: Key { name, pos: key_pos },
                value,
            });
            if !self.more('}', "`,` or `}` (a missing comma?)")? {
                return Ok(Json::Object(members));
            }
        }
    }

    pub(super) fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.bump(); // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            if !self.more(']', "`,` or `]` (a missing comma?)")? {
                return Ok(Json::Array(items));
            }
        }
    }

    /// After a member or item: `true` on `,` (another follows), `false` on `close`.
    pub(super) fn more(&mut self, close: char, what: &'static str) -> Result<bool, JsonError> {
        self.skip_ws();
        match self.bump() {
            Some(',') => Ok(true),
            Some(c) if c == close => Ok(false),
            Some(c) => Err(JsonError {
                pos: self.pos_before(c),
                kind: JsonErrorKind::Unexpected(c, what),
            }),
            None => Err(self.error(JsonErrorKind::UnexpectedEnd)),
        }
    }

    /// The position of `c`, just consumed (never a newline here).
    pub(super) fn pos_before(&self, c: char) -> Pos {
        Pos {
            line: self.line,
            column: self.column.saturating_sub(1),
            offset: self.offset - c.len_utf8(),
        }
    }

    pub(super) fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = self
                .peek()
                .and_then(|c| c.to_digit(16))
                .ok_or_else(|| self.error(JsonErrorKind::BadEscape))?;
            self.bump();
            v = v * 16 + d;
        }
        Ok(v)
    }

    /// Consumes the longest run of characters a string holds as they are (no
    /// quote, backslash or control character; so no newline either) and
    /// returns it.
    pub(super) fn plain_run(&mut self) -> &'t str {
        let (text, start) = (self.text, self.offset);
        let rest = &text.as_bytes()[start..];
        let len = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        // The run ends before an ASCII byte or at the end: a char boundary.
        let run = &text[start..start + len];
        let chars = run.bytes().filter(|&b| (b & 0xC0) != 0x80).count();
        self.offset += len;
        self.column += chars as u32;
        run
    }

    pub(super) fn string(&mut self) -> Result<String, JsonError> {
        self.bump(); // '"'
        let first = self.plain_run();
        if self.text.as_bytes().get(self.offset) == Some(&b'"') {
            // No escapes (most strings): one allocation of the right size.
            let out = first.to_owned();
            self.bump();
            return Ok(out);
        }
        let mut out = first.to_owned();
        loop {
            let run = self.plain_run();
            out.push_str(run);
            let at = self.pos();
            match self.bump() {
                None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
                Some('"') => return Ok(out),
                Some('\\') => {
                    let escaped = match self.bump() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.bump() != Some('\\') || self.bump() != Some('u') {
                                    return Err(JsonError {
                                        pos: at,
                                        kind: JsonErrorKind::BadEscape,
                                    });
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(JsonError {
                                        pos: at,
                                        kind: JsonErrorKind::BadEscape,
                                    });
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or(JsonError {
                                pos: at,
                                kind: JsonErrorKind::BadEscape,
                            })?
                        }
                        Some(_) => {
                            return Err(JsonError {
                                pos: at,
                                kind: JsonErrorKind::BadEscape,
                            })
                        }
                        None => return Err(self.error(JsonErrorKind::UnexpectedEnd)),
                    };
                    out.push(escaped);
                }
                Some(c) if (c as u32) < 0x20 => {
                    return Err(JsonError {
                        pos: at,
                        kind: JsonErrorKind::ControlInString,
                    })
                }
                Some(c) => out.push(c),
            }
        }
    }

    pub(super) fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.offset;
        let bad = |p: &Self| p.error(JsonErrorKind::BadNumber);
        if self.peek() == Some('-') {
            self.bump();
        }
        match self.peek() {
            Some('0') => {
                self.bump();
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(bad(self));
                }
            }
            Some(c) if c.is_ascii_digit() => self.digits(),
            _ => return Err(bad(self)),
        }
        if self.peek() == Some('.') {
            self.bump();
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(bad(self));
            }
            self.digits();
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(bad(self));
            }
            self.digits();
        }
        Ok(Json::Number(self.text[start..self.offset].to_owned()))
    }

    pub(super) fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
    }
}
