//! Nonces seen within the timestamp window: a second use is a replay.

use std::collections::HashMap;
use std::sync::Mutex;

/// Remembers `(AccessKey ID, nonce)` pairs until their window closes.
#[derive(Debug, Default)]
pub(crate) struct Nonces {
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    until: HashMap<String, i64>,
    inserts_since_prune: usize,
}

impl Nonces {
    /// `true` the first time the pair is used within `window` seconds of `now`.
    /// A request's timestamp is at most `window` off, so a nonce older than
    /// twice the window can only come with a stale timestamp, which is refused first.
    pub(crate) fn first_use(&self, key_id: &str, nonce: &str, now: i64, window: i64) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let entry = format!("{key_id}\n{nonce}");
        if seen.until.get(&entry).is_some_and(|&until| until > now) {
            return false;
        }
        seen.until.insert(entry, now + 2 * window);
        seen.inserts_since_prune += 1;
        if seen.inserts_since_prune >= 4096 {
            seen.until.retain(|_, until| *until > now);
            seen.inserts_since_prune = 0;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_refused_again_until_its_window_closes() {
        let n = Nonces::default();
        assert!(n.first_use("LTAI1", "abc", 1000, 900));
        assert!(!n.first_use("LTAI1", "abc", 1500, 900));
        assert!(n.first_use("LTAI2", "abc", 1500, 900), "nonces are per key");
        assert!(n.first_use("LTAI1", "abc", 1000 + 1801, 900));
    }
}
