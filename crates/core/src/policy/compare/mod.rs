//! Does a new version of a policy grant access the old one did not?
//! [`compare`] answers exactly, by meaning rather than by text: it finds
//! every class of requests the two policies decide differently, each with an
//! example request and the patterns that describe the class.
//!
//! A request is split into the parts a statement looks at — the action, the
//! resource (permission policies) or the caller (trust policies), and each
//! condition key. Each part's values fall into a few classes that every
//! statement of both policies treats alike (see [`dimensions`]); the
//! classes are combined part by part, keeping one request per distinct set
//! of matching statements, and both policies decide each. "Cannot decide"
//! is said only where a condition uses an operator RAM does not have, or
//! compares a value the evaluator cannot read. See docs/policy-diff.md.
//!
//! ```
//! use ramp_core::policy::compare::{compare, Direction, Kind};
//! use ramp_core::policy::parse_policy;
//! let old = parse_policy(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"arms:Get*","Resource":"*"}]}"#).unwrap().policy;
//! let new = parse_policy(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["arms:get*","arms:List*"],"Resource":"*"}]}"#).unwrap().policy;
//! let diff = compare(&old, &new, Kind::Permission).unwrap();
//! assert!(diff.grants_new_access());
//! assert!(diff.changes.iter().all(|c| c.direction == Direction::Gained));
//! ```

mod dimensions;
mod strings;
pub mod words;

use std::collections::HashSet;

pub use dimensions::Value;
use dimensions::{Class, Dimension, ACCOUNT};
pub use strings::TooIntricate;

pub use crate::policy::lint::Kind;

use crate::policy::eval::{Caller, Context, Request};
use crate::policy::model::{Effect, Policy, Statement};

/// Which way the access moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// NEW allows it and OLD did not: new access.
    Gained,
    /// OLD allowed it and NEW does not: lost access.
    Lost,
}

/// One part of a request class: an example value and the patterns of that
/// part (of both policies) the class matches and does not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The example.
    pub value: Value,
    /// Patterns every request of the class matches.
    pub matching: Vec<String>,
    /// Patterns no request of the class matches.
    pub not_matching: Vec<String>,
}

/// A class of requests the two policies decide differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// New or lost access.
    pub direction: Direction,
    /// `false`: a condition makes it undecidable — it may or may not change.
    pub certain: bool,
    /// The class, part by part: action, resource or caller, condition keys.
    pub parts: Vec<Part>,
    /// The statements (indices) of the policy that allows it.
    pub allowed_by: Vec<usize>,
    /// The Deny statements (indices) of the other policy that refuse it.
    pub denied_by: Vec<usize>,
}

impl Change {
    /// The example request, as the evaluator takes it (a RAM user of a
    /// made-up account calls, for a permission policy).
    pub fn request(&self) -> Request {
        let mut req = Request {
            caller: Caller::RamUser {
                account_id: ACCOUNT.into(),
                name: "ramp-diff".into(),
            },
            action: String::new(),
            resource: "*".into(),
            resource_group: None,
            context: Context::new().missing_is_absent(),
        };
        for p in &self.parts {
            match &p.value {
                Value::Action(a) => req.action = a.clone(),
                Value::Resource(r) => req.resource = r.clone(),
                Value::Caller(c) => req.caller = c.clone(),
                Value::Key {
                    key,
                    value: Some(v),
                } => req.context.insert(key, v),
                Value::Key { value: None, .. } => {}
            }
        }
        req
    }
}

/// What [`compare`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The kind compared.
    pub kind: Kind,
    /// Every class of requests decided differently: certain ones first.
    pub changes: Vec<Change>,
}

impl Comparison {
    /// The changes one way.
    pub fn toward(&self, direction: Direction) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |c| c.direction == direction)
    }

    /// NEW may allow something OLD did not (certainly, or where a condition
    /// cannot be decided — the safe answer for a gate).
    pub fn grants_new_access(&self) -> bool {
        self.toward(Direction::Gained).next().is_some()
    }

    /// The two policies decide every request alike.
    pub fn same_access(&self) -> bool {
        self.changes.is_empty()
    }

    /// For trust policies: each caller whose access changes, with the
    /// ExternalId its class of requests passes (one per change, for a rehearsal).
    pub fn callers(&self) -> Vec<(Caller, Option<String>)> {
        let mut out: Vec<(Caller, Option<String>)> = Vec::new();
        for c in &self.changes {
            let mut caller = None;
            let mut external_id = None;
            for p in &c.parts {
                match &p.value {
                    Value::Caller(x) => caller = Some(x.clone()),
                    Value::Key { key, value } if key.eq_ignore_ascii_case("sts:ExternalId") => {
                        external_id = value.clone()
                    }
                    _ => {}
                }
            }
            if let Some(x) = caller {
                if !out.iter().any(|(y, e)| *y == x && *e == external_id) {
                    out.push((x, external_id));
                }
            }
        }
        out
    }
}

