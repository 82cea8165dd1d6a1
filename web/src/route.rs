//! Hash routes: `#/workbench`, `#/teammate`, … The app never touches the
//! host page's history beyond its own `#` fragment.

/// A page of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The start page: what Ramp does, sign in, the flows.
    Start,
    /// Give a teammate ARMS access.
    Teammate,
    /// Set up a team group.
    TeamGroup,
    /// Share ARMS with another account.
    ShareAccount,
    /// Who has ARMS access in the account, and why.
    Access,
    /// Change or remove access: offboarding, key rotation, trust and policy changes.
    Change,
    /// Author and check policies offline.
    Studio,
    /// Credentials: who am I, assume a role.
    Credentials,
    /// Signature workbench.
    Workbench,
}

impl Route {
    /// Every page, in navigation order.
    pub const ALL: [Route; 9] = [
        Route::Start,
        Route::Teammate,
        Route::TeamGroup,
        Route::ShareAccount,
        Route::Access,
        Route::Change,
        Route::Studio,
        Route::Credentials,
        Route::Workbench,
    ];

    /// Whether the pages module renders this page (the flows, the access
    /// review and the change page, which read the account with them, and the
    /// studio — all of them need the engine, which lives there).
    pub fn is_flow(self) -> bool {
        matches!(
            self,
            Route::Teammate
                | Route::TeamGroup
                | Route::ShareAccount
                | Route::Access
                | Route::Change
                | Route::Studio
        )
    }

    /// The fragment, without `#`.
    pub fn path(self) -> &'static str {
        match self {
            Route::Start => "/",
            Route::Teammate => "/teammate",
            Route::TeamGroup => "/team-group",
            Route::ShareAccount => "/share",
            Route::Access => "/access",
            Route::Change => "/change",
            Route::Studio => "/studio",
            Route::Credentials => "/credentials",
            Route::Workbench => "/workbench",
        }
    }

    /// The route for a `location.hash` value; the start page for anything unknown.
    pub fn from_hash(hash: &str) -> Route {
        // A page may carry its own query after `?` (the share hand-off).
        let path = hash
            .trim_start_matches('#')
            .split('?')
            .next()
            .unwrap_or_default();
        Route::ALL
            .into_iter()
            .find(|r| r.path() == path)
            .unwrap_or(Route::Start)
    }
}

/// The step a flow page shows, from `step=N` (1-based) in the fragment's
/// query; 0-based, 0 when absent or unreadable.
pub fn step_from_hash(hash: &str) -> usize {
    query_values(hash, "step=")
        .next()
        .and_then(|n| n.parse::<usize>().ok())
        .map_or(0, |n| n.saturating_sub(1).min(16))
}

/// The users a link names for a page, `user=NAME` in the fragment's query
/// (RAM user names: letters, digits, `.`, `-`, `_`; anything else is ignored).
pub fn users_from_hash(hash: &str) -> Vec<String> {
    query_values(hash, "user=")
        .filter(|n| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        })
        .map(str::to_owned)
        .collect()
}

/// The values of `key` (given with its `=`) in the fragment's query, in order.
fn query_values<'a>(hash: &'a str, key: &'a str) -> impl Iterator<Item = &'a str> {
    hash.split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default()
        .split('&')
        .filter_map(move |kv| kv.strip_prefix(key))
}

/// The fragment that shows step `step` (0-based) of `route`.
pub fn step_hash(route: Route, step: usize) -> String {
    format!("#{}?step={}", route.path(), step + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults() {
        for r in Route::ALL {
            assert_eq!(Route::from_hash(&format!("#{}", r.path())), r);
        }
        assert_eq!(Route::from_hash(""), Route::Start);
        assert_eq!(Route::from_hash("#/nope"), Route::Start);
        assert_eq!(
            Route::from_hash("#/share?handoff=%7B%7D"),
            Route::ShareAccount
        );
    }

    #[test]
    fn the_index_preloads_the_pages_module_for_exactly_its_pages() {
        // index.html fetches the pages module early when the fragment names one of its pages.
        let index = include_str!("../../index.html");
        let list = index
            .split("/^#\\/(")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .expect("index.html has the pages module's routes");
        let mut listed: Vec<String> = list.split('|').map(|p| format!("/{p}")).collect();
        let mut flows: Vec<String> = Route::ALL
            .into_iter()
            .filter(|r| r.is_flow())
            .map(|r| r.path().to_owned())
            .collect();
        listed.sort();
        flows.sort();
        assert_eq!(listed, flows);
    }

    #[test]
    fn users_come_from_the_query_and_odd_names_are_ignored() {
        assert_eq!(
            users_from_hash("#/change?user=bob&user=a.b-c_d"),
            ["bob", "a.b-c_d"]
        );
        assert!(users_from_hash("#/change?user=%3Cscript%3E&user=").is_empty());
        assert!(users_from_hash("#/change").is_empty());
    }

    #[test]
    fn steps_round_trip() {
        for n in 0..5 {
            assert_eq!(step_from_hash(&step_hash(Route::Teammate, n)), n);
        }
        assert_eq!(step_from_hash("#/teammate"), 0);
        assert_eq!(step_from_hash("#/teammate?step=0"), 0);
        assert_eq!(step_from_hash("#/teammate?step=x"), 0);
        assert_eq!(step_from_hash("#/share?handoff=%7B%7D&step=3"), 2);
    }
}
