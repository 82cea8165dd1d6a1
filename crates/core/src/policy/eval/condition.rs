//! Condition evaluation. Within an operator, several values for one key are
//! OR-ed (a negated operator is true when no value matches); several keys are
//! AND-ed; several operators are AND-ed. A key missing from the context or an
//! operator RAM does not have makes the result [`Truth::Unknown`] — never a guess.

use std::net::IpAddr;

use super::context::Context;
use super::wildcard;
use crate::policy::model::Condition;
use crate::time::UtcTime;

/// A three-valued answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Cannot be decided.
    Unknown {
        /// Context keys the condition needs and the request did not give.
        missing_keys: Vec<String>,
        /// Operators (or values) that cannot be evaluated.
        unsupported: Vec<String>,
    },
}

/// The operator families of RAM's condition language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    String { ignore_case: bool, like: bool },
    Numeric,
    Date,
    Bool,
    Ip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compare {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
}

const fn string(ignore_case: bool, like: bool) -> Family {
    Family::String { ignore_case, like }
}

/// RAM's condition operators: name, family, comparison and negation.
const OPERATORS: &[(&str, Family, Compare, bool)] = &[
    ("StringEquals", string(false, false), Compare::Eq, false),
    ("StringNotEquals", string(false, false), Compare::Eq, true),
    (
        "StringEqualsIgnoreCase",
        string(true, false),
        Compare::Eq,
        false,
    ),
    (
        "StringNotEqualsIgnoreCase",
        string(true, false),
        Compare::Eq,
        true,
    ),
    ("StringLike", string(false, true), Compare::Eq, false),
    ("StringNotLike", string(false, true), Compare::Eq, true),
    ("NumericEquals", Family::Numeric, Compare::Eq, false),
    ("NumericNotEquals", Family::Numeric, Compare::Eq, true),
    ("NumericLessThan", Family::Numeric, Compare::Lt, false),
    ("NumericLessThanEquals", Family::Numeric, Compare::Le, false),
    ("NumericGreaterThan", Family::Numeric, Compare::Gt, false),
    (
        "NumericGreaterThanEquals",
        Family::Numeric,
        Compare::Ge,
        false,
    ),
    ("DateEquals", Family::Date, Compare::Eq, false),
    ("DateNotEquals", Family::Date, Compare::Eq, true),
    ("DateLessThan", Family::Date, Compare::Lt, false),
    ("DateLessThanEquals", Family::Date, Compare::Le, false),
    ("DateGreaterThan", Family::Date, Compare::Gt, false),
    ("DateGreaterThanEquals", Family::Date, Compare::Ge, false),
    ("Bool", Family::Bool, Compare::Eq, false),
    ("IpAddress", Family::Ip, Compare::Eq, false),
    ("NotIpAddress", Family::Ip, Compare::Eq, true),
];

/// Splits an operator name into family, comparison and negation.
fn operator(name: &str) -> Option<(Family, Compare, bool)> {
    OPERATORS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|&(_, family, compare, negated)| (family, compare, negated))
}

/// The family of a condition operator (`None` for one RAM does not have).
pub(crate) fn family(name: &str) -> Option<Family> {
    operator(name).map(|(family, ..)| family)
}

/// The first and last address of an address or CIDR block, as numbers,
/// and whether it is IPv4.
pub(crate) fn cidr_bounds(s: &str) -> Option<(u128, u128, bool)> {
    let (addr, bits) = parse_cidr(s.trim())?;
    let (n, width) = match addr {
        IpAddr::V4(v) => (u128::from(u32::from(v)), 32u32),
        IpAddr::V6(v) => (u128::from(v), 128u32),
    };
    let host = width - u32::from(bits);
    let mask = if host >= 128 {
        u128::MAX
    } else {
        (1u128 << host) - 1
    };
    Some((n & !mask, n | mask, width == 32))
}

/// The names of RAM's condition operators.
pub fn operator_names() -> impl Iterator<Item = &'static str> {
    OPERATORS.iter().map(|(name, ..)| *name)
}

/// `true` when `name` is one of RAM's condition operators.
pub fn is_operator(name: &str) -> bool {
    operator(name).is_some()
}

/// Can `value` be read the way `operator` compares it (a number, an ISO 8601
/// date, `true`/`false`, an IP or CIDR)? `None` for an operator RAM does not have.
pub fn value_fits(operator_name: &str, value: &str) -> Option<bool> {
    let (family, ..) = operator(operator_name)?;
    Some(match family {
        Family::String { .. } => true,
        Family::Numeric => value.trim().parse::<f64>().is_ok(),
        Family::Date => parse_date(value).is_some(),
        Family::Bool => value.eq_ignore_ascii_case("true") || value.eq_ignore_ascii_case("false"),
        Family::Ip => parse_cidr(value).is_some(),
    })
}

