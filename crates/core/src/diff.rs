//! Explaining a signature mismatch: compare our string to sign (or canonical
//! request) with the one a server reported in `SignatureDoesNotMatch`, and say
//! exactly which part differs.
//!
//! ```
//! use ramp_core::diff::{compare, Difference};
//! let ours = "GET&%2F&A%3D1%26B%3D2";
//! let theirs = "GET&%2F&A%3D1%26B%3D3";
//! let report = compare(ours, theirs);
//! assert_eq!(report.differences, vec![Difference::ParamValue { name: "B".into(), ours: "2".into(), theirs: "3".into() }]);
//! ```

use crate::encoding::{parse_form, percent_decode};

/// One specific difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The two texts are identical.
    None,
    /// The HTTP methods differ.
    Method {
        /// Ours.
        ours: String,
        /// The server's.
        theirs: String,
    },
    /// A parameter the server saw that we did not sign.
    ExtraParam {
        /// Its name.
        name: String,
        /// Its value as the server saw it.
        value: String,
    },
    /// A parameter we signed that the server did not see.
    MissingParam {
        /// Its name.
        name: String,
        /// Its value as we signed it.
        value: String,
    },
    /// A parameter with different values.
    ParamValue {
        /// Its name.
        name: String,
        /// Ours.
        ours: String,
        /// The server's.
        theirs: String,
    },
    /// A V3 canonical-request line that differs (line 1 = method … line n = payload hash).
    Line {
        /// What the line is (`CanonicalURI`, `header host`, `SignedHeaders`, …).
        part: String,
        /// Ours.
        ours: String,
        /// The server's.
        theirs: String,
    },
    /// Differences that only the raw text shows (V3 string-to-sign hashes, other formats).
    Text,
}

/// The outcome of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Byte offset of the first difference in the raw texts (`None` when equal).
    pub first_difference_at: Option<usize>,
    /// What differs, most specific first.
    pub differences: Vec<Difference>,
}

fn first_difference(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return None;
    }
    Some(
        a.bytes()
            .zip(b.bytes())
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len())),
    )
}

/// Splits a V1 string to sign `METHOD&%2F&enc(query)` into method and decoded pairs.
fn split_v1(s: &str) -> Option<(&str, Vec<(String, String)>)> {
    let mut parts = s.trim().splitn(3, '&');
    let method = parts.next()?;
    if parts.next()? != "%2F" {
        return None;
    }
    let query = percent_decode(parts.next()?, false);
    // The canonical query is percent-encoded with %20 for spaces, so `+` is literal.
    let pairs = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, false), percent_decode(v, false))
        })
        .collect();
    Some((method, pairs))
}

fn compare_params(
    ours: &[(String, String)],
    theirs: &[(String, String)],
    out: &mut Vec<Difference>,
) {
    for (name, value) in ours {
        match theirs.iter().find(|(k, _)| k == name) {
            None => out.push(Difference::MissingParam {
                name: name.clone(),
                value: value.clone(),
            }),
            Some((_, v)) if v != value => out.push(Difference::ParamValue {
                name: name.clone(),
                ours: value.clone(),
                theirs: v.clone(),
            }),
            Some(_) => {}
        }
    }
    for (name, value) in theirs {
        if !ours.iter().any(|(k, _)| k == name) {
            out.push(Difference::ExtraParam {
                name: name.clone(),
                value: value.clone(),
            });
        }
    }
}

/// Names the lines of a V3 canonical request: 0 method, 1 URI, 2 query, headers…, signed headers, hash.
fn v3_line_names(lines: &[&str]) -> Vec<String> {
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| match i {
            0 => "HTTPMethod".to_owned(),
            1 => "CanonicalURI".to_owned(),
            2 => "CanonicalQueryString".to_owned(),
            _ if i + 1 == n => "HashedRequestPayload".to_owned(),
            _ if i + 2 == n => "SignedHeaders".to_owned(),
            _ if line.is_empty() => "end of CanonicalHeaders".to_owned(),
            _ => format!("header {}", line.split(':').next().unwrap_or_default()),
        })
        .collect()
}

