//! Reaching an account from the command line: credentials as the aliyun CLI
//! keeps them (or the ALIBABA_CLOUD_* variables), a transport that signs
//! each call, and reading the whole account with the survey. `ramp audit`,
//! `ramp plan` (for intents that change what exists) and `ramp apply` share it.

pub(crate) mod credentials;
pub(crate) mod transport;

use ramp_core::audit::survey::{Next, Survey};
use ramp_core::audit::Account;
use ramp_core::plan::runner::NO_ANSWER;

use transport::Transport;

/// A runtime for the calls (one thread: the calls wait on the network).
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))
}

/// Reads the account at `endpoint` (default: the public endpoints) with the
/// credentials of `profile` (default: the environment), saying on standard
/// error how long it took.
pub(crate) fn read_account(
    endpoint: Option<&str>,
    profile: Option<&str>,
    in_flight: usize,
) -> Result<Account, String> {
    let transport = Transport::new(endpoint)?;
    let source = credentials::source(profile)?;
    let started = std::time::Instant::now();
    let (account, calls) = runtime()?.block_on(read(transport.clone(), source, in_flight))?;
    eprintln!(
        "Read account {} from {} in {calls} calls, {:.1} s.",
        account.id,
        transport.describe(),
        started.elapsed().as_secs_f64()
    );
    Ok(account)
}

/// Reads the account through `transport`, `in_flight` calls at a time.
async fn read(
    transport: Transport,
    source: credentials::Source,
    in_flight: usize,
) -> Result<(Account, usize), String> {
    let creds = credentials::resolve(&source, &transport).await?;
    let mut survey = Survey::new(in_flight);
    let mut tasks = tokio::task::JoinSet::new();
    let mut sent = 0;
    loop {
        match survey.next() {
            Next::Send(o) => {
                sent += 1;
                let (t, c) = (transport.clone(), creds.clone());
                tasks.spawn(async move { (o.id, t.send(&c, &o.request, o.service).await) });
            }
            Next::Wait { delay_ms } => {
                tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await
            }
            Next::Answers => match tasks.join_next().await {
                Some(Ok((id, Ok((status, body))))) => survey.feed(id, status, &body),
                Some(Ok((id, Err(why)))) => survey.no_answer(id, &why),
                Some(Err(e)) => return Err(format!("a call's task failed: {e}")),
                None => return Err("the survey waited for answers with none outstanding".into()),
            },
            Next::Finished => return Ok((survey.into_account(), sent)),
            Next::Stopped(e) if e.code == NO_ANSWER => {
                return Err(format!(
                    "cannot reach {}: {}",
                    transport.describe(),
                    e.message
                ))
            }
            Next::Stopped(e) => {
                return Err(format!(
                    "{} refused the credentials: {} {}",
                    transport.describe(),
                    e.code,
                    e.message
                ))
            }
        }
    }
}