fn ordered(cmp: Compare, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    matches!(
        (cmp, ord),
        (Compare::Eq, Equal)
            | (Compare::Lt, Less)
            | (Compare::Le, Less | Equal)
            | (Compare::Gt, Greater)
            | (Compare::Ge, Greater | Equal)
    )
}

/// Parses `yyyy-MM-ddTHH:mm:ssZ` or `yyyy-MM-dd` (midnight UTC).
pub fn parse_date(s: &str) -> Option<UtcTime> {
    UtcTime::parse(s)
        .ok()
        .or_else(|| UtcTime::parse(&format!("{s}T00:00:00Z")).ok())
}

/// An address or a CIDR block: IPv4 or IPv6.
fn parse_cidr(s: &str) -> Option<(IpAddr, u8)> {
    let (addr, bits) = match s.split_once('/') {
        Some((a, b)) => (a.parse::<IpAddr>().ok()?, Some(b.parse::<u8>().ok()?)),
        None => (s.parse::<IpAddr>().ok()?, None),
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let bits = bits.unwrap_or(max);
    (bits <= max).then_some((addr, bits))
}

fn in_cidr(ip: IpAddr, (net, bits): (IpAddr, u8)) -> bool {
    let to_u128 = |a: IpAddr| match a {
        IpAddr::V4(v) => (u128::from(u32::from(v)), 32u32),
        IpAddr::V6(v) => (u128::from(v), 128u32),
    };
    let ((a, width_a), (n, width_n)) = (to_u128(ip), to_u128(net));
    if width_a != width_n {
        return false;
    }
    let shift = width_a - u32::from(bits);
    shift >= width_a || (a >> shift) == (n >> shift)
}

/// Does one context value match one policy value? `None` when either cannot be read.
fn value_matches(family: Family, cmp: Compare, actual: &str, expected: &str) -> Option<bool> {
    match family {
        Family::String {
            like: true,
            ignore_case,
        } => Some(wildcard::matches(expected, actual, ignore_case)),
        Family::String {
            ignore_case: true, ..
        } => Some(actual.to_lowercase() == expected.to_lowercase()),
        Family::String { .. } => Some(actual == expected),
        Family::Numeric => {
            let (a, e) = (
                actual.trim().parse::<f64>().ok()?,
                expected.trim().parse::<f64>().ok()?,
            );
            Some(ordered(cmp, a.partial_cmp(&e)?))
        }
        Family::Date => Some(ordered(
            cmp,
            parse_date(actual.trim())?.cmp(&parse_date(expected.trim())?),
        )),
        Family::Bool => {
            let b = |s: &str| match s.trim().to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
            Some(b(actual)? == b(expected)?)
        }
        Family::Ip => Some(in_cidr(
            actual.trim().parse().ok()?,
            parse_cidr(expected.trim())?,
        )),
    }
}

/// Evaluates a statement's `Condition` against `context`.
pub fn evaluate(condition: &Condition, context: &Context) -> Truth {
    let mut missing_keys = Vec::new();
    let mut unsupported = Vec::new();
    let mut all_true = true;
    for block in &condition.blocks {
        let Some((family, cmp, negated)) = operator(&block.operator.value) else {
            unsupported.push(block.operator.value.clone());
            continue;
        };
        for key in &block.keys {
            let Some(actual) = context.get(&key.key.value) else {
                if context.counts_missing_as_absent() {
                    // Nothing to compare: no value matches, so only a negated operator holds.
                    if !negated {
                        all_true = false;
                    }
                } else {
                    missing_keys.push(key.key.value.clone());
                }
                continue;
            };
            let mut any = false;
            let mut unreadable = false;
            for a in actual {
                for expected in key.values.texts() {
                    match value_matches(family, cmp, a, expected) {
                        Some(true) => any = true,
                        Some(false) => {}
                        None => {
                            unreadable = true;
                            unsupported.push(format!(
                                "{} {} {expected:?} vs {a:?}",
                                block.operator.value, key.key.value
                            ));
                        }
                    }
                }
            }
            // A match decides the key; without one, an unreadable comparison leaves it unknown.
            if (any || !unreadable) && any == negated {
                all_true = false;
            }
        }
    }
    if !unsupported.is_empty() || !missing_keys.is_empty() {
        // A false part already decides, whatever the unknown parts would say.
        if !all_true {
            return Truth::False;
        }
        return Truth::Unknown {
            missing_keys,
            unsupported,
        };
    }
    if all_true {
        Truth::True
    } else {
        Truth::False
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::parse_policy;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn cond(json: &str) -> Condition {
        let text = format!(
            r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{json}}}]}}"#
        );
        parse_policy(&text).unwrap().policy.statements[0]
            .condition
            .clone()
            .unwrap()
    }

    #[test]
    fn ip_ranges_v4_and_v6() {
        let c = cond(
            r#"{"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "2001:db8::/32", "192.168.1.7"]}}"#,
        );
        for (ip, want) in [
            ("10.1.2.3", true),
            ("11.0.0.1", false),
            ("2001:db8::1", true),
            ("2001:db9::1", false),
            ("192.168.1.7", true),
            ("192.168.1.8", false),
        ] {
            assert_eq!(
                evaluate(&c, &Context::new().with("acs:SourceIp", ip)) == Truth::True,
                want,
                "{ip}"
            );
        }
        let not = cond(r#"{"NotIpAddress": {"acs:SourceIp": "10.0.0.0/8"}}"#);
        assert_eq!(
            evaluate(&not, &Context::new().with("acs:SourceIp", "10.9.9.9")),
            Truth::False
        );
        assert_eq!(
            evaluate(&not, &Context::new().with("acs:SourceIp", "8.8.8.8")),
            Truth::True
        );
    }

    #[test]
    fn keys_and_and_values_or() {
        let c = cond(
            r#"{"StringEquals": {"sts:ExternalId": ["a", "b"]}, "Bool": {"acs:MFAPresent": true}}"#,
        );
        let ctx = |ext: &str, mfa: &str| {
            Context::new()
                .with("sts:ExternalId", ext)
                .with("acs:MFAPresent", mfa)
        };
        assert_eq!(evaluate(&c, &ctx("b", "true")), Truth::True);
        assert_eq!(evaluate(&c, &ctx("c", "true")), Truth::False);
        assert_eq!(evaluate(&c, &ctx("a", "false")), Truth::False);
    }

    /// docs/fidelity.md: a negated operator holds only when no value
    /// matches, and on an absent key (a complete request context) it holds.
    #[test]
    fn negated_operators_exclude_every_value_and_hold_on_absent_keys() {
        let c = cond(r#"{"StringNotEquals": {"acs:SourceVpc": ["vpc-a", "vpc-b"]}}"#);
        let from = |vpc: &str| Context::new().with("acs:SourceVpc", vpc);
        assert_eq!(evaluate(&c, &from("vpc-a")), Truth::False);
        assert_eq!(evaluate(&c, &from("vpc-b")), Truth::False);
        assert_eq!(evaluate(&c, &from("vpc-c")), Truth::True);
        assert_eq!(
            evaluate(&c, &Context::new().missing_is_absent()),
            Truth::True
        );
        let plain = cond(r#"{"StringEquals": {"acs:SourceVpc": "vpc-a"}}"#);
        assert_eq!(
            evaluate(&plain, &Context::new().missing_is_absent()),
            Truth::False
        );
    }

    #[test]
    fn missing_keys_and_unknown_operators_are_unknown_not_guesses() {
        let c =
            cond(r#"{"Bool": {"acs:MFAPresent": "true"}, "StringEqualsIfExists": {"x:y": "z"}}"#);
        assert_eq!(
            evaluate(&c, &Context::new()),
            Truth::Unknown {
                missing_keys: vec!["acs:MFAPresent".into()],
                unsupported: vec!["StringEqualsIfExists".into()]
            }
        );
        // A part that is false decides anyway.
        assert_eq!(
            evaluate(&c, &Context::new().with("acs:MFAPresent", "false")),
            Truth::False
        );
    }

    #[test]
    fn dates_numbers_and_like() {
        let c = cond(
            r#"{"DateLessThan": {"acs:CurrentTime": "2026-12-31T23:59:59Z"}, "NumericGreaterThanEquals": {"x:n": "10"}, "StringLike": {"x:s": "shop-*"}}"#,
        );
        let ctx = |t: &str, n: &str, s: &str| {
            Context::new()
                .with("acs:CurrentTime", t)
                .with("x:n", n)
                .with("x:s", s)
        };
        assert_eq!(
            evaluate(&c, &ctx("2026-11-22T10:00:00Z", "10", "shop-web")),
            Truth::True
        );
        assert_eq!(
            evaluate(&c, &ctx("2027-01-01T00:00:00Z", "10", "shop-web")),
            Truth::False
        );
        assert_eq!(
            evaluate(&c, &ctx("2026-11-22", "9.5", "shop-web")),
            Truth::False
        );
        assert_eq!(
            evaluate(&c, &ctx("2026-11-22T10:00:00Z", "11", "Shop-web")),
            Truth::False
        );
        assert!(matches!(
            evaluate(&c, &ctx("yesterday", "11", "shop-web")),
            Truth::Unknown { .. }
        ));
    }

    #[test]
    fn case_insensitive_string_operators() {
        let c =
            cond(r#"{"StringEqualsIgnoreCase": {"x:s": "ABC"}, "StringNotEquals": {"x:t": "q"}}"#);
        assert_eq!(
            evaluate(&c, &Context::new().with("X:S", "abc").with("x:t", "r")),
            Truth::True
        );
    }
}
