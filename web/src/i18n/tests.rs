//! Every string the app shows exists in both languages: every
//! `tr(lang, "English", "中文")` call in the sources and the page names'
//! pairs. A Chinese side that is missing, empty, or the English copied over fails.

use std::path::Path;

/// Reads the Rust string literal at the start of `s` (plain or raw), with
/// what follows it; `None` when `s` does not start with one.
fn literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix("r#\"") {
        let end = rest.find("\"#")?;
        return Some((rest[..end].to_owned(), &rest[end + 2..]));
    }
    let rest = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, e)) = chars.next() {
                    out.push(e);
                }
            }
            '"' => return Some((out, &rest[i + 1..])),
            c => out.push(c),
        }
    }
    None
}

/// The `(English, Chinese)` pairs after every `marker` in `text`.
fn pairs(text: &str, marker: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(marker) {
        // `as_str(` is not `tr(`.
        let word_goes_on = text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if word_goes_on {
            continue;
        }
        let after = &text[i + marker.len()..];
        // `tr(` is followed by the language argument, then the two strings.
        let after = if marker == "tr(" {
            match after.split_once(',') {
                Some((_, rest)) => rest,
                None => continue,
            }
        } else {
            after
        };
        let Some((en, rest)) = literal(after) else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix(',') else {
            continue;
        };
        let Some((zh, _)) = literal(rest) else {
            continue;
        };
        out.push((en, zh));
    }
    out
}

/// A word of English prose: three letters or more, lowercase or capitalised
/// (`Generate`); not a name or a code (`AccessKey`, `ARMS`).
fn english_word(w: &str) -> bool {
    let mut chars = w.chars();
    w.len() >= 3
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_lowercase())
}

fn is_chinese(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn every_string_has_both_languages() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut checked = 0;
    let mut missing = Vec::new();
    for (file, text) in files.iter().filter(|(f, _)| !f.ends_with("i18n/tests.rs")) {
        let mut found = pairs(text, "tr(");
        if file.ends_with("i18n.rs") {
            found.extend(pairs(text, "=> ("));
        }
        for (en, zh) in found {
            checked += 1;
            // A string with words in English needs Chinese words; a name or a
            // code ("ARMS", "AliyunARMSFullAccess") may be the same in both.
            let has_words = en
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(english_word);
            // Product terms the Chinese console also writes in English.
            let term = ["AccessKey Secret"].contains(&zh.as_str());
            if zh.trim().is_empty() || (has_words && !is_chinese(&zh) && !term) {
                missing.push(format!("{file}: {en:?} → {zh:?}"));
            }
        }
    }
    assert!(
        checked > 200,
        "only {checked} strings found: the scanner lost them"
    );
    assert!(
        missing.is_empty(),
        "strings without Chinese:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_scanner_reads_literals_and_pairs() {
    let text = r##"x tr(lang, "Sign in \"now\"", "请登录") y tr(props.lang, r#"raw"#, "") z.as_str(), "a", "b""##;
    let got = pairs(text, "tr(");
    assert_eq!(
        got,
        [
            ("Sign in \"now\"".to_owned(), "请登录".to_owned()),
            ("raw".to_owned(), String::new())
        ]
    );
}
