//! The review page every flow ends in: the plan's steps with the account each
//! runs in, every policy document with its lint findings, the exports, and
//! Apply — per-step progress, the explained error of a failed step, one-click
//! rollback of what this run created, and the secrets it handed out, once.

use std::cell::RefCell;
use std::rc::Rc;

use ramp_core::api::ApiError;
use ramp_core::lang::Lang;
use ramp_core::plan::describe;
use ramp_core::plan::export::Format;
use ramp_core::plan::intent::ShareWithAccount;
use ramp_core::plan::runner::NO_ANSWER;
use ramp_core::plan::runner::{Difference, Event as RunEvent, HandedSecret, Runner, StepState};
use ramp_core::plan::{Intent, Plan, Step};
use ramp_core::policy::lint::Kind;
use yew::prelude::*;

use crate::apply::{drive, CredentialsFor, Shown, Update};
use crate::browser;
use crate::connection::Connected;
use crate::engine;
use crate::host::use_host;
use crate::i18n::tr;

/// Properties.
#[derive(Debug, Properties, PartialEq)]
pub struct ReviewProps {
    /// Language.
    pub lang: Lang,
    /// The plan.
    pub plan: Rc<Plan>,
    /// The confirmed credentials.
    pub connection: Option<Connected>,
    /// Sign every step with these instead (verification as a new user).
    #[prop_or_default]
    pub signer: Option<ramp_core::credentials::Credentials>,
    /// Told about each secret as it is handed out (kept in memory by the page).
    #[prop_or_default]
    pub on_secret: Option<Callback<Shown>>,
    /// The console password the user typed (memory only); `None`: generate one per user.
    #[prop_or_default]
    pub password: Option<ramp_core::credentials::Secret>,
    /// The heading (default "Review").
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// The run button's label (default "Apply"; a verification says what it does).
    #[prop_or_default]
    pub apply_label: Option<AttrValue>,
    /// Told once every step is done or already there (the page may then read the result back).
    #[prop_or_default]
    pub on_applied: Option<Callback<()>>,
    /// Resource groups `(id, name)`: a step's summary names a group by its name too.
    #[prop_or_default]
    pub resource_groups: Vec<(String, String)>,
    /// After a successful apply, "Start another" (a fresh draft at step 1).
    #[prop_or_default]
    pub on_start_over: Option<Callback<()>>,
    /// A change of what exists: offer to undo it after it succeeded too.
    #[prop_or_default]
    pub undoable: bool,
}

/// Apply's progress.
#[derive(Debug, Clone, Default, PartialEq)]
struct Progress {
    states: Vec<StepState>,
    failed: Option<(usize, ApiError, Option<String>, Vec<Difference>)>,
    secrets: Vec<Shown>,
    running: bool,
    finished: bool,
    identity: Option<String>,
    rolled_back: bool,
    /// A step waiting to be tried again: `(step, attempt that failed, code)`.
    retrying: Option<(usize, u32, String)>,
}

mod words;
use self::words::*;

/// A note's kind, as a class and test id.
fn note_kind(k: ramp_core::plan::NoteKind) -> &'static str {
    use ramp_core::plan::NoteKind as K;
    match k {
        K::Access => "access",
        K::Gain => "gain",
        K::Loss => "loss",
        K::Warning => "warning",
        K::Irreversible => "irreversible",
        K::Info => "info",
    }
}

