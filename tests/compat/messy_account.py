"""The messy account of the access review's tests, made in the sandbox with the
official Python SDK: ARMS full access granted directly (alice), read-only
through a group (bob, carol), an explicit Deny that cancels carol's group
grant, read-only at a resource group only (dave), an application-scoped
custom policy (erin), a role trusted by another account without an
ExternalId (cross-viewer) and one with (guarded-viewer); the seed's admin
holds AdministratorAccess.

audit_test.py builds it for `ramp audit`; the browser test
(tests/e2e/review.test.js) runs this file against its own server:

    python messy_account.py HOST:PORT ACCESS_KEY_ID ACCESS_KEY_SECRET RESOURCE_GROUP_ID
"""

import json
import sys
from types import SimpleNamespace

from alibabacloud_ram20150501 import models as ram_models
from alibabacloud_resourcemanager20200331 import models as rm_models

from sandbox_sdk_test import B, V3, trust

DENY_ARMS = json.dumps({"Version": "1", "Statement": [{"Effect": "Deny", "Action": "arms:*", "Resource": "*"}]})
SHOP_APPS = json.dumps({"Version": "1", "Statement": [{
    "Effect": "Allow", "Action": ["arms:ReadTraceApp", "arms:EditTraceApp"], "Resource": "acs:arms:*:*:armsapp/shop-*"}]})


def build(server, admin, rg):
    """Makes account A messy through `server` as its administrator `admin`
    (key ID, secret); `rg` is a resource group of A."""
    a = V3(server, admin)
    ram = a.ram

    def user(name):
        ram.create_user(ram_models.CreateUserRequest(user_name=name))

    def attach_user(name, policy, kind="System"):
        ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(policy_type=kind, policy_name=policy, user_name=name))

    for name in ["alice", "bob", "carol", "dave", "erin"]:
        user(name)
    attach_user("alice", "AliyunARMSFullAccess")
    ram.create_group(ram_models.CreateGroupRequest(group_name="readers"))
    ram.attach_policy_to_group(ram_models.AttachPolicyToGroupRequest(
        policy_type="System", policy_name="AliyunARMSReadOnlyAccess", group_name="readers"))
    for name in ["bob", "carol"]:
        ram.add_user_to_group(ram_models.AddUserToGroupRequest(user_name=name, group_name="readers"))
    ram.create_policy(ram_models.CreatePolicyRequest(policy_name="deny-arms", policy_document=DENY_ARMS))
    attach_user("carol", "deny-arms", "Custom")
    a.rm.attach_policy(rm_models.AttachPolicyRequest(
        policy_name="AliyunARMSReadOnlyAccess", policy_type="System", principal_type="IMSUser",
        principal_name="dave@ramp-demo-a.onaliyun.com", resource_group_id=rg))
    ram.create_policy(ram_models.CreatePolicyRequest(policy_name="arms-shop-apps", policy_document=SHOP_APPS))
    attach_user("erin", "arms-shop-apps", "Custom")
    ram.create_role(ram_models.CreateRoleRequest(role_name="cross-viewer", assume_role_policy_document=trust(B)))
    ram.attach_policy_to_role(ram_models.AttachPolicyToRoleRequest(
        policy_type="System", policy_name="AliyunARMSReadOnlyAccess", role_name="cross-viewer"))
    ram.create_role(ram_models.CreateRoleRequest(role_name="guarded-viewer", assume_role_policy_document=trust(B, "ext-42")))
    ram.attach_policy_to_role(ram_models.AttachPolicyToRoleRequest(
        policy_type="System", policy_name="AliyunARMSReadOnlyAccess", role_name="guarded-viewer"))


if __name__ == "__main__":
    endpoint, key_id, secret, resource_group = sys.argv[1:5]
    build(SimpleNamespace(endpoint=endpoint), (key_id, secret), resource_group)
