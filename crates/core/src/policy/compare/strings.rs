//! Every way a string can fall among a set of patterns, with one example
//! string for each: which patterns a string matches is a vector of booleans,
//! and [`regions`] finds every vector some string gives, exactly.
//!
//! Each pattern is a small automaton over characters (a glob's `*` and `?`,
//! a literal, a case-folded literal, or a shape such as a RAM ARN). The
//! product of their subset constructions is explored breadth first over an
//! alphabet of the characters the patterns name plus one stand-in for each
//! class of characters they do not name (all of which behave alike), so
//! every reachable product state — and with it every achievable vector — is
//! found, each with a shortest string reaching it.

use std::collections::{HashMap, VecDeque};

/// What one transition accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Any character.
    Any,
    /// This character.
    Char(char),
    /// An ASCII digit.
    Digit,
    /// Any character but this one.
    Not(char),
    /// This (lowered) character in any case.
    Fold(char),
}

impl Class {
    fn accepts(self, c: char) -> bool {
        match self {
            Class::Any => true,
            Class::Char(x) => x == c,
            Class::Digit => c.is_ascii_digit(),
            Class::Not(x) => x != c,
            Class::Fold(x) => lower(c) == x,
        }
    }
}

/// A nondeterministic automaton: state `i`'s transitions, each to a state;
/// `loops[i]` accepts and stays; the last state accepts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pattern {
    steps: Vec<(Class, bool)>,
}

impl Pattern {
    /// A RAM glob: `*` any run, `?` one character; `fold` compares without case.
    pub(crate) fn glob(text: &str, fold: bool) -> Pattern {
        let mut p = Pattern::default();
        for c in text.chars() {
            match c {
                '*' => p.steps.push((Class::Any, true)),
                '?' => p.steps.push((Class::Any, false)),
                c => p.push_char(c, fold),
            }
        }
        p
    }

    /// Exactly `text` (`fold`: in any case).
    pub(crate) fn literal(text: &str, fold: bool) -> Pattern {
        let mut p = Pattern::default();
        for c in text.chars() {
            p.push_char(c, fold);
        }
        p
    }

    /// The shape of a RAM caller's ARN: `acs:ram::<digits>:<kind>/<name>`.
    pub(crate) fn arn(kinds_prefix: &str) -> Pattern {
        let mut p = Pattern::literal("acs:ram::", false);
        p.steps.push((Class::Digit, false));
        p.steps.push((Class::Digit, true));
        p.steps.push((Class::Char(':'), false));
        for c in kinds_prefix.chars() {
            p.push_char(c, false);
        }
        p.steps.push((Class::Not('/'), false));
        p.steps.push((Class::Not('/'), true));
        p
    }

    fn push_char(&mut self, c: char, fold: bool) {
        let class = if fold {
            Class::Fold(lower(c))
        } else {
            Class::Char(c)
        };
        self.steps.push((class, false));
    }

    /// The characters the automaton tells apart (a folded one in each case).
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.steps.iter().flat_map(|(c, _)| match *c {
            Class::Char(c) | Class::Not(c) => vec![c],
            Class::Fold(c) => std::iter::once(c).chain(c.to_uppercase()).collect(),
            Class::Any | Class::Digit => Vec::new(),
        })
    }

    /// The states reachable from `set` without reading (a `*` may match nothing).
    fn close(&self, set: &mut [bool]) {
        for i in 0..self.steps.len() {
            if set[i] && self.steps[i].1 {
                set[i + 1] = true;
            }
        }
    }

    /// Does the automaton accept `text`?
    fn accepts(&self, text: &str) -> bool {
        let end = text.chars().fold(self.start(), |set, c| self.step(&set, c));
        *end.last().unwrap_or(&false)
    }

    fn start(&self) -> Vec<bool> {
        let mut s = vec![false; self.steps.len() + 1];
        s[0] = true;
        self.close(&mut s);
        s
    }

    fn step(&self, set: &[bool], c: char) -> Vec<bool> {
        let mut next = vec![false; set.len()];
        for (i, &(class, star)) in self.steps.iter().enumerate() {
            if set[i] && class.accepts(c) {
                next[if star { i } else { i + 1 }] = true;
            }
        }
        self.close(&mut next);
        next
    }
}

fn lower(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// One achievable vector and a shortest string giving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    /// `matches[i]`: the string matches pattern `i`.
    pub matches: Vec<bool>,
    /// An example.
    pub example: String,
}

/// Too many states to explore: the patterns are too intricate to compare exactly here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooIntricate;

/// The most product states explored before giving up.
const MAX_STATES: usize = 50_000;