/// The review page.
#[component]
pub fn Review(props: &ReviewProps) -> Html {
    let lang = props.lang;
    let plan = props.plan.clone();
    let progress = use_state(|| Progress {
        states: vec![StepState::Pending; plan.steps.len()],
        ..Progress::default()
    });
    let runner = use_mut_ref(|| Runner::new(plan.steps.clone()));
    let shown = use_state(|| false);
    let saved = use_state(|| false);

    let host = use_host();
    let server = crate::transport::use_server();
    let start: Rc<dyn Fn(Rc<RefCell<Runner>>, bool)> = {
        let (host, plan) = (host.clone(), plan.clone());
        let (progress, connection, signer, on_secret, password, on_applied) = (
            progress.clone(),
            props.connection.clone(),
            props.signer.clone(),
            props.on_secret.clone(),
            props.password.clone(),
            props.on_applied.clone(),
        );
        Rc::new(move |steps_runner: Rc<RefCell<Runner>>, rollback: bool| {
            let (host, plan) = (host.clone(), plan.clone());
            let (progress, connection, signer, on_secret, password, on_applied) = (
                progress.clone(),
                connection.clone(),
                signer.clone(),
                on_secret.clone(),
                password.clone(),
                on_applied.clone(),
            );
            let latest = Rc::new(RefCell::new((*progress).clone()));
            latest.borrow_mut().running = true;
            latest.borrow_mut().failed = None;
            progress.set(latest.borrow().clone());
            let on_update = {
                let (progress, latest) = (progress.clone(), latest.clone());
                Callback::from(move |u: Update| {
                    let mut p = latest.borrow_mut();
                    match u {
                        Update::States(s) if !rollback => p.states = s,
                        Update::Event(RunEvent::Retrying {
                            step,
                            attempt,
                            code,
                            ..
                        }) if !rollback => p.retrying = Some((step, attempt, code)),
                        Update::Event(
                            RunEvent::Done { step } | RunEvent::AlreadyThere { step },
                        ) if p.retrying.as_ref().is_some_and(|r| r.0 == step) => p.retrying = None,
                        Update::States(_) | Update::Event(_) => {}
                        Update::Identity(arn) => p.identity = Some(arn),
                        Update::Secret(s) => {
                            if let Some(cb) = &on_secret {
                                cb.emit(s.clone());
                            }
                            p.secrets.push(s)
                        }
                        Update::Failed {
                            step,
                            error,
                            message_zh,
                            differences,
                        } => {
                            host.emit(
                                "ramp-error",
                                serde_json::json!({"step": step + 1, "code": error.code, "message": error.message, "requestId": error.request_id}),
                            );
                            p.failed = Some((step, error, message_zh, differences))
                        }
                        Update::Finished => {
                            if rollback {
                                p.rolled_back = true;
                            } else {
                                p.finished = true;
                                host.emit("ramp-applied", created(&plan));
                                if let Some(cb) = &on_applied {
                                    cb.emit(());
                                }
                            }
                        }
                    }
                    // Running until the run ends one way or another.
                    if p.failed.is_some() || p.finished || p.rolled_back {
                        p.running = false;
                    }
                    progress.set(p.clone());
                })
            };
            let credentials: CredentialsFor = Rc::new(move |account: &str| {
                signer.clone().or_else(|| {
                    connection
                        .as_ref()
                        .filter(|c| c.identity.account_id == account)
                        .map(|c| c.credentials.clone())
                })
            });
            wasm_bindgen_futures::spawn_local(drive(
                server.clone(),
                steps_runner,
                credentials,
                password,
                on_update,
            ));
        })
    };

    let on_apply = {
        let (runner, start) = (runner.clone(), start.clone());
        Callback::from(move |_: MouseEvent| {
            // Again after a failure: from the step that failed (or never answered).
            runner.borrow_mut().resume();
            start(runner.clone(), false)
        })
    };
    let on_rollback = {
        let runner = runner.clone();
        let start = start.clone();
        Callback::from(move |_: MouseEvent| {
            let steps = runner.borrow().rollback();
            start(Rc::new(RefCell::new(Runner::undoing(steps))), true)
        })
    };

    let online = browser::use_online();
    let accounts_ok = props.signer.is_some()
        || props.connection.as_ref().is_some_and(|c| {
            plan.steps
                .iter()
                .all(|s| s.account == c.identity.account_id)
        });
    // What the service did: did this run create or attach anything at all?
    let changed = progress.states.iter().zip(&plan.steps).any(|(s, step)| {
        *s == StepState::Done
            && (step.creates.is_some()
                || !step.undo.is_empty()
                || step.irreversible
                || step.removes())
    });
    let done = progress
        .states
        .iter()
        .filter(|s| matches!(s, StepState::Done | StepState::AlreadyThere))
        .count();

    let steps = plan.steps.iter().enumerate().map(|(i, s)| {
        let (class, text) = match &progress.retrying {
            Some((step, attempt, code)) if *step == i && progress.running => (
                "retrying",
                match lang {
                    Lang::Zh => format!("重试中（{code}，第 {attempt} 次未成功）"),
                    _ => format!("retrying ({code}, attempt {attempt} failed)"),
                },
            ),
            _ => state_text(lang, s, progress.states.get(i).unwrap_or(&StepState::Pending)),
        };
        html! {
            <li key={i} class={classes!("step", class)} data-testid={format!("step-{i}")}>
                <span class="state" data-testid={format!("step-{i}-state")}>{ text }</span>
                <code>{ format!("{}:{}", s.call.service().code(), s.action()) }</code>
                if s.irreversible {
                    <span class="final" data-testid={format!("step-{i}-final")}>{ tr(lang, " · cannot be undone", " · 不可撤销") }</span>
                }
                <span class="account">{ format!(" · {} {}", tr(lang, "in account", "账号"), s.account) }</span>
                <div class="summary">{ named_groups(describe::summary(s, lang), &props.resource_groups) }</div>
            </li>
        }
    });
    let documents = plan.documents.iter().map(|d| {
        let findings: Vec<_> = plan.findings.iter().filter(|f| f.subject == d.name).collect();
        html! {
            <details class="document">
                <summary>{ format!("{} ({})", d.name, match d.kind { Kind::Trust => tr(lang, "trust policy", "信任策略"), Kind::Permission => tr(lang, "permission policy", "权限策略") }) }</summary>
                <pre>{ &d.text }</pre>
                <ul class="findings">{ for findings.iter().map(|f| html! { <li class={format!("tier-{}", f.tier.as_str())}>{ { let (m, fix) = f.text(lang); format!("{} {m} — {fix}", f.code.as_str()) } }</li> }) }</ul>
            </details>
        }
    });
    let exports = [
        (Format::Cli, "ramp-plan.sh", "aliyun CLI"),
        (Format::Terraform, "ramp-plan.tf", "Terraform"),
        (Format::Ros, "ramp-plan-ros.yaml", "ROS"),
        (Format::Json, "ramp-plan.json", "JSON"),
        (Format::Profile, "ramp-profile.txt", "aliyun CLI profile"),
    ]
    .into_iter()
    // Only exports with content: Terraform and ROS describe what a plan
    // creates (a verification creates nothing); the profile is the accessing
    // side's, so only plans that assume a role have one.
    .filter(|(format, ..)| match format {
        Format::Terraform | Format::Ros => plan.steps.iter().any(|s| s.creates.is_some()),
        Format::Profile => matches!(
            &plan.intent,
            Intent::VerifyAccess(_)
                | Intent::ShareWithAccount(ShareWithAccount {
                    accessing: Some(_),
                    ..
                })
        ),
        _ => true,
    })
    .map(|(format, file, label)| {
        let plan = plan.clone();
        let host = host.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let plan = plan.clone();
            host.emit(
                "ramp-export",
                serde_json::json!({"format": label, "file": file}),
            );
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(text) = engine::export(&plan, format).await {
                    browser::download(file, &text);
                }
            });
        });
        html! { <button data-testid={format!("export-{}", file)} {onclick}>{ label }</button> }
    });

    let keeps = |s: &Shown| !matches!(s, HandedSecret::Sts { .. });
    // Until the user confirms they saved the secrets, leaving asks first.
    let unsaved = progress.secrets.iter().any(keeps) && !*saved;
    use_effect_with(unsaved, |unsaved| {
        browser::guard_leaving(*unsaved);
        || browser::guard_leaving(false)
    });
    let secrets = progress.secrets.iter().any(keeps).then(|| {
        let rows = progress.secrets.iter().filter_map(|s| match s {
            HandedSecret::AccessKey { user, access_key_id, secret } => Some(html! {
                <tr><td>{ user }</td><td><code>{ access_key_id }</code></td><td><code data-testid="secret-value">{ if *shown { secret.expose().to_owned() } else { "•".repeat(16) } }</code></td></tr>
            }),
            HandedSecret::Password { user, password } => Some(html! {
                <tr><td>{ user }</td><td>{ tr(lang, "console password", "控制台密码") }</td><td><code data-testid="secret-value">{ if *shown { password.expose().to_owned() } else { "•".repeat(16) } }</code></td></tr>
            }),
            _ => None,
        });
        let text = csv(&progress.secrets);
        let toggle = { let shown = shown.clone(); Callback::from(move |_: MouseEvent| shown.set(!*shown)) };
        let on_saved = { let saved = saved.clone(); Callback::from(move |e: Event| saved.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())) };
        html! {
            <section class="reveal" data-testid="secrets">
                <h2>{ tr(lang, "Shown once: save these now", "仅显示一次：请立即保存") }</h2>
                <table><tbody>{ for rows }</tbody></table>
                <div class="actions">
                    <button data-testid="show-secrets" onclick={toggle}>{ if *shown { tr(lang, "Hide", "隐藏") } else { tr(lang, "Show", "显示") } }</button>
                    <button data-testid="download-csv" onclick={Callback::from(move |_: MouseEvent| browser::download("ramp-credentials.csv", &text))}>{ tr(lang, "Download CSV", "下载 CSV") }</button>
                </div>
                <label class="confirm"><input type="checkbox" data-testid="secrets-saved" checked={*saved} onchange={on_saved} />{ " " }{ tr(lang, "I have saved them; they will not be shown again", "我已保存；不会再次显示") }</label>
            </section>
        }
    });

    html! {
        <section class="review" data-testid="review">
            <h2>{ props.title.clone().unwrap_or_else(|| tr(lang, "Review", "确认").into()) }</h2>
            if !plan.notes.is_empty() {
                <ul class="notes" data-testid="notes">{ for plan.notes.iter().enumerate().map(|(i, n)| html! {
                    <li key={i} class={format!("note-{}", note_kind(n.kind))} data-testid={format!("note-{}", note_kind(n.kind))}>{ n.text(lang) }</li>
                }) }</ul>
            }
            <ol class="steps">{ for steps }</ol>
            <progress data-testid="progress" max={plan.steps.len().to_string()} value={done.to_string()}></progress>
            if !plan.documents.is_empty() {
                <h3>{ tr(lang, "Policy documents", "策略文档") }</h3>
                { for documents }
            }
            <h3>{ tr(lang, "Export", "导出") }</h3>
            <div class="actions">{ for exports }</div>
            if !online {
                <p class="notice" role="status" data-testid="offline">{ tr(lang, "You are offline: the plan and its exports are here, and Apply comes back when the network does.", "当前处于离线状态：计划和导出内容仍可使用，网络恢复后即可执行。") }</p>
            }
            if !accounts_ok {
                <p class="notice" data-testid="needs-connection">{ tr(lang, "To apply, sign in (Credentials page) to the account every step runs in.", "如需执行，请先在“凭证”页面登录到各步骤所在的账号。") }</p>
            }
            <div class="actions">
                <button class="primary" data-testid="apply" disabled={!accounts_ok || !online || progress.running || progress.finished} onclick={on_apply}>{ if progress.failed.is_some() { tr(lang, "Apply again from the failed step", "从失败的步骤继续执行").into() } else { props.apply_label.clone().unwrap_or_else(|| tr(lang, "Apply", "执行").into()) } }</button>
                if progress.failed.is_some() && !progress.rolled_back {
                    <button data-testid="rollback" disabled={progress.running} onclick={on_rollback.clone()}>{ tr(lang, "Roll back what this run created", "回滚本次创建的内容") }</button>
                }
                if props.undoable && progress.finished && changed && !progress.rolled_back {
                    <button data-testid="undo" disabled={progress.running} onclick={on_rollback}>{ tr(lang, "Undo this change", "撤销此变更") }</button>
                }
            </div>
            if progress.finished {
                <p class="success" role="status" data-testid="applied">{ if changed { tr(lang, "Applied: every step is done.", "已执行：所有步骤均已完成。") } else { tr(lang, "Nothing to change: everything was already there.", "无需更改：所有内容均已存在。") } }</p>
                if let Some(cb) = props.on_start_over.clone() {
                    <div class="actions"><button data-testid="start-over" onclick={cb.reform(|_: MouseEvent| ())}>{ tr(lang, "Start another", "再创建一个") }</button></div>
                }
            }
            if let Some(arn) = &progress.identity {
                <p class="success" data-testid="verified-arn">{ tr(lang, "The service answers that these credentials are: ", "服务端确认该凭证的身份为：") }<code>{ arn }</code></p>
            }
            if progress.rolled_back {
                <p class="success" role="status" data-testid="rolled-back">{ tr(lang, "Rolled back.", "已回滚。") }</p>
            }
            if let Some((step, e, zh, differences)) = &progress.failed {
                <section class="api-error" role="alert" data-testid="apply-error">
                    <h3>{ format!("{} {}", tr(lang, "Step failed:", "步骤失败："), step + 1) }</h3>
                    <p><code data-testid="apply-error-code">{ &e.code }</code>{ " " }{ zh.as_ref().filter(|_| lang == Lang::Zh).unwrap_or(&e.message) }</p>
                    if let Some(help) = e.explain(lang) { <p class="help">{ help }</p> }
                    if !differences.is_empty() {
                        <table class="differences" data-testid="differences">
                            <thead><tr><th>{ tr(lang, "Field", "字段") }</th><th>{ tr(lang, "The plan", "计划") }</th><th>{ tr(lang, "The account", "账号中") }</th></tr></thead>
                            <tbody>{ for differences.iter().map(|d| html! { <tr><td><code>{ &d.field }</code></td><td><code>{ &d.plan }</code></td><td><code>{ &d.account }</code></td></tr> }) }</tbody>
                        </table>
                    }
                    if let Some(id) = &e.request_id { <p class="request-id">{ "RequestId: " }<code>{ id }</code></p> }
                </section>
            }
            { for secrets }
        </section>
    }
}
