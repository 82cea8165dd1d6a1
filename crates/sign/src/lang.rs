//! The two languages Ramp speaks, and messages that exist in both.

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The BCP 47 tag (`en`, `zh-CN`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Reads a tag such as `zh`, `zh-CN` or `en-US`; anything not Chinese is English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Something that can explain itself to a user in either language.
pub trait Localized {
    /// The message in `lang`: what is wrong, which rule, and how to fix it.
    fn message(&self, lang: Lang) -> String;
}
