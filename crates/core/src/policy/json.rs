//! A JSON parser that remembers where every value and key starts (line, column,
//! byte offset), for error messages and findings that point at the source.
//! Strict RFC 8259; duplicate keys are kept (the linter reports them); nesting
//! is bounded so hostile input cannot exhaust the stack. It never panics.
//!
//! ```
//! use ramp_core::policy::json::{parse, Json};
//! let doc = parse("{\n  \"Version\": \"1\"\n}").unwrap();
//! let Json::Object(members) = &doc.value else { panic!() };
//! assert_eq!((members[0].key.pos.line, members[0].key.pos.column), (2, 3));
//! ```

use std::fmt;

use crate::lang::{Lang, Localized};

/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// A position in the source text: 1-based line and column (in characters), and byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
    /// Byte offset, from 0.
    pub offset: usize,
}

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object's members, in order, duplicates kept.
    Object(Vec<Member>),
}

impl Json {
    /// The JSON type's name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "boolean",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }
}

/// A value and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Json,
    /// Where it starts.
    pub pos: Pos,
}

/// An object member.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key and where it starts.
    pub key: Key,
    /// The value.
    pub value: Node,
}

/// An object key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Where its opening quote is.
    pub pos: Pos,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The text ended inside a value.
    UnexpectedEnd,
    /// A character that cannot start or continue what was expected.
    Unexpected(char, &'static str),
    /// Something after the top-level value.
    TrailingText,
    /// A bad escape in a string.
    BadEscape,
    /// A raw control character inside a string.
    ControlInString,
    /// A number that is not JSON.
    BadNumber,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// A syntax error with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Where.
    pub pos: Pos,
    /// What.
    pub kind: JsonErrorKind,
}

impl Localized for JsonError {
    fn message(&self, lang: Lang) -> String {
        use JsonErrorKind::*;
        let (l, c) = (self.pos.line, self.pos.column);
        let what = match (&self.kind, lang) {
            (UnexpectedEnd, Lang::En) => {
                "the text ends too early: close every string, array and object".to_owned()
            }
            (UnexpectedEnd, Lang::Zh) => "文本提前结束：请闭合所有字符串、数组和对象".to_owned(),
            (Unexpected(ch, want), Lang::En) => format!("unexpected {ch:?}; expected {want}"),
            (Unexpected(ch, want), Lang::Zh) => format!("意外的字符 {ch:?}；此处应为 {want}"),
            (TrailingText, Lang::En) => {
                "text after the end of the document: remove it, or wrap the values in one object"
                    .to_owned()
            }
            (TrailingText, Lang::Zh) => {
                "文档结束后还有多余内容：请删除，或将内容放进同一个对象".to_owned()
            }
            (BadEscape, Lang::En) => {
                "invalid escape in a string: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"
                    .to_owned()
            }
            (BadEscape, Lang::Zh) => {
                "字符串中的转义无效：请使用 \\\" \\\\ \\/ \\b \\f \\n \\r \\t 或 \\uXXXX".to_owned()
            }
            (ControlInString, Lang::En) => {
                "a line break or control character inside a string: write it as \\n or \\t"
                    .to_owned()
            }
            (ControlInString, Lang::Zh) => {
                "字符串中包含换行或控制字符：请写成 \\n 或 \\t".to_owned()
            }
            (BadNumber, Lang::En) => {
                "not a JSON number (no leading zeros, +, hex or trailing dot)".to_owned()
            }
            (BadNumber, Lang::Zh) => {
                "不是有效的 JSON 数字（不能有前导零、+ 号、十六进制或末尾小数点）".to_owned()
            }
            (TooDeep, Lang::En) => {
                format!("nested deeper than {MAX_DEPTH} levels: a policy never needs that")
            }
            (TooDeep, Lang::Zh) => format!("嵌套超过 {MAX_DEPTH} 层：策略不需要这么深的结构"),
        };
        match lang {
            Lang::En => format!("line {l}, column {c}: {what}"),
            Lang::Zh => format!("第 {l} 行第 {c} 列：{what}"),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for JsonError {}

/// Parses `text` as one JSON document (a leading UTF-8 BOM is allowed).
pub fn parse(text: &str) -> Result<Node, JsonError> {
    let mut p = Parser {
        text,
        offset: 0,
        line: 1,
        column: 1,
    };
    if p.text.starts_with('\u{feff}') {
        p.offset = 3;
    }
    p.skip_ws();
    let node = p.value(0)?;
    p.skip_ws();
    if p.offset < p.text.len() {
        return Err(p.error(JsonErrorKind::TrailingText));
    }
    Ok(node)
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"` and
/// `\\`, the short escapes of backspace, form feed, newline, carriage return
/// and tab, `\\u00xx` for the other control characters; everything else as is.
pub(crate) fn quote_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while let Some(i) = rest
        .bytes()
        .position(|b| b < 0x20 || b == b'"' || b == b'\\')
    {
        // Escaped bytes are ASCII: both ends of the run are char boundaries.
        out.push_str(&rest[..i]);
        let b = rest.as_bytes()[i];
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

mod parser;
use self::parser::*;

#[cfg(test)]
mod tests;
