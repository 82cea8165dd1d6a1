//! Properties of the visual editor: any sequence of edits on any document
//! never panics and leaves a document the editor can read again.

use proptest::prelude::*;

use super::*;

fn edit() -> impl Strategy<Value = Edit> {
    let n = 0usize..4;
    let word = "[ -~]{0,12}";
    prop_oneof![
        any::<bool>().prop_map(|trust| Edit::AddStatement { trust }),
        n.clone().prop_map(Edit::RemoveStatement),
        (n.clone(), word).prop_map(|(n, e)| Edit::Effect(n, e)),
        (n.clone(), any::<bool>(), word).prop_map(|(n, a, v)| Edit::Add(
            n,
            if a { List::Action } else { List::Resource },
            v
        )),
        (n.clone(), any::<bool>(), 0usize..4).prop_map(|(n, a, i)| Edit::Remove(
            n,
            if a { List::Action } else { List::Resource },
            i
        )),
        (n.clone(), "RAM|Service|Federated|\\*", word)
            .prop_map(|(n, k, v)| Edit::AddPrincipal(n, k, v)),
        (n.clone(), 0usize..4).prop_map(|(n, i)| Edit::RemovePrincipal(n, i)),
        (n.clone(), word, word, proptest::collection::vec(word, 0..3))
            .prop_map(|(n, o, k, v)| Edit::AddCondition(n, o, k, v)),
        (n, 0usize..4).prop_map(|(n, i)| Edit::RemoveCondition(n, i)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any sequence of visual edits on any document: no panic, and while
    /// the text is a JSON object every edit leaves a JSON object the
    /// visual editor can read again.
    #[test]
    fn edits_never_panic_and_keep_a_readable_document(
        start in prop_oneof![Just(r#"{"Version":"1","Statement":[]}"#.to_owned()), "\\PC{0,60}"],
        edits in proptest::collection::vec(edit(), 0..12),
    ) {
        let mut text = start;
        for e in &edits {
            let readable = read(&text).is_ok();
            match apply(&text, e) {
                Some(next) => {
                    prop_assert!(read(&next).is_ok(), "{e:?} made {next}");
                    text = next;
                }
                // Only a statement that is not there (or broken JSON) refuses an edit.
                None => prop_assert!(
                    !readable || !matches!(e, Edit::AddStatement { .. }),
                    "{e:?} refused on {text}"
                ),
            }
        }
    }
}