/// Compares ours with the server's text: a V1 string to sign, a V3 canonical
/// request, or anything else (then only the first differing byte is reported).
pub fn compare(ours: &str, theirs: &str) -> Comparison {
    let ours_t = ours.trim_end_matches(['\r', '\n']);
    let theirs_t = theirs
        .trim()
        .trim_start_matches("server string to sign is:");
    let first_difference_at = first_difference(ours_t, theirs_t);
    let mut differences = Vec::new();
    if first_difference_at.is_none() {
        differences.push(Difference::None);
    } else if let (Some((m1, p1)), Some((m2, p2))) = (split_v1(ours_t), split_v1(theirs_t)) {
        if m1 != m2 {
            differences.push(Difference::Method {
                ours: m1.to_owned(),
                theirs: m2.to_owned(),
            });
        }
        compare_params(&p1, &p2, &mut differences);
    } else if ours_t.lines().count() >= 6 && theirs_t.lines().count() >= 6 {
        let a: Vec<&str> = ours_t.lines().collect();
        let theirs_lines: Vec<String> = theirs_t
            .replace("\r\n", "\n")
            .lines()
            .map(str::to_owned)
            .collect();
        let names = v3_line_names(&a);
        if a.len() == theirs_lines.len() {
            for (i, (x, y)) in a.iter().zip(&theirs_lines).enumerate() {
                if i == 2 && x != y {
                    compare_params(&parse_form(x), &parse_form(y), &mut differences);
                } else if *x != y.as_str() {
                    differences.push(Difference::Line {
                        part: names[i].clone(),
                        ours: (*x).to_owned(),
                        theirs: y.clone(),
                    });
                }
            }
        } else {
            differences.push(Difference::Line {
                part: "CanonicalHeaders".to_owned(),
                ours: format!("{} lines", a.len()),
                theirs: format!("{} lines", theirs_lines.len()),
            });
        }
    }
    if differences.is_empty() {
        differences.push(Difference::Text);
    }
    Comparison {
        first_difference_at,
        differences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn equal_texts() {
        let c = compare("GET&%2F&A%3D1", "GET&%2F&A%3D1\n");
        assert_eq!(c.first_difference_at, None);
        assert_eq!(c.differences, vec![Difference::None]);
    }

    #[test]
    fn v1_method_missing_extra_and_encoded_values() {
        // Values are doubly encoded: %2520 is an encoded space, %253A an encoded colon.
        let ours = "POST&%2F&A%3Da%2520b%26B%3D1%26T%3D12%253A00";
        let theirs = "GET&%2F&A%3Da%252Bb%26C%3D2%26T%3D12%253A00";
        let c = compare(ours, theirs);
        assert_eq!(c.first_difference_at, Some(0));
        assert_eq!(
            c.differences,
            vec![
                Difference::Method {
                    ours: "POST".into(),
                    theirs: "GET".into()
                },
                Difference::ParamValue {
                    name: "A".into(),
                    ours: "a b".into(),
                    theirs: "a+b".into()
                },
                Difference::MissingParam {
                    name: "B".into(),
                    value: "1".into()
                },
                Difference::ExtraParam {
                    name: "C".into(),
                    value: "2".into()
                },
            ]
        );
    }

    #[test]
    fn v3_canonical_request_lines() {
        let ours = "POST\n/\nA=1\nhost:ram.aliyuncs.com\nx-acs-date:2025-01-01T00:00:00Z\n\nhost;x-acs-date\nabc";
        let theirs = "POST\n/\nA=2\nhost:ram.aliyuncs.com\nx-acs-date:2025-01-01T00:00:01Z\n\nhost;x-acs-date\nabc";
        let c = compare(ours, theirs);
        assert_eq!(
            c.differences,
            vec![
                Difference::ParamValue {
                    name: "A".into(),
                    ours: "1".into(),
                    theirs: "2".into()
                },
                Difference::Line {
                    part: "header x-acs-date".into(),
                    ours: "x-acs-date:2025-01-01T00:00:00Z".into(),
                    theirs: "x-acs-date:2025-01-01T00:00:01Z".into()
                },
            ]
        );
    }

    #[test]
    fn other_text_reports_offset() {
        let c = compare("ACS3-HMAC-SHA256\nabc", "ACS3-HMAC-SHA256\nabd");
        assert_eq!(c.first_difference_at, Some(19));
        assert_eq!(c.differences, vec![Difference::Text]);
    }
}
