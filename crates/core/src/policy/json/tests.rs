use super::*;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

fn err(text: &str) -> (u32, u32, JsonErrorKind) {
    let e = parse(text).unwrap_err();
    (e.pos.line, e.pos.column, e.kind)
}

#[test]
fn positions_of_values_and_keys() {
    let doc = parse("{\"a\": [1, \"x\"],\n \"b\": {\"c\": null}}").unwrap();
    let Json::Object(m) = &doc.value else {
        panic!("object")
    };
    assert_eq!((m[1].key.pos.line, m[1].key.pos.column), (2, 2));
    let Json::Array(items) = &m[0].value.value else {
        panic!("array")
    };
    assert_eq!((items[1].pos.line, items[1].pos.column), (1, 11));
}

#[test]
fn columns_count_characters_after_plain_and_escaped_strings() {
    // `{"日本": ` is 7 characters (11 bytes): the array opens at column 8.
    let doc = parse("{\"日本\": [\"a\\u00e9b\", \"é\", 1]}").unwrap();
    let Json::Object(m) = &doc.value else {
        panic!("object")
    };
    assert_eq!(m[0].key.name, "日本");
    assert_eq!((m[0].value.pos.column, m[0].value.pos.offset), (8, 11));
    let Json::Array(items) = &m[0].value.value else {
        panic!("array")
    };
    assert_eq!(items[0].value, Json::String("aéb".into()));
    // `"a\u00e9b"` is 10 characters from column 9: the next item at 21.
    assert_eq!((items[1].pos.column, items[1].pos.offset), (21, 24));
    assert_eq!((items[2].pos.column, items[2].pos.offset), (26, 30));
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #[test]
    fn any_string_serde_json_writes_reads_back(s in "\\PC*|[\\x00-\\x7f]*") {
        let text = serde_json::to_string(&s).unwrap();
        let node = parse(&text).unwrap();
        proptest::prop_assert_eq!(node.value, Json::String(s));
    }
}

#[test]
fn errors_point_like_a_compiler() {
    assert_eq!(
        err("{\"a\": 1\n \"b\": 2}"),
        (
            2,
            2,
            JsonErrorKind::Unexpected('"', "`,` or `}` (a missing comma?)")
        )
    );
    assert_eq!(
        err("{\"a\": [1, 2,]}"),
        (
            1,
            13,
            JsonErrorKind::Unexpected(
                ']',
                "a value (string, number, object, array, true, false, null)"
            )
        )
    );
    assert_eq!(err("{\"a\": \"x"), (1, 9, JsonErrorKind::UnexpectedEnd));
    assert_eq!(err("{} {}").2, JsonErrorKind::TrailingText);
    assert_eq!(err("[01]").2, JsonErrorKind::BadNumber);
    assert_eq!(err("\"\\x\"").2, JsonErrorKind::BadEscape);
    assert_eq!(err("\"a\nb\"").2, JsonErrorKind::ControlInString);
    assert_eq!(err(&"[".repeat(100)).2, JsonErrorKind::TooDeep);
    assert!(parse("{\"a\": 1}").is_ok());
}

#[test]
fn strings_unescape_including_surrogate_pairs() {
    let doc = parse(r#"["\u00e9\ud83d\ude00\n\"\/"]"#).unwrap();
    let Json::Array(items) = doc.value else {
        panic!()
    };
    assert_eq!(items[0].value, Json::String("é😀\n\"/".into()));
    assert_eq!(err(r#""\ud83d""#).2, JsonErrorKind::BadEscape);
}

#[test]
fn messages_in_both_languages() {
    let e = parse("{").unwrap_err();
    assert!(e.message(Lang::En).starts_with("line 1, column 2:"));
    assert!(e.message(Lang::Zh).starts_with("第 1 行第 2 列"));
}

fn quoted(s: &str) -> String {
    let mut out = String::new();
    quote_into(&mut out, s);
    out
}

#[test]
fn escapes_as_serde_json_does() {
    assert_eq!(quoted("a\"b\\c\n\u{1}é/"), "\"a\\\"b\\\\c\\n\\u0001é/\"");
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #[test]
    fn any_string_is_quoted_as_serde_json_quotes_it(s in "\\PC*|[\\x00-\\x7f]*") {
        proptest::prop_assert_eq!(quoted(&s), serde_json::to_string(&s).unwrap());
    }
}
