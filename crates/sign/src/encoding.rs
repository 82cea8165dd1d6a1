//! Percent-encoding as Alibaba Cloud's signatures define it, and form decoding
//! as servers apply it to received queries and bodies.
//!
//! ```
//! use ramp_sign::encoding::percent_encode;
//! assert_eq!(percent_encode("a b*c~/"), "a%20b%2Ac~%2F");
//! ```

/// `true` for the bytes that stay literal: RFC 3986 unreserved `A-Z a-z 0-9 - _ . ~`.
const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// [`is_unreserved`] for every byte, looked up rather than computed: signing
/// encodes every name and value, then the whole canonical query again.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_unreserved(b as u8);
        b += 1;
    }
    table
};

/// `%00%01…%FF`: the escape of byte `b` is `ESCAPES[3 * b..3 * b + 3]`.
const ESCAPES: &str = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    const BYTES: [u8; 768] = {
        let mut out = [0u8; 768];
        let mut b = 0;
        while b < 256 {
            out[3 * b] = b'%';
            out[3 * b + 1] = HEX[b >> 4];
            out[3 * b + 2] = HEX[b & 0x0f];
            b += 1;
        }
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("escapes are ASCII"),
    }
};

/// Percent-encodes the UTF-8 bytes of `s`; only `A-Z a-z 0-9 - _ . ~` stay literal,
/// every other byte becomes `%XY` with uppercase hex (space is `%20`, `*` is `%2A`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    percent_encode_into(&mut out, s);
    out
}

/// Where percent-encoded text goes: runs of unreserved bytes as they are, and
/// the `%XY` of every other byte.
trait Sink {
    fn literal(&mut self, run: &str);
    fn escaped(&mut self, escape: &'static str);
}

impl Sink for String {
    #[inline(always)]
    fn literal(&mut self, run: &str) {
        self.push_str(run);
    }
    #[inline(always)]
    fn escaped(&mut self, escape: &'static str) {
        self.push_str(escape);
    }
}

/// `enc(s)` into the first string and `enc(enc(s))` into the second: a byte the
/// first encoding escapes as `%XY` is `%25XY` in the second.
struct Twice<'a>(&'a mut String, &'a mut String);

impl Sink for Twice<'_> {
    #[inline(always)]
    fn literal(&mut self, run: &str) {
        self.0.push_str(run);
        self.1.push_str(run);
    }
    #[inline(always)]
    fn escaped(&mut self, escape: &'static str) {
        self.0.push_str(escape);
        self.1.push_str("%25");
        self.1.push_str(&escape[1..]);
    }
}

/// Walks `s` as percent-encoding sees it, into `sink`.
#[inline(always)]
fn encode_into(sink: &mut impl Sink, s: &str) {
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if UNRESERVED[usize::from(b)] {
            continue;
        }
        // A non-empty run is unreserved ASCII, so both its ends are char
        // boundaries (an empty one may sit inside a multi-byte character).
        if run < i {
            sink.literal(&s[run..i]);
        }
        let at = 3 * usize::from(b);
        sink.escaped(&ESCAPES[at..at + 3]);
        run = i + 1;
    }
    sink.literal(&s[run..]);
}

/// [`percent_encode`], appending to `out` (no intermediate string: signing
/// encodes every name and value, then the whole canonical query again).
pub fn percent_encode_into(out: &mut String, s: &str) {
    encode_into(out, s);
}

/// Appends `enc(s)` to `once` and `enc(enc(s))` to `twice` in one pass, the
/// second encoding derived from the first byte by byte. (V1's string to sign
/// encodes the canonical query a second time.)
pub fn percent_encode_twice_into(once: &mut String, twice: &mut String, s: &str) {
    encode_into(&mut Twice(once, twice), s);
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XY` escapes (and, when `plus_is_space`, `+` as a space) into bytes,
/// then into text. A `%` not followed by two hex digits is kept literally, as
/// form decoders do; invalid UTF-8 is replaced with U+FFFD rather than rejected.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => match (
                bytes.get(i + 1).and_then(|&h| hex_value(h)),
                bytes.get(i + 2).and_then(|&l| hex_value(l)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits `application/x-www-form-urlencoded` text (a URL query or a form body)
/// into decoded `(name, value)` pairs, in order. `+` is a space, as HTML forms
/// and the official SDKs' encoders send it. Empty segments are skipped; a name
/// without `=` has the empty value.
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let (name, value) = segment.split_once('=').unwrap_or((segment, ""));
            (percent_decode(name, true), percent_decode(value, true))
        })
        .collect()
}

/// Joins pairs into a query string, each name and value percent-encoded.
pub fn encode_pairs<'a, I>(pairs: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
    I::IntoIter: Clone,
{
    let pairs = pairs.into_iter();
    // Room for the text plus half again for escapes: one allocation in the usual case.
    let text: usize = pairs.clone().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut out = String::with_capacity(text + text / 2);
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        percent_encode_into(&mut out, name);
        out.push('=');
        percent_encode_into(&mut out, value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn encoding_twice_in_one_pass_is_encoding_the_encoding() {
        for s in [
            "",
            "abc",
            "a b*c~/",
            "张三 <alice@example.com>",
            "%25&=+",
            "é\u{1F600}x",
        ] {
            let (mut once, mut twice) = (String::from("pre"), String::from("pre"));
            percent_encode_twice_into(&mut once, &mut twice, s);
            assert_eq!(once, format!("pre{}", percent_encode(s)));
            assert_eq!(twice, format!("pre{}", percent_encode(&percent_encode(s))));
        }
    }

    #[test]
    fn encodes_reserved_and_keeps_unreserved() {
        assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(
            percent_encode(" *+=&/:@!'()"),
            "%20%2A%2B%3D%26%2F%3A%40%21%27%28%29"
        );
        assert_eq!(percent_encode("张"), "%E5%BC%A0");
        assert_eq!(percent_encode("😀"), "%F0%9F%98%80");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn decodes_plus_only_in_form_mode() {
        assert_eq!(percent_decode("a+b%20c", true), "a b c");
        assert_eq!(percent_decode("a+b%20c", false), "a+b c");
    }

    #[test]
    fn keeps_broken_escapes_literally() {
        assert_eq!(percent_decode("100%", true), "100%");
        assert_eq!(percent_decode("%zz%4", true), "%zz%4");
        assert_eq!(percent_decode("%E5%BC", true), "\u{fffd}");
    }

    #[test]
    fn parses_forms() {
        assert_eq!(
            parse_form("a=1&b=&c&&d=x+y%2Az"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "".into()),
                ("c".into(), "".into()),
                ("d".into(), "x y*z".into())
            ]
        );
    }
}
