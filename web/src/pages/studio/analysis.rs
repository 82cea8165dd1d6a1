//! What the engine says about the studio's draft — kind, findings, the
//! simulator's decision, the plain-language summary — recomputed as the
//! draft or the language changes (the newest answer wins).

use std::cell::Cell;
use std::rc::Rc;

use ramp_core::lang::Lang;
use yew::prelude::*;

use super::model::Draft;
use crate::engine::{self, EngineError, Finding, Simulated};

/// The engine's view of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// A trust policy (else a permission policy).
    pub trust: bool,
    /// Lint findings, in document order.
    pub findings: Vec<Finding>,
    /// The simulator's answer, or what to fix first.
    pub simulated: Result<Simulated, String>,
    /// One sentence per statement (empty when the document does not parse).
    pub summary: Vec<String>,
}

async fn analyse(d: &Draft, lang: Lang) -> Result<Analysis, EngineError> {
    let trust = match d.chosen_kind() {
        Some(t) => t,
        None => engine::is_trust(&d.text).await?,
    };
    let findings = engine::lint(&d.text, Some(trust), lang).await?;
    let simulated = match d.question(trust, lang) {
        Ok(q) => engine::simulate(&d.text, &q).await.map_err(|e| e.message),
        Err(e) => Err(e),
    };
    let summary = engine::summarize(&d.text, lang).await.unwrap_or_default();
    Ok(Analysis {
        trust,
        findings,
        simulated,
        summary,
    })
}

/// The analysis of `draft` in `lang`: `None` until the engine first answers,
/// `Some(Err)` when it cannot be loaded.
#[hook]
pub fn use_analysis(draft: &Draft, lang: Lang) -> Option<Result<Analysis, EngineError>> {
    let state = use_state(|| None);
    let latest = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    {
        let state = state.clone();
        let latest = latest.borrow().clone();
        use_effect_with((draft.clone(), lang), move |(draft, lang)| {
            let (draft, lang) = (draft.clone(), *lang);
            let ticket = latest.get() + 1;
            latest.set(ticket);
            wasm_bindgen_futures::spawn_local(async move {
                let result = analyse(&draft, lang).await;
                if latest.get() == ticket {
                    state.set(Some(result));
                }
            });
        });
    }
    (*state).clone()
}
