//! The app's own state: language and page. A reducer, no DOM access.

use std::rc::Rc;

use ramp_core::lang::Lang;
use yew::Reducible;

use crate::route::Route;

/// What the shell shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppState {
    /// The user-interface language.
    pub lang: Lang,
    /// The current page.
    pub route: Route,
}

/// What can happen to the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppAction {
    /// Switch language.
    SetLang(Lang),
    /// Show a page (after the fragment changed).
    Navigate(Route),
}

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let next = match action {
            AppAction::SetLang(lang) => AppState {
                lang,
                ..(*self).clone()
            },
            AppAction::Navigate(route) => AppState {
                route,
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
        });
        let s = s.reduce(AppAction::SetLang(Lang::Zh));
        assert_eq!((s.lang, s.route), (Lang::Zh, Route::Studio));
        let s = s.reduce(AppAction::Navigate(Route::Workbench));
        assert_eq!((s.lang, s.route), (Lang::Zh, Route::Workbench));
    }
}
