//! `*` (any run of characters, including none) and `?` (exactly one character)
//! matching, linear in practice and never recursive.

/// `true` when `text` matches `pattern`. With `ignore_case`, ASCII and Unicode
/// simple case folding is applied to both (actions are case-insensitive).
pub fn matches(pattern: &str, text: &str, ignore_case: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // The common case (action names, ARNs): no allocation.
        let eq = |p: u8, t: u8| {
            p == b'?'
                || if ignore_case {
                    p.eq_ignore_ascii_case(&t)
                } else {
                    p == t
                }
        };
        return glob(pattern.as_bytes(), text.as_bytes(), eq);
    }
    let fold = |s: &str| -> Vec<char> {
        if ignore_case {
            s.chars().flat_map(char::to_lowercase).collect()
        } else {
            s.chars().collect()
        }
    };
    let (p, t) = (fold(pattern), fold(text));
    glob(&p, &t, |p, t| p == '?' || p == t)
}

/// Greedy glob with backtracking to the last `*`: `eq(p, t)` says whether a
/// non-`*` pattern element accepts a text element.
fn glob<T: Copy + PartialEq + From<u8>>(p: &[T], t: &[T], eq: impl Fn(T, T) -> bool) -> bool {
    let star_char = T::from(b'*');
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] != star_char && eq(p[pi], t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == star_char {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == star_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn stars_and_question_marks() {
        assert!(matches("*", "", false));
        assert!(matches("arms:Get*", "arms:GetTraceApp", false));
        assert!(!matches("arms:Get*", "arms:ListTraceApps", false));
        assert!(matches(
            "acs:arms:*:*:armsapp/shop-*",
            "acs:arms:cn-hangzhou:123:armsapp/shop-web",
            false
        ));
        assert!(matches("a?c", "abc", false) && !matches("a?c", "ac", false));
        assert!(matches("*a*b*c*", "xxaxxbxxcxx", false));
        assert!(!matches("*a*b*c", "xxaxxbxxcxx", false));
        assert!(matches("ARMS:get*", "arms:GetTraceApp", true));
        assert!(!matches("ARMS:get*", "arms:GetTraceApp", false));
        assert!(matches("用户/*", "用户/张三", false));
    }
}
