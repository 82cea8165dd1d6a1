//! The check catalogue: every check's code, tier, scope, message, fix and a
//! failing and a passing example. `docs/checks.md` is generated from it and the
//! golden tests run every example.
//!
//! Examples are documents (or, for set checks, an attachment list read by
//! [`super::parse_set`]). `⟦text×N⟧` in an example stands for `text` repeated
//! `N` times ([`expand`]), so size checks can show their example briefly.

use super::Tier;

/// Which documents a check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any single document.
    Any,
    /// Permission (identity or session) policies.
    Permission,
    /// Role trust policies.
    Trust,
    /// Everything attached to one identity.
    Set,
}

impl Scope {
    /// `any`, `permission`, `trust`, `set`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Any => "any",
            Scope::Permission => "permission",
            Scope::Trust => "trust",
            Scope::Set => "set",
        }
    }
}

/// One check.
#[derive(Debug, PartialEq, Eq)]
pub struct Check {
    /// Stable code: E errors, S security warnings, W warnings, N suggestions.
    pub code: &'static str,
    /// A short kebab-case name.
    pub name: &'static str,
    /// Its tier.
    pub tier: Tier,
    /// What it reads.
    pub scope: Scope,
    /// Message template (`{}` is the subject), English.
    pub message_en: &'static str,
    /// Message template, Chinese.
    pub message_zh: &'static str,
    /// The fix, English.
    pub fix_en: &'static str,
    /// The fix, Chinese.
    pub fix_zh: &'static str,
    /// An example it finds. (Not in the browser build: only the docs and the
    /// golden tests read the examples, and they weigh ~10 KB gzipped.)
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub bad: &'static str,
    /// The same example fixed.
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub good: &'static str,
}

/// The check with this code, if there is one (codes typed by people: the
/// CLI's `--only`, the docs). Code inside Ramp names checks with [`Code`].
pub fn check(code: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// Expands `⟦text×N⟧` into `text` repeated `N` times.
pub fn expand(example: &str) -> String {
    let mut out = String::new();
    let mut rest = example;
    while let Some(start) = rest.find('⟦') {
        out.push_str(&rest[..start]);
        let tail = &rest[start + '⟦'.len_utf8()..];
        let Some(end) = tail.find('⟧') else { break };
        let inner = &tail[..end];
        match inner.rsplit_once('×') {
            Some((text, n)) => out.push_str(&text.repeat(n.parse().unwrap_or(1))),
            None => out.push_str(inner),
        }
        rest = &tail[end + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

macro_rules! checks {
    ($($code:ident $name:literal $tier:ident $scope:ident
        [$men:literal, $mzh:literal]
        [$fen:literal, $fzh:literal]
        bad: $bad:literal
        good: $good:literal;)*) => {
        /// Every check, in code order.
        pub static CHECKS: &[Check] = &[$(Check {
            code: stringify!($code), name: $name, tier: Tier::$tier, scope: Scope::$scope,
            message_en: $men, message_zh: $mzh, fix_en: $fen, fix_zh: $fzh,
            #[cfg(any(test, not(target_arch = "wasm32")))]
            bad: $bad,
            #[cfg(any(test, not(target_arch = "wasm32")))]
            good: $good,
        }),*];

        /// A check by its code, so a mistyped code does not compile:
        /// `Code::E005.check()`. In the order of [`CHECKS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[allow(missing_docs)]
        pub enum Code { $($code),* }

        impl Code {
            /// Every code, in the order of [`CHECKS`].
            pub const ALL: &[Code] = &[$(Code::$code),*];
        }
    };
}

impl Code {
    /// The check.
    pub fn check(self) -> &'static Check {
        &CHECKS[self as usize]
    }

    /// `E005`.
    pub fn as_str(self) -> &'static str {
        self.check().code
    }

    /// The code of `check`, one of [`CHECKS`].
    pub fn of(check: &Check) -> Code {
        let at = CHECKS.iter().position(|c| c.code == check.code);
        Code::ALL[at.expect("every check is in CHECKS")]
    }
}

mod catalogue;
pub use self::catalogue::{Code, CHECKS};
