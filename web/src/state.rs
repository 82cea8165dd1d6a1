//! The app's own state: language and page. A reducer, no DOM access.

use std::rc::Rc;

use ramp_core::lang::Lang;
use yew::Reducible;

use crate::connection::{Connected, Info};
use crate::route::Route;

/// What the shell shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppState {
    /// The user-interface language.
    pub lang: Lang,
    /// The current page.
    pub route: Route,
    /// The flow step the page shows (0-based, from the fragment).
    pub step: usize,
    /// What the server said about itself (`None`: not asked yet or no server).
    pub info: Option<Info>,
    /// The confirmed credentials, in memory only.
    pub connection: Option<Connected>,
    /// The service said the signed-in AccessKey is unknown: the page signed
    /// out, and says why (the key's ID).
    pub signed_out: Option<String>,
}

/// What can happen to the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppAction {
    /// Switch language.
    SetLang(Lang),
    /// Show a page at a step (after the fragment changed).
    Navigate(Route, usize),
    /// `/api/info` answered.
    Info(Info),
    /// Credentials confirmed by GetCallerIdentity.
    Connect(Box<Connected>),
    /// Forget the credentials.
    Forget,
    /// A call answered that this AccessKey ID is unknown: sign out if it is
    /// the signed-in one.
    KeyUnknown(String),
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let next = match action {
            AppAction::SetLang(lang) => AppState {
                lang,
                ..(*self).clone()
            },
            AppAction::Navigate(route, step) => AppState {
                route,
                step,
                ..(*self).clone()
            },
            AppAction::Info(info) => AppState {
                info: Some(info),
                ..(*self).clone()
            },
            AppAction::Connect(c) => AppState {
                connection: Some(*c),
                signed_out: None,
                ..(*self).clone()
            },
            AppAction::KeyUnknown(id) => match &self.connection {
                Some(c) if c.credentials.access_key_id == id => AppState {
                    connection: None,
                    signed_out: Some(id),
                    ..(*self).clone()
                },
                _ => (*self).clone(),
            },
            AppAction::Forget => AppState {
                connection: None,
                ..(*self).clone()
            },
        };
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_switch_keeps_the_page() {
        let s = Rc::new(AppState {
            lang: Lang::En,
            route: Route::Studio,
            step: 0,
            info: None,
            connection: None,
            signed_out: None,
        });
        let s = s.reduce(AppAction::SetLang(Lang::Zh));
        assert_eq!((s.lang, s.route), (Lang::Zh, Route::Studio));
        let s = s.reduce(AppAction::Navigate(Route::Workbench, 0));
        assert_eq!((s.lang, s.route), (Lang::Zh, Route::Workbench));
    }

    #[test]
    fn forgetting_drops_the_credentials_and_keeps_the_rest() {
        use ramp_core::credentials::Credentials;
        let s = Rc::new(AppState {
            lang: Lang::Zh,
            route: Route::Credentials,
            step: 0,
            info: None,
            connection: None,
            signed_out: None,
        });
        let connected = Connected {
            credentials: Credentials::new("LTAI5tX", "secret"),
            identity: Default::default(),
            alias: None,
        };
        let s = s.reduce(AppAction::Connect(Box::new(connected.clone())));
        assert_eq!(s.connection.as_ref(), Some(&connected));
        // Another key being unknown changes nothing; this one signs out.
        let s = s.reduce(AppAction::KeyUnknown("LTAI5tOther".into()));
        assert_eq!(s.connection.as_ref(), Some(&connected));
        let out = s.clone().reduce(AppAction::KeyUnknown("LTAI5tX".into()));
        assert_eq!(
            (out.connection.is_none(), out.signed_out.as_deref()),
            (true, Some("LTAI5tX"))
        );
        let s = s.reduce(AppAction::Forget);
        assert_eq!(
            (s.connection.is_none(), s.lang, s.route),
            (true, Lang::Zh, Route::Credentials)
        );
    }
}
