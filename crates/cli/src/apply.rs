//! `ramp apply PLAN.json`: runs a plan (or an intent, planned first — from
//! the account as read, for an intent that changes what exists) with the
//! same runner as the browser: progress on standard error, retries, "already
//! there" on a second run, a stop on the first failure. What each run did is
//! added to a journal beside the plan; `--rollback` undoes it, newest first.
//! Secrets the service hands out (passwords it accepted, AccessKey secrets,
//! STS credentials) go once to standard output, or to a file only its owner
//! can read — never to the journal, the progress or a log.
//!
//! Exit codes: 0 every step done or already there; 1 a step failed (the
//! message says why; run again to resume, or `--rollback`); 2 bad input,
//! credentials that do not work, or irreversible steps not confirmed.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use ramp_core::credentials::Credentials;
use ramp_core::lang::Lang;
use ramp_core::plan::describe::summary;
use ramp_core::plan::runner::{Event, HandedSecret, Next, Runner};
use ramp_core::plan::{password, SecretInput, Step};

use crate::connect::credentials;
use crate::connect::transport::Transport;

/// Options of `ramp apply`.
#[derive(Debug, Args)]
pub(crate) struct ApplyArgs {
    /// The plan (`ramp plan … --export json`), or an intent (planned here first).
    #[arg(value_name = "PLAN.json")]
    file: PathBuf,
    /// An aliyun CLI profile for every account (default: the ALIBABA_CLOUD_* variables).
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// The profile for one account of a plan that runs in two: ACCOUNT=PROFILE (repeatable).
    #[arg(long = "account-profile", value_name = "ACCOUNT=PROFILE")]
    account_profile: Vec<String>,
    /// Send every call to this base URL (https, or http on loopback), e.g. the sandbox's.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// Undo what the runs of this plan did (from its journal), newest first.
    #[arg(long)]
    rollback: bool,
    /// Write the secrets the service hands out to FILE (mode 0600) instead of standard output.
    #[arg(long, value_name = "FILE")]
    secrets: Option<PathBuf>,
    /// The journal of what the runs did (default: PLAN.json.applied).
    #[arg(long, value_name = "FILE")]
    journal: Option<PathBuf>,
    /// Confirm the steps that cannot be undone (deleting a user, a key, a version).
    #[arg(long)]
    yes: bool,
    /// Language of the progress and messages: en or zh.
    #[arg(long, default_value = "en")]
    lang: String,
}

fn bad(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("ramp apply: {e}");
    ExitCode::from(2)
}

/// A file only its owner can read and write.
fn write_private(path: &Path, text: &str) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    f.write_all(text.as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// What was done, to undo it later: the undo steps, newest first (no secrets).
#[derive(serde::Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct Journal {
    /// Run `ramp apply --rollback` to send these, in order.
    undo: Vec<Step>,
}

