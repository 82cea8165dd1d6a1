//! Reads the signed-in account in the browser: ramp-core's survey, its
//! calls signed here and sent through this page's Ramp server (the sandbox,
//! or the relay to Alibaba Cloud), six at a time (a browser's connections
//! to one server), with progress and a
//! way to stop. Nothing read is stored beyond the tab.

use std::cell::Cell;
use std::rc::Rc;

use futures_util::stream::{FuturesUnordered, StreamExt};
use ramp_core::audit::survey::{Next, Survey};
use ramp_core::audit::Account;
use ramp_core::credentials::Credentials;
use ramp_core::lang::Lang;
use ramp_core::plan::runner::NO_ANSWER;

use crate::browser;
use crate::i18n::tr;
use crate::transport::{self, Server};

/// Calls in flight at once: the connections a browser opens to one host.
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
pub(crate) async fn read(
    server: Server,
    creds: Credentials,
    lang: Lang,
    cancel: Rc<Cell<bool>>,
    progress: impl Fn(usize, usize),
) -> Result<Account, String> {
    let mut survey = Survey::new(IN_FLIGHT);
    // Calls out now; as each answers, the next goes (never a batch waiting
    // for its slowest call).
    let mut out = FuturesUnordered::new();
    loop {
        if cancel.get() {
            return Err(tr(
                lang,
                "Stopped: nothing more was read.",
                "已停止：未继续读取。",
            )
            .into());
        }
        loop {
            match survey.next() {
                Next::Send(o) => {
                    let (server, creds) = (&server, &creds);
                    out.push(async move {
                        let answer = transport::send(server, creds, &o.request, o.service).await;
                        (o.id, answer)
                    });
                }
                Next::Wait { delay_ms } => browser::sleep(delay_ms).await,
                Next::Answers => break,
                Next::Finished => return Ok(survey.into_account()),
                Next::Stopped(e) => return Err(stopped(lang, &e.code, &e.message)),
            }
        }
        let Some((id, answer)) = out.next().await else {
            // The survey waits for answers only while calls are out.
            return Err(stopped(lang, NO_ANSWER, "no call was out"));
        };
        match answer {
            Ok((status, body)) => survey.feed(id, status, &body),
            Err(e) => survey.no_answer(id, &e.message),
        }
        let p = survey.progress();
        progress(p.done, p.known);
    }
}
