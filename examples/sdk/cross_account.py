"""The cross-account ARMS share against `ramp serve`'s sandbox, with Alibaba
Cloud's official Python SDK — the same script works against the real endpoints.

    ramp serve                                  # prints the demo AccessKeys
    pip install alibabacloud_ram20150501==1.3.0 alibabacloud_sts20150401==1.2.0
    export A_KEY_ID=… A_KEY_SECRET=…            # account A's admin, as printed
    export B_KEY_ID=… B_KEY_SECRET=…            # account B's admin, as printed
    python examples/sdk/cross_account.py 127.0.0.1:8080

A (resource owner) creates a role that trusts account B with an ExternalId
and attaches AliyunARMSReadOnlyAccess; B creates a user with
AliyunSTSAssumeRoleAccess and an AccessKey; that user assumes A's role and
asks STS who it is.
"""

import json
import os
import sys

from alibabacloud_ram20150501 import models as ram
from alibabacloud_ram20150501.client import Client as Ram
from alibabacloud_sts20150401 import models as sts
from alibabacloud_sts20150401.client import Client as Sts
from alibabacloud_tea_openapi.models import Config

endpoint = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8080"
protocol = "https" if endpoint.endswith("aliyuncs.com") else "http"


def clients(key_id, secret, token=None):
    cfg = Config(access_key_id=key_id, access_key_secret=secret, security_token=token,
                 endpoint=endpoint, protocol=protocol)
    sts_cfg = Config(access_key_id=key_id, access_key_secret=secret, security_token=token,
                     endpoint="sts.aliyuncs.com" if protocol == "https" else endpoint, protocol=protocol)
    return Ram(cfg), Sts(sts_cfg)


a_ram, a_sts = clients(os.environ["A_KEY_ID"], os.environ["A_KEY_SECRET"])
b_ram, _ = clients(os.environ["B_KEY_ID"], os.environ["B_KEY_SECRET"])
a_id = a_sts.get_caller_identity().body.account_id
b_id = clients(os.environ["B_KEY_ID"], os.environ["B_KEY_SECRET"])[1].get_caller_identity().body.account_id
external_id = "ramp-demo-external-id"

# Account A: the role B may assume, with read-only ARMS.
trust = {"Version": "1", "Statement": [{
    "Effect": "Allow", "Action": "sts:AssumeRole",
    "Principal": {"RAM": [f"acs:ram::{b_id}:root"]},
    "Condition": {"StringEquals": {"sts:ExternalId": external_id}}}]}
role = a_ram.create_role(ram.CreateRoleRequest(
    role_name="arms-viewer", assume_role_policy_document=json.dumps(trust), max_session_duration=3600)).body.role
a_ram.attach_policy_to_role(ram.AttachPolicyToRoleRequest(
    policy_type="System", policy_name="AliyunARMSReadOnlyAccess", role_name="arms-viewer"))
print(f"A {a_id}: created {role.arn}")

# Account B: a user who may assume roles, with an AccessKey.
b_ram.create_user(ram.CreateUserRequest(user_name="arms-reader"))
b_ram.attach_policy_to_user(ram.AttachPolicyToUserRequest(
    policy_type="System", policy_name="AliyunSTSAssumeRoleAccess", user_name="arms-reader"))
key = b_ram.create_access_key(ram.CreateAccessKeyRequest(user_name="arms-reader")).body.access_key
print(f"B {b_id}: created arms-reader with AccessKey {key.access_key_id}")

# B's user assumes A's role, then asks who it is.
_, user_sts = clients(key.access_key_id, key.access_key_secret)
creds = user_sts.assume_role(sts.AssumeRoleRequest(
    role_arn=role.arn, role_session_name="arms-reader", external_id=external_id)).body.credentials
_, session_sts = clients(creds.access_key_id, creds.access_key_secret, creds.security_token)
me = session_sts.get_caller_identity().body
print(f"assumed: {me.arn} ({me.identity_type}), credentials expire {creds.expiration}")