/// Every achievable match vector of `patterns` among strings that match
/// every one of `shape` (an empty `shape` allows any string). Each region's
/// example is the first of `seeds` (with each `*` filled by `Example`, `x`
/// or nothing, each `?` by `x`) that falls in it, for readable examples;
/// else the shortest string that does.
pub(crate) fn regions(
    patterns: &[Pattern],
    shape: &[Pattern],
    seeds: &[String],
) -> Result<Vec<Region>, TooIntricate> {
    let all: Vec<&Pattern> = patterns.iter().chain(shape).collect();
    let mut named: Vec<char> = all.iter().flat_map(|p| p.chars()).collect();
    named.sort_unstable();
    named.dedup();
    let mut alphabet = named.clone();
    // One stand-in for the digits no pattern names, one for everything else.
    let stand_in = |ok: &dyn Fn(char) -> bool| {
        ('0'..='9')
            .chain('a'..='z')
            .chain(['-', '_', '.', '~', '#'])
            .chain('\u{4e00}'..='\u{4e10}')
            .find(|c| ok(*c) && !named.iter().any(|n| lower(*n) == lower(*c)))
    };
    alphabet.extend(stand_in(&|c| c.is_ascii_digit()));
    alphabet.extend(stand_in(&|c| !c.is_ascii_digit()));

    let start: Vec<Vec<bool>> = all.iter().map(|p| p.start()).collect();
    let mut seen: HashMap<Vec<Vec<bool>>, ()> = HashMap::new();
    let mut queue = VecDeque::new();
    let mut found: HashMap<Vec<bool>, String> = HashMap::new();
    seen.insert(start.clone(), ());
    queue.push_back((start, String::new()));
    while let Some((state, text)) = queue.pop_front() {
        let accepts = |i: usize| *state[i].last().unwrap_or(&false);
        let shaped = (patterns.len()..all.len()).all(accepts);
        let dead_shape = (patterns.len()..all.len()).any(|i| !state[i].iter().any(|&b| b));
        if shaped {
            let v: Vec<bool> = (0..patterns.len()).map(accepts).collect();
            found.entry(v).or_insert_with(|| text.clone());
        }
        if dead_shape {
            continue;
        }
        for &c in &alphabet {
            let next: Vec<Vec<bool>> = all.iter().zip(&state).map(|(p, s)| p.step(s, c)).collect();
            if seen.contains_key(&next) {
                continue;
            }
            if seen.len() >= MAX_STATES {
                return Err(TooIntricate);
            }
            seen.insert(next.clone(), ());
            let mut t = text.clone();
            t.push(c);
            queue.push_back((next, t));
        }
    }
    let mut seeded = std::collections::HashSet::new();
    for seed in seeds {
        for fill in ["Example", "x", ""] {
            let text = seed.replace('*', fill).replace('?', "x");
            if !shape.iter().all(|p| p.accepts(&text)) {
                continue;
            }
            let v: Vec<bool> = patterns.iter().map(|p| p.accepts(&text)).collect();
            if let Some(example) = found.get_mut(&v) {
                if seeded.insert(v) {
                    *example = text;
                }
            }
        }
    }
    let mut out: Vec<Region> = found
        .into_iter()
        .map(|(matches, example)| Region { matches, example })
        .collect();
    out.sort_by(|a, b| (a.example.len(), &a.example).cmp(&(b.example.len(), &b.example)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::eval::wildcard;

    #[test]
    fn every_region_of_overlapping_globs_is_found_with_a_true_example() {
        let texts = ["arms:*", "arms:Get*", "arms:*Trace*", "cms:?et*"];
        let pats: Vec<Pattern> = texts.iter().map(|t| Pattern::glob(t, true)).collect();
        let rs = regions(&pats, &[], &[]).unwrap();
        for r in &rs {
            for (t, m) in texts.iter().zip(&r.matches) {
                assert_eq!(
                    wildcard::matches(t, &r.example, true),
                    *m,
                    "{t} on {:?}",
                    r.example
                );
            }
        }
        let has = |v: [bool; 4]| rs.iter().any(|r| r.matches == v);
        assert!(has([false; 4]));
        assert!(has([true, true, true, false])); // arms:GetTrace…
        assert!(has([true, true, false, false]));
        assert!(has([true, false, true, false]));
        assert!(has([true, false, false, false]));
        assert!(has([false, false, false, true]));
        // `arms:Get*` inside `arms:*`: no string matches the first without the second.
        assert!(!has([false, true, false, false]));
        assert_eq!(rs.len(), 6);
    }

    #[test]
    fn shapes_keep_examples_to_well_formed_arns() {
        let pats = vec![
            Pattern::glob("acs:ram::111:*", false),
            Pattern::glob("*", false),
        ];
        let rs = regions(&pats, &[Pattern::arn("user/")], &[]).unwrap();
        assert_eq!(rs.len(), 2);
        for r in rs {
            assert!(r.example.starts_with("acs:ram::"), "{}", r.example);
            assert!(r.example.contains(":user/"));
        }
    }
}
