//! MFA devices. The sandbox has no way to bind one (there is no console to
//! sign in to), so the account's list is always empty — which is what an
//! account whose users never bound a device answers too.

use ramp_core::api::ram::{ListVirtualMFADevices, UnbindMFADevice};
use serde_json::json;

use super::{parse, Ctx};
use crate::reply::{Fault, Reply};

pub(super) fn list_virtual_mfa_devices(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: ListVirtualMFADevices = parse(p)?;
    ctx.allow_call(&call, "*")?;
    Ok(json!({ "VirtualMFADevices": { "VirtualMFADevice": [] } }))
}

/// No user has a device bound here, so there is never one to unbind.
pub(super) fn unbind_mfa_device(ctx: &mut Ctx<'_>, p: &[(String, String)]) -> Reply {
    let call: UnbindMFADevice = parse(p)?;
    ctx.allow_call(&call, &call.user_name)?;
    ctx.user(&call.user_name)?;
    Err(Fault::not_exist(
        "User.MFADevice",
        "The user has not bound an MFA device.",
    ))
}