/// A set of statements, as bits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn none(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn all(n: usize) -> Bits {
        let mut b = Bits::none(n);
        for i in 0..n {
            b.set(i);
        }
        b
    }

    pub(crate) fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn unset(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }

    fn has(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }

    fn and(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }
}

/// The most combinations of classes kept before giving up.
const MAX_COMBINATIONS: usize = 200_000;

/// Which policy a statement is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Old,
    New,
}

/// What one policy decides for a set of matching statements.
struct Verdict {
    /// Allowed for certain.
    allows: bool,
    /// Possibly allowed.
    may_allow: bool,
}

/// Compares two policies of `kind`: every class of requests one allows
/// and the other does not.
pub fn compare(old: &Policy, new: &Policy, kind: Kind) -> Result<Comparison, TooIntricate> {
    let mut statements: Vec<(&Statement, Side, Effect)> = Vec::new();
    for (policy, side) in [(old, Side::Old), (new, Side::New)] {
        for s in &policy.statements {
            if let Some(effect) = s.effect() {
                statements.push((s, side, effect));
            }
        }
    }
    let plain: Vec<&Statement> = statements.iter().map(|(s, ..)| *s).collect();
    let n = plain.len();

    let mut dims: Vec<Dimension> = match kind {
        Kind::Permission => vec![dimensions::actions(&plain)?, dimensions::resources(&plain)?],
        Kind::Trust => vec![
            dimensions::assume_role(&plain),
            dimensions::callers(&plain)?,
        ],
    };
    for key in dimensions::condition_keys(&plain) {
        dims.push(dimensions::condition_key(&plain, &key)?);
    }

    // Changes are told apart by the action (permission) or the caller (trust).
    let main = match kind {
        Kind::Permission => 0,
        Kind::Trust => 1,
    };
    // A statement that could not matter anywhere needs no tracking: keep
    // only combinations where some Allow may still match.
    let allows: Vec<usize> = (0..n)
        .filter(|&i| statements[i].2 == Effect::Allow)
        .collect();
    let mut combos: Vec<(Bits, Bits, Vec<usize>)> = vec![(Bits::all(n), Bits::all(n), Vec::new())];
    for dim in &dims {
        let mut seen = HashSet::new();
        let mut next = Vec::new();
        for (yes, maybe, picks) in &combos {
            for (k, class) in dim.iter().enumerate() {
                let (y, m) = (yes.and(&class.yes), maybe.and(&class.maybe));
                // Requests that match the same statements are decided alike;
                // the classes of the main part stay apart so each is
                // reported in its own words.
                let key = if picks.len() == main {
                    Some(k)
                } else {
                    picks.get(main).copied()
                };
                if !allows.iter().any(|&i| m.has(i)) || !seen.insert((y.clone(), m.clone(), key)) {
                    continue;
                }
                if next.len() >= MAX_COMBINATIONS {
                    return Err(TooIntricate);
                }
                let mut p = picks.clone();
                p.push(k);
                next.push((y, m, p));
            }
        }
        combos = next;
    }

    let mut changes = Vec::new();
    for (mut yes, maybe, picks) in combos {
        for (i, (s, ..)) in statements.iter().enumerate() {
            if dimensions::undecidable(s) {
                yes.unset(i);
            }
        }
        let verdict = |side: Side| {
            let on = |effect: Effect, bits: &Bits| {
                (0..n).any(|i| statements[i].1 == side && statements[i].2 == effect && bits.has(i))
            };
            Verdict {
                allows: on(Effect::Allow, &yes) && !on(Effect::Deny, &maybe),
                may_allow: on(Effect::Allow, &maybe) && !on(Effect::Deny, &yes),
            }
        };
        let (o, w) = (verdict(Side::Old), verdict(Side::New));
        for (direction, to, from, side) in [
            (Direction::Gained, &w, &o, Side::New),
            (Direction::Lost, &o, &w, Side::Old),
        ] {
            let certain = to.allows && !from.may_allow;
            let possible = to.may_allow && !from.allows;
            if !certain && !possible {
                continue;
            }
            let indices = |s: Side, effect: Effect| -> Vec<usize> {
                (0..n)
                    .filter(|&i| statements[i].1 == s && statements[i].2 == effect && maybe.has(i))
                    .map(|i| statements[i].0.index)
                    .collect()
            };
            let other = if side == Side::New {
                Side::Old
            } else {
                Side::New
            };
            changes.push(Change {
                direction,
                certain,
                parts: picks
                    .iter()
                    .zip(&dims)
                    .map(|(&k, dim)| part(&dim[k]))
                    .collect(),
                allowed_by: indices(side, Effect::Allow),
                denied_by: indices(other, Effect::Deny),
            });
        }
    }
    changes.sort_by_key(|c| (!c.certain, c.direction == Direction::Lost));
    Ok(Comparison { kind, changes })
}

fn part(class: &Class) -> Part {
    Part {
        value: class.value.clone(),
        matching: class.matching.clone(),
        not_matching: class.not_matching.clone(),
    }
}
