//! The Access page: reads the signed-in account (progress bar, stop button)
//! and shows who has ARMS access and why — the same model, findings and
//! files as `ramp audit`. Nothing read leaves the tab, except the files
//! the user downloads.

mod findings;
pub(crate) mod reader;
mod table;
mod view;

use std::cell::Cell;
use std::rc::Rc;

use ramp_core::audit::findings::Finding;
use ramp_core::audit::{Account, Model};
use ramp_core::lang::Lang;
use yew::prelude::*;

use crate::browser;
use crate::connection::Connected;
use crate::engine;
use crate::i18n::tr;
use crate::transport;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct AccessProps {
    /// Language.
    pub lang: Lang,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
}

/// An account read and judged (by the engine, which holds the evaluator).
/// Two are equal when they are the same read: comparing 20,000 principals
/// field by field on every render would cost more than the render.
#[derive(Debug)]
pub struct Audit {
    /// What was read.
    pub account: Account,
    /// Everyone's ARMS access.
    pub model: Model,
    /// What is wrong.
    pub findings: Vec<Finding>,
    /// The report as JSON text, for the download.
    pub json: String,
    /// The report as CSV text, for the download.
    pub csv: String,
}

impl PartialEq for Audit {
    fn eq(&self, other: &Audit) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Where the page is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Reading { done: usize, known: usize },
    Read(Rc<Audit>),
    Failed(String),
}

/// The Access page.
#[component]
pub fn AccessPage(props: &AccessProps) -> Html {
    let lang = props.lang;
    let server = transport::use_server();
    let phase = use_state(|| Phase::Idle);
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    // A survey saved by `ramp audit --save`: judged here, no sign-in needed.
    let open_saved = {
        let phase = phase.clone();
        browser::on_file_text(Callback::from(move |text: String| {
            let phase = phase.clone();
            wasm_bindgen_futures::spawn_local(async move {
                phase.set(match serde_json::from_str::<Account>(&text) {
                    Ok(account) => match judge(account).await {
                        Ok(audit) => Phase::Read(Rc::new(audit)),
                        Err(why) => Phase::Failed(why),
                    },
                    Err(e) => Phase::Failed(match lang {
                        Lang::En => format!("This file is not a survey saved by `ramp audit --save` ({e}): choose that file, or read the account."),
                        Lang::Zh => format!("此文件不是 `ramp audit --save` 保存的读取结果（{e}）：请选择该文件，或直接读取账号。"),
                    }),
                });
            });
        }))
    };
    let saved = html! {
        <label class="file">{ tr(lang, "Or open a survey saved by ramp audit --save ", "或打开 ramp audit --save 保存的读取结果 ") }
            <input type="file" accept=".json,application/json" data-testid="access-open" onchange={open_saved} />
        </label>
    };
    let Some(connection) = props.connection.clone() else {
        return html! {
            <section class="access" data-testid="access-page">
                <h2>{ tr(lang, "Who has ARMS access", "谁拥有 ARMS 权限") }</h2>
                <p class="help">{ tr(lang, "Sign in first (Credentials): the account is read with your credentials, in this tab.", "请先登录（凭证页）：将使用您的凭证在本标签页中读取账号。") }</p>
                { saved }
                { results(lang, &phase) }
            </section>
        };
    };
    let start = {
        let (phase, cancel, server) = (phase.clone(), cancel.clone(), server.clone());
        Callback::from(move |_: MouseEvent| {
            let flag = Rc::new(Cell::new(false));
            *cancel.borrow_mut() = flag.clone();
            phase.set(Phase::Reading { done: 0, known: 0 });
            let (phase, server, creds) = (
                phase.clone(),
                server.clone(),
                connection.credentials.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let progress = {
                    let phase = phase.clone();
                    move |done, known| phase.set(Phase::Reading { done, known })
                };
                let read = reader::read(server, creds, lang, flag, progress).await;
                let judged = match read {
                    Ok(account) => judge(account).await,
                    Err(why) => Err(why),
                };
                phase.set(match judged {
                    Ok(audit) => Phase::Read(Rc::new(audit)),
                    Err(why) => Phase::Failed(why),
                });
            });
        })
    };
    let stop = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.borrow().set(true))
    };
    let body = match &*phase {
        Phase::Reading { done, known } => html! {
            <div class="reading" data-testid="access-reading">
                <progress max={known.max(&1).to_string()} value={done.to_string()} />
                <span>{ format!(" {done} / {known} ") }{ tr(lang, "calls", "次调用") }</span>
                <button type="button" class="small" data-testid="access-stop" onclick={stop}>{ tr(lang, "Stop", "停止") }</button>
            </div>
        },
        _ => results(lang, &phase),
    };
    let reading = matches!(*phase, Phase::Reading { .. });
    html! {
        <section class="access" data-testid="access-page">
            <h2>{ tr(lang, "Who has ARMS access", "谁拥有 ARMS 权限") }</h2>
            <p class="help">{ tr(lang, "Reads every user, group, role, policy and attachment of the account (at every scope) with your credentials, then shows each principal's ARMS access and why, who may assume each role, and what to fix. Nothing read is stored.", "使用您的凭证读取账号中所有用户、用户组、角色、策略及各范围的授权，然后显示每个身份的 ARMS 权限及其来源、各角色可被谁扮演，以及需要修复的问题。读取的内容不会被存储。") }</p>
            <button type="button" data-testid="access-read" disabled={reading} onclick={start}>{ tr(lang, "Read the account", "读取账号") }</button>
            { " " }{ saved }
            { body }
        </section>
    }
}

/// The model, findings and report files of what was read (the engine).
async fn judge(account: Account) -> Result<Audit, String> {
    engine::audit(&account, browser::now())
        .await
        .map(|a| Audit {
            account,
            model: a.model,
            findings: a.findings,
            json: a.json,
            csv: a.csv,
        })
        .map_err(|e| e.message)
}

/// What a finished read (or a failed one) shows.
fn results(lang: Lang, phase: &Phase) -> Html {
    match phase {
        Phase::Failed(why) => {
            html! { <p class="error" role="alert" data-testid="access-error">{ why }</p> }
        }
        Phase::Read(audit) => html! { <view::Results {lang} audit={audit.clone()} /> },
        Phase::Idle | Phase::Reading { .. } => html! {},
    }
}
