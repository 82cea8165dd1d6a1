//! Console passwords generated to the account's password policy. Sans-IO:
//! the caller passes the random bytes (`crypto.getRandomValues`, `getrandom`).

use crate::api::responses::PasswordPolicy;
use crate::credentials::Secret;

const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"23456789";
const SYMBOLS: &[u8] = b"!@#$%^&*()-_=+[]{}";

/// How many random bytes [`generate`] needs for this policy.
pub fn random_bytes_needed(policy: &PasswordPolicy) -> usize {
    length(policy) * 2
}

fn length(policy: &PasswordPolicy) -> usize {
    (policy.minimum_password_length as usize).clamp(16, 32)
}

/// A password of at least 16 characters (or the policy's minimum, up to 32) with
/// lowercase, uppercase, digits and symbols — every class, so it meets any
/// policy's character rules. Unambiguous characters only (no `l`, `1`, `O`, `0`).
///
/// # Panics
/// When `random` is shorter than [`random_bytes_needed`].
pub fn generate(policy: &PasswordPolicy, random: &[u8]) -> Secret {
    let n = length(policy);
    assert!(
        random.len() >= n * 2,
        "generate needs {} random bytes",
        n * 2
    );
    let classes = [LOWER, UPPER, DIGITS, SYMBOLS];
    let all: Vec<u8> = classes.concat();
    let pick = |set: &[u8], r: u8| set[usize::from(r) % set.len()];
    let mut chars: Vec<u8> = (0..n)
        .map(|i| {
            if i < classes.len() {
                pick(classes[i], random[i])
            } else {
                pick(&all, random[i])
            }
        })
        .collect();
    // Shuffle so the guaranteed classes are not always in front (Fisher-Yates).
    for i in (1..n).rev() {
        let j = usize::from(random[n + i]) % (i + 1);
        chars.swap(i, j);
    }
    Secret::new(String::from_utf8(chars).expect("ASCII"))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn meets_every_class_and_the_minimum_length() {
        let policy = PasswordPolicy {
            minimum_password_length: 20,
            require_symbols: true,
            ..Default::default()
        };
        for seed in 0..50u8 {
            let random: Vec<u8> = (0..random_bytes_needed(&policy))
                .map(|i| {
                    (i as u8)
                        .wrapping_mul(31)
                        .wrapping_add(seed.wrapping_mul(17))
                })
                .collect();
            let p = generate(&policy, &random);
            let s = p.expose();
            assert_eq!(s.len(), 20);
            assert!(s.bytes().any(|b| LOWER.contains(&b)) && s.bytes().any(|b| UPPER.contains(&b)));
            assert!(
                s.bytes().any(|b| DIGITS.contains(&b)) && s.bytes().any(|b| SYMBOLS.contains(&b))
            );
        }
        let short = PasswordPolicy {
            minimum_password_length: 8,
            ..Default::default()
        };
        assert_eq!(generate(&short, &[7; 64]).expose().len(), 16);
        assert_eq!(
            random_bytes_needed(&PasswordPolicy {
                minimum_password_length: 40,
                ..Default::default()
            }),
            64
        );
    }
}

/// The first rule of `policy` that `password` breaks, in English and Chinese
/// (`None` when it meets them all). The sandbox answers
/// `InvalidParameter.Password.TooWeak` with it; the wizard shows it as the user types.
pub fn unmet_rule(policy: &PasswordPolicy, password: &str) -> Option<(String, String)> {
    let min = policy.minimum_password_length.max(8) as usize;
    let n = password.chars().count();
    if n < min || n > 32 {
        return Some((
            format!("use {min}-32 characters (this one has {n})"),
            format!("请使用 {min}-32 个字符（当前 {n} 个）"),
        ));
    }
    /// Required?, the test, and its name in English and Chinese.
    type Class = (bool, fn(char) -> bool, &'static str, &'static str);
    let classes: [Class; 4] = [
        (
            policy.require_lowercase_characters,
            |c| c.is_ascii_lowercase(),
            "a lowercase letter",
            "小写字母",
        ),
        (
            policy.require_uppercase_characters,
            |c| c.is_ascii_uppercase(),
            "an uppercase letter",
            "大写字母",
        ),
        (
            policy.require_numbers,
            |c| c.is_ascii_digit(),
            "a digit",
            "数字",
        ),
        (
            policy.require_symbols,
            |c| c.is_ascii_punctuation(),
            "a symbol",
            "特殊字符",
        ),
    ];
    classes
        .iter()
        .find(|(required, test, _, _)| *required && !password.chars().any(test))
        .map(|(_, _, en, zh)| {
            (
                format!("add {en}: the account's password policy requires one"),
                format!("请加入{zh}：账号的密码策略要求包含"),
            )
        })
}