fn read_journal(path: &Path) -> Result<Journal, String> {
    match std::fs::read_to_string(path) {
        Ok(t) => serde_json::from_str(&t)
            .map_err(|e| format!("{}: not a journal of ramp apply: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Journal::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Everything needed to send a plan's calls.
struct Connection {
    transport: Transport,
    /// Credentials by account (`""`: for any account not named).
    by_account: HashMap<String, Credentials>,
}

impl Connection {
    fn open(args: &ApplyArgs) -> Result<(Connection, tokio::runtime::Runtime), String> {
        let transport = Transport::new(args.endpoint.as_deref())?;
        let rt = crate::connect::runtime()?;
        let mut by_account = HashMap::new();
        let default = credentials::source(args.profile.as_deref())
            .and_then(|s| rt.block_on(credentials::resolve(&s, &transport)));
        if let Ok(c) = &default {
            by_account.insert(String::new(), c.clone());
        }
        for spec in &args.account_profile {
            let (account, profile) = spec.split_once('=').ok_or_else(|| {
                format!(
                    "--account-profile `{spec}`: write ACCOUNT=PROFILE, e.g. 1234567890123456=prod"
                )
            })?;
            let source = credentials::source(Some(profile))?;
            by_account.insert(
                account.to_owned(),
                rt.block_on(credentials::resolve(&source, &transport))?,
            );
        }
        if by_account.is_empty() {
            return Err(default.err().unwrap_or_else(|| "no credentials".into()));
        }
        Ok((
            Connection {
                transport,
                by_account,
            },
            rt,
        ))
    }

    fn credentials(&self, account: &str) -> Option<&Credentials> {
        self.by_account
            .get(account)
            .or_else(|| self.by_account.get(""))
    }
}

fn secret_json(s: &HandedSecret) -> serde_json::Value {
    match s {
        HandedSecret::Password { user, password } => serde_json::json!({
            "kind": "console-password", "user": user, "password": password.expose(),
        }),
        HandedSecret::AccessKey {
            user,
            access_key_id,
            secret,
        } => serde_json::json!({
            "kind": "access-key", "user": user, "access-key-id": access_key_id, "access-key-secret": secret.expose(),
        }),
        HandedSecret::Sts {
            access_key_id,
            secret,
            token,
            expiration,
        } => serde_json::json!({
            "kind": "sts", "access-key-id": access_key_id, "access-key-secret": secret.expose(),
            "security-token": token.expose(), "expiration": expiration,
        }),
    }
}

/// How a run ended.
struct Ran {
    ok: bool,
    undo: Vec<Step>,
}

/// Drives `runner` to the end, saying each step's progress.
fn run(
    mut runner: Runner,
    steps: &[Step],
    conn: &Connection,
    rt: &tokio::runtime::Runtime,
    lang: Lang,
    secrets: &mut Vec<serde_json::Value>,
) -> Ran {
    let total = steps.len();
    let mut sts: HashMap<usize, Credentials> = HashMap::new();
    let say = |step: usize, what: &str| {
        let s = &steps[step];
        eprintln!(
            "[{}/{total}] {} {} — {}: {what}",
            step + 1,
            s.call.service().code(),
            s.action(),
            summary(s, lang)
        );
    };
    let show = |events: &[Event]| {
        for e in events {
            match e {
                Event::Done { step } => say(*step, if lang == Lang::Zh { "完成" } else { "done" }),
                Event::AlreadyThere { step } => say(
                    *step,
                    if lang == Lang::Zh {
                        "已存在，无需操作"
                    } else {
                        "already there"
                    },
                ),
                Event::Retrying {
                    step,
                    attempt,
                    delay_ms,
                    code,
                } => say(
                    *step,
                    &format!(
                        "{code}, attempt {attempt}; retrying in {} s",
                        delay_ms / 1000
                    ),
                ),
                Event::Failed {
                    step,
                    code,
                    message_en,
                    message_zh,
                    ..
                } => say(
                    *step,
                    &format!(
                        "FAILED {code}: {}",
                        if lang == Lang::Zh {
                            message_zh
                        } else {
                            message_en
                        }
                    ),
                ),
                _ => {}
            }
        }
    };
    loop {
        match runner.next() {
            Next::Send(out) => {
                let creds = match out.credentials_from {
                    Some(from) => sts.get(&from).cloned(),
                    None => conn.credentials(&out.account).cloned(),
                };
                let Some(creds) = creds else {
                    let fed = runner.not_sent(
                        out.step,
                        "Ramp.NoCredentials",
                        format!(
                            "no credentials for account {}: pass --account-profile {}=PROFILE",
                            out.account, out.account
                        ),
                        format!(
                            "没有账号 {} 的凭证：请传入 --account-profile {}=PROFILE",
                            out.account, out.account
                        ),
                    );
                    show(&fed.events);
                    continue;
                };
                let request = match out.needs {
                    Some(SecretInput::Password) => {
                        let policy = runner.password_policy().cloned().unwrap_or_default();
                        let mut bytes = vec![0u8; password::random_bytes_needed(&policy)];
                        if getrandom::fill(&mut bytes).is_err() {
                            let fed = runner.not_sent(
                                out.step,
                                "Ramp.NoRandomness",
                                "no secure randomness to generate a password".into(),
                                "没有安全的随机数来源，无法生成密码".into(),
                            );
                            show(&fed.events);
                            continue;
                        }
                        runner.supply_password(&out, password::generate(&policy, &bytes))
                    }
                    None => out.request.clone(),
                };
                let answer = rt.block_on(conn.transport.send(&creds, &request, out.service));
                let fed = match answer {
                    Ok((status, body)) => runner.feed(out.step, status, &body),
                    Err(why) => runner.no_answer(out.step, &why),
                };
                show(&fed.events);
                if let Some(secret) = fed.secret {
                    if let HandedSecret::Sts {
                        access_key_id,
                        secret: s,
                        token,
                        ..
                    } = &secret
                    {
                        sts.insert(
                            out.step,
                            Credentials::new(access_key_id.clone(), s.expose())
                                .with_security_token(token.expose()),
                        );
                    }
                    secrets.push(secret_json(&secret));
                }
            }
            Next::Wait { delay_ms, .. } => {
                std::thread::sleep(std::time::Duration::from_millis(delay_ms))
            }
            Next::Finished => {
                return Ran {
                    ok: true,
                    undo: runner.rollback(),
                }
            }
            Next::Stopped { .. } => {
                return Ran {
                    ok: false,
                    undo: runner.rollback(),
                }
            }
        }
    }
}

pub(crate) fn run_apply(args: ApplyArgs) -> ExitCode {
    let lang = Lang::from_tag(&args.lang);
    let journal_path = args.journal.clone().unwrap_or_else(|| {
        let mut p = args.file.clone().into_os_string();
        p.push(".applied");
        PathBuf::from(p)
    });
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => return bad(format!("{}: cannot read: {e}", args.file.display())),
    };
    let (conn, rt) = match Connection::open(&args) {
        Ok(c) => c,
        Err(e) => return bad(e),
    };
    let journal = match read_journal(&journal_path) {
        Ok(j) => j,
        Err(e) => return bad(e),
    };
    let mut secrets = Vec::new();
    let (steps, rolling_back) = if args.rollback {
        if journal.undo.is_empty() {
            eprintln!(
                "ramp apply: nothing to roll back: {} records no run of this plan",
                journal_path.display()
            );
            return ExitCode::SUCCESS;
        }
        (journal.undo.clone(), true)
    } else {
        let reading = crate::plan::Reading {
            endpoint: args.endpoint.as_deref(),
            profile: args.profile.as_deref(),
            from: None,
        };
        let p = match crate::plan::make(&args.file, &text, &reading, lang) {
            Ok(p) => p,
            Err(e) => return bad(e),
        };
        for n in &p.notes {
            eprintln!("note: {}", n.text(lang));
        }
        let final_steps: Vec<&Step> = p.steps.iter().filter(|s| s.irreversible).collect();
        if !final_steps.is_empty() && !args.yes {
            eprintln!("These steps cannot be undone:");
            for s in final_steps {
                eprintln!("  {}. {}", s.id + 1, summary(s, lang));
            }
            return bad(
                "pass --yes to confirm them (a rollback cannot bring back what they delete)",
            );
        }
        (p.steps, false)
    };
    let runner = if rolling_back {
        Runner::undoing(steps.clone())
    } else {
        Runner::new(steps.clone())
    };
    let ran = run(runner, &steps, &conn, &rt, lang, &mut secrets);

    // The journal: what this run did comes first (it is undone first).
    let mut undo = if rolling_back { Vec::new() } else { ran.undo };
    if rolling_back {
        if !ran.ok {
            // Keep what was not undone yet: the whole list again is safe (undoing
            // what is undone already is "already there").
            undo = journal.undo;
        }
    } else {
        undo.extend(journal.undo);
    }
    for (i, s) in undo.iter_mut().enumerate() {
        s.id = i;
        s.depends_on.clear();
    }
    let undoable = !undo.is_empty();
    let journaled = if undo.is_empty() {
        match std::fs::remove_file(&journal_path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(format!("{}: {e}", journal_path.display())),
        }
    } else {
        let text = serde_json::to_string_pretty(&Journal { undo }).unwrap_or_default() + "\n";
        write_private(&journal_path, &text)
    };
    if let Err(e) = journaled {
        eprintln!("ramp apply: the journal could not be written: {e}");
    }

    if !secrets.is_empty() {
        let text = serde_json::to_string_pretty(&secrets).unwrap_or_default() + "\n";
        match &args.secrets {
            Some(path) => match write_private(path, &text) {
                Ok(()) => eprintln!(
                    "{} secret(s) written to {} (mode 0600); they are shown nowhere else.",
                    secrets.len(),
                    path.display()
                ),
                Err(e) => {
                    // The secret exists only here now: hand it out rather than lose it.
                    eprintln!("ramp apply: {e}; the secrets follow on standard output");
                    say_raw!("{text}");
                }
            },
            None => say_raw!("{text}"),
        }
    }
    if ran.ok {
        eprintln!(
            "{}",
            match (rolling_back, lang) {
                (true, Lang::Zh) => "回滚完成。".to_owned(),
                (true, _) => "Rolled back.".to_owned(),
                (false, Lang::Zh) if undoable => format!(
                    "全部完成。撤销：ramp apply {} --rollback",
                    args.file.display()
                ),
                (false, Lang::Zh) => "全部完成。".to_owned(),
                (false, _) if undoable => format!(
                    "All done. To undo: ramp apply {} --rollback",
                    args.file.display()
                ),
                (false, _) => "All done.".to_owned(),
            }
        );
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{}",
            if lang == Lang::Zh {
                "已停止。修正原因后再次运行以继续（已完成的步骤会显示\"已存在\"），或用 --rollback 撤销。"
            } else {
                "Stopped. Fix the cause and run again to resume (steps already done say \"already there\"), or undo with --rollback."
            }
        );
        ExitCode::from(1)
    }
}
