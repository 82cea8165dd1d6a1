//! Reads the signed-in account in the browser: ramp-core's survey, its
//! calls signed here and sent through this page's Ramp server (the sandbox,
//! or the relay to Alibaba Cloud), a few at a time, with progress and a
//! way to stop. Nothing read is stored beyond the tab.

use std::cell::Cell;
use std::rc::Rc;

use futures_util::future::join_all;
use ramp_core::audit::survey::{Next, Survey};
use ramp_core::audit::Account;
use ramp_core::credentials::Credentials;
use ramp_core::lang::Lang;
use ramp_core::plan::runner::NO_ANSWER;

use crate::browser;
use crate::i18n::tr;
use crate::transport::{self, Server};

/// Calls in flight at once.
const IN_FLIGHT: usize = 6;

/// Why a read stopped.
pub(super) fn stopped(lang: Lang, code: &str, message: &str) -> String {
    if code == NO_ANSWER {
        format!(
            "{} {message}",
            tr(
                lang,
                "The Ramp server could not reach the service:",
                "Ramp 服务器无法连接到服务："
            )
        )
    } else {
        format!(
            "{} {code}: {message}",
            tr(
                lang,
                "The service refused these credentials:",
                "服务拒绝了这些凭证："
            )
        )
    }
}

/// Reads the account; `progress(done, known)` after each batch; stops
/// (with `Err`) when `cancel` is set.
pub(super) async fn read(
    server: Server,
    creds: Credentials,
    lang: Lang,
    cancel: Rc<Cell<bool>>,
    progress: impl Fn(usize, usize),
) -> Result<Account, String> {
    let mut survey = Survey::new(IN_FLIGHT);
    loop {
        if cancel.get() {
            return Err(tr(
                lang,
                "Stopped: nothing more was read.",
                "已停止：未继续读取。",
            )
            .into());
        }
        let mut batch = Vec::new();
        loop {
            match survey.next() {
                Next::Send(o) => batch.push(*o),
                Next::Wait { delay_ms } => {
                    browser::sleep(delay_ms).await;
                    continue;
                }
                Next::Answers => break,
                Next::Finished => return Ok(survey.into_account()),
                Next::Stopped(e) => return Err(stopped(lang, &e.code, &e.message)),
            }
        }
        let answers = join_all(
            batch
                .iter()
                .map(|o| transport::send(&server, &creds, &o.request, o.service)),
        )
        .await;
        for (o, answer) in batch.iter().zip(answers) {
            match answer {
                Ok((status, body)) => survey.feed(o.id, status, &body),
                Err(e) => survey.no_answer(o.id, &e.message),
            }
        }
        let p = survey.progress();
        progress(p.done, p.known);
    }
}
