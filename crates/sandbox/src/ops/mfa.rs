//! MFA devices. The sandbox has no way to bind one (there is no console to
//! sign in to), so the account's list is always empty — which is what an
//! account whose users never bound a device answers too.

use ramp_core::api::ram::ListVirtualMFADevices;
use serde_json::json;

use super::{parse, Ctx};
use crate::reply::Reply;

pub(super) fn list_virtual_mfa_devices(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListVirtualMFADevices = parse(p)?;
    ctx.allow_call(&call, "*")?;
    Ok(json!({ "VirtualMFADevices": { "VirtualMFADevice": [] } }))
}