/// How hard a typed password is to guess, by a plain estimate: the bits of
/// a random string of its length over the character classes it uses, with
/// repeated characters and runs (`aaaa`, `1234`, `abcd`) counted once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Under 50 bits: guessable offline.
    Weak,
    /// 50 to 70 bits.
    Fair,
    /// 70 bits or more.
    Strong,
}

/// The [`Strength`] of `password` and its estimated bits.
pub fn strength(password: &str) -> (Strength, u32) {
    let chars: Vec<char> = password.chars().collect();
    let pool: u32 = [
        (chars.iter().any(|c| c.is_ascii_lowercase()), 26),
        (chars.iter().any(|c| c.is_ascii_uppercase()), 26),
        (chars.iter().any(|c| c.is_ascii_digit()), 10),
        (chars.iter().any(|c| c.is_ascii_punctuation()), 32),
        (chars.iter().any(|c| !c.is_ascii()), 100),
    ]
    .iter()
    .filter(|(used, _)| *used)
    .map(|(_, n)| n)
    .sum();
    // A character that repeats or continues a run by one adds nothing.
    let effective = chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            *i == 0 || {
                let step = **c as i64 - chars[i - 1] as i64;
                !(-1..=1).contains(&step)
            }
        })
        .count() as f64;
    let bits = (effective * f64::from(pool.max(1)).log2()).floor() as u32;
    let s = match bits {
        0..=49 => Strength::Weak,
        50..=69 => Strength::Fair,
        _ => Strength::Strong,
    };
    (s, bits)
}

#[cfg(test)]
mod rule_tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn each_class_the_policy_requires_is_checked() {
        let strict = PasswordPolicy {
            minimum_password_length: 12,
            require_lowercase_characters: true,
            require_uppercase_characters: true,
            require_numbers: true,
            require_symbols: true,
            ..PasswordPolicy::default()
        };
        assert!(unmet_rule(&strict, "Short1!a").unwrap().0.contains("12-32"));
        assert!(unmet_rule(&strict, "ALLUPPER123!!")
            .unwrap()
            .0
            .contains("lowercase"));
        assert!(unmet_rule(&strict, "alllower123!!")
            .unwrap()
            .0
            .contains("uppercase"));
        assert!(unmet_rule(&strict, "NoDigitsHere!!")
            .unwrap()
            .0
            .contains("digit"));
        assert!(unmet_rule(&strict, "NoSymbols12345")
            .unwrap()
            .0
            .contains("symbol"));
        assert_eq!(unmet_rule(&strict, "Good-Pass-1234"), None);
        // The default policy only asks for 8 characters.
        assert_eq!(unmet_rule(&PasswordPolicy::default(), "abcdefgh"), None);
        assert!(unmet_rule(&PasswordPolicy::default(), "abcdefg").is_some());
        // Strength: runs and repeats count once; classes widen the pool.
        assert_eq!(strength("aaaaaaaaaaaaaaaa").0, Strength::Weak);
        assert_eq!(strength("abcdefgh12345678").0, Strength::Weak);
        assert_eq!(strength("Tr0ub4dor").0, Strength::Fair);
        assert_eq!(
            strength("correct-Horse-battery-Staple-9").0,
            Strength::Strong
        );
        let random: Vec<u8> = (0..64u8).collect();
        assert_eq!(
            strength(generate(&strict, &random).expose()).0,
            Strength::Strong
        );
        // A generated password meets the strictest policy.
        assert_eq!(
            unmet_rule(&strict, generate(&strict, &random).expose()),
            None
        );
    }
}
