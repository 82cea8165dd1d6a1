//! `*` (any run of characters, including none) and `?` (exactly one character)
//! matching, linear in practice and never recursive.

/// `true` when `text` matches `pattern`. With `ignore_case`, ASCII and Unicode
/// simple case folding is applied to both (actions are case-insensitive).
pub fn matches(pattern: &str, text: &str, ignore_case: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // The common case (action names, ARNs): no allocation.
        return if ignore_case {
            ascii(pattern.as_bytes(), text.as_bytes(), |p, t| {
                p.eq_ignore_ascii_case(&t)
            })
        } else {
            ascii(pattern.as_bytes(), text.as_bytes(), |p, t| p == t)
        };
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

/// [`matches`] on ASCII, `eq` comparing a pattern byte with a text byte.
/// The literal start is compared as it is read (most patterns differ from
/// most texts early); the rest, when `*` is its only wildcard, by [`stars`].
fn ascii(p: &[u8], t: &[u8], eq: impl Fn(u8, u8) -> bool) -> bool {
    let mut i = 0;
    while i < p.len() && p[i] != b'*' && p[i] != b'?' {
        if i >= t.len() || !eq(p[i], t[i]) {
            return false;
        }
        i += 1;
    }
    if i == p.len() {
        return i == t.len();
    }
    let (p_rest, t_rest) = (&p[i..], &t[i.min(t.len())..]);
    if p_rest.contains(&b'?') {
        return glob(p_rest, t_rest, |p, t| p == b'?' || eq(p, t));
    }
    stars(p_rest, t_rest, eq)
}

/// A pattern whose only wildcard is `*`, by its literal pieces: the first
/// must start the text, the last must end it, and each one between is found
/// leftmost in what remains (leftmost is always safe with `*` alone). No
/// backtracking.
fn stars(p: &[u8], t: &[u8], eq: impl Fn(u8, u8) -> bool) -> bool {
    let same = |a: &[u8], b: &[u8]| a.iter().zip(b).all(|(&a, &b)| eq(a, b));
    let Some(first_star) = p.iter().position(|&b| b == b'*') else {
        return p.len() == t.len() && same(p, t);
    };
    let last_star = p.iter().rposition(|&b| b == b'*').unwrap_or(first_star);
    let (head, tail) = (&p[..first_star], &p[last_star + 1..]);
    if t.len() < head.len() + tail.len()
        || !same(head, &t[..head.len()])
        || !same(tail, &t[t.len() - tail.len()..])
    {
        return false;
    }
    let mut rest = &t[head.len()..t.len() - tail.len()];
    if first_star == last_star {
        return true;
    }
    for piece in p[first_star + 1..last_star].split(|&b| b == b'*') {
        if piece.is_empty() {
            continue;
        }
        match rest.windows(piece.len()).position(|w| same(w, piece)) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
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
        // Head and tail may not overlap; pieces in order.
        assert!(!matches("ab*ba", "aba", false));
        assert!(matches("ab*ba", "abba", false));
        assert!(!matches("*b*a*", "ab", false));
        assert!(matches("a**b", "ab", false) && matches("**", "", false));
        assert!(matches(
            "ACS:ARMS:*:*:ARMSAPP/SHOP-*",
            "acs:arms:cn:1:armsapp/shop-web",
            true
        ));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn pieces_agree_with_the_backtracking_glob(p in "[abAB*]{0,8}", t in "[abAB]{0,10}", ignore_case: bool) {
            let eq = |p: u8, t: u8| if ignore_case { p.eq_ignore_ascii_case(&t) } else { p == t };
            proptest::prop_assert_eq!(
                matches(&p, &t, ignore_case),
                glob(p.as_bytes(), t.as_bytes(), eq),
                "pattern {:?} text {:?}", p, t
            );
        }
    }
}
