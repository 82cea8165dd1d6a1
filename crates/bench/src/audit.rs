//! The access review's workloads, over an account read from a live service
//! (`ramp audit --save FILE`; `make bench` reads a `--seed org:2000` sandbox):
//! the access model and every finding, and one who-can question. The account
//! is loaded once ([`load`]); each workload then runs over it `n` times.

use std::cell::RefCell;
use std::hint::black_box;

use ramp_core::audit::account::Account;
use ramp_core::audit::findings::{findings, Options};
use ramp_core::audit::model;
use ramp_core::audit::who_can::{who_can, Question};
use ramp_core::time::UtcTime;

thread_local! {
    static ACCOUNT: RefCell<Option<Account>> = const { RefCell::new(None) };
}

/// The audit workloads' names.
pub const WORKLOADS: [&str; 2] = ["audit-model-findings", "audit-who-can"];

/// Loads the account the workloads run over: a saved survey (`ramp audit
/// --save`). Gives how many principals it holds.
pub fn load(json: &str) -> Result<usize, String> {
    let account: Account =
        serde_json::from_str(json).map_err(|e| format!("not a saved survey: {e}"))?;
    let principals = account.users.len() + account.groups.len() + account.roles.len();
    ACCOUNT.with(|a| *a.borrow_mut() = Some(account));
    Ok(principals)
}

/// Runs the audit workload `name` `n` times over the loaded account: the
/// number of findings, or of principals who can; `None` for an unknown name
/// or when no account is loaded.
pub fn run(name: &str, n: u32) -> Option<String> {
    ACCOUNT.with(|a| {
        let a = a.borrow();
        let account = a.as_ref()?;
        let mut last = 0;
        match name {
            "audit-model-findings" => {
                let options = Options::at(UtcTime::from_unix_seconds(1_800_000_000));
                for _ in 0..n {
                    let m = model(black_box(account));
                    last = findings(account, &m, &options).len();
                }
            }
            "audit-who-can" => {
                let q = Question {
                    action: "arms:UpdatePrometheusInstance".into(),
                    resource: "*".into(),
                    resource_group: None,
                };
                for _ in 0..n {
                    last = who_can(black_box(account), &q).len();
                }
            }
            _ => return None,
        }
        Some(last.to_string())
    })
}
