"""The sandbox driven by Alibaba Cloud's official Python SDKs over real HTTP:
the new generated clients (V3 signatures) and the legacy aliyun-python-sdk-core
clients (V1). Every error is checked through the SDK's own exception."""

import json
import os
import sqlite3
import sys
import tempfile
import time
import unittest

from alibabacloud_resourcemanager20200331 import models as rm_models
from alibabacloud_resourcemanager20200331.client import Client as RmClient
from alibabacloud_ram20150501 import models as ram_models
from alibabacloud_ram20150501.client import Client as RamClient
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_sts20150401.client import Client as StsClient
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_openapi.utils import Utils as TeaUtils
from aliyunsdkcore.acs_exception.exceptions import ClientException as LegacyClientError
from aliyunsdkcore.acs_exception.exceptions import ServerException as LegacyServerError
from aliyunsdkcore.auth.credentials import StsTokenCredential, AccessKeyCredential
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.utils import parameter_helper
from aliyunsdkram.request.v20150501 import (
    AddUserToGroupRequest,
    AttachPolicyToGroupRequest,
    AttachPolicyToRoleRequest,
    AttachPolicyToUserRequest,
    CreateAccessKeyRequest,
    CreateGroupRequest,
    CreateRoleRequest,
    CreateUserRequest,
    ListGroupsForUserRequest,
)
from aliyunsdksts.request.v20150401 import AssumeRoleRequest, GetCallerIdentityRequest

from server import Server

A, B = "1680000000000001", "1680000000000002"


def trust(account, external_id=None):
    statement = {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"RAM": [f"acs:ram::{account}:root"]},
    }
    if external_id:
        statement["Condition"] = {"StringEquals": {"sts:ExternalId": external_id}}
    return json.dumps({"Version": "1", "Statement": [statement]})


def config(server, key, token=None):
    return open_api_models.Config(
        access_key_id=key[0],
        access_key_secret=key[1],
        security_token=token,
        endpoint=server.endpoint,
        protocol="http",
    )


class V3:
    """The new SDK clients for one identity."""

    def __init__(self, server, key, token=None):
        cfg = config(server, key, token)
        self.ram, self.sts, self.rm = RamClient(cfg), StsClient(cfg), RmClient(cfg)


def legacy(server, key, token=None):
    cred = StsTokenCredential(key[0], key[1], token) if token else AccessKeyCredential(key[0], key[1])
    return AcsClient(region_id="cn-hangzhou", credential=cred)


def send(server, client, request):
    request.set_protocol_type("http")
    request.set_endpoint(server.endpoint)
    return json.loads(client.do_action_with_exception(request))


def legacy_request(cls, **params):
    request = cls()
    for name, value in params.items():
        getattr(request, f"set_{name}")(value)
    return request


class WithDemo(unittest.TestCase):
    """A fresh `ramp serve` with the demo seed for each test."""

    def setUp(self):
        self.server = Server()
        self.a_admin = self.server.accounts[0]["admin"]
        self.b_admin = self.server.accounts[1]["admin"]

    def tearDown(self):
        self.server.stop()


class Scenario(WithDemo):
    def share_role_in_a(self, external_id="ramp-ext-7"):
        a = V3(self.server, self.a_admin)
        role = a.ram.create_role(ram_models.CreateRoleRequest(
            role_name="arms-viewer",
            assume_role_policy_document=trust(B, external_id),
            max_session_duration=7200,
        )).body.role
        self.assertEqual(role.arn, f"acs:ram::{A}:role/arms-viewer")
        a.ram.attach_policy_to_role(ram_models.AttachPolicyToRoleRequest(
            policy_type="System", policy_name="AliyunARMSReadOnlyAccess", role_name="arms-viewer"))
        return role.arn

    def user_in_b(self, name="alice", grant=True):
        b = V3(self.server, self.b_admin)
        b.ram.create_user(ram_models.CreateUserRequest(user_name=name, display_name="Alice from B"))
        if grant:
            b.ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(
                policy_type="System", policy_name="AliyunSTSAssumeRoleAccess", user_name=name))
        key = b.ram.create_access_key(ram_models.CreateAccessKeyRequest(user_name=name)).body.access_key
        return (key.access_key_id, key.access_key_secret)

    def assertCode(self, error, code):
        self.assertEqual(getattr(error, "code", None) or error.get_error_code(), code, str(error))

    def test_cross_account_with_the_new_sdk(self):
        arn = self.share_role_in_a()
        alice = V3(self.server, self.user_in_b())
        assumed = alice.sts.assume_role(sts_models.AssumeRoleRequest(
            role_arn=arn, role_session_name="alice-v3", duration_seconds=3600, external_id="ramp-ext-7")).body
        creds = assumed.credentials
        self.assertTrue(creds.access_key_id.startswith("STS."))
        self.assertEqual(assumed.assumed_role_user.arn, f"{arn}/alice-v3")
        session = V3(self.server, (creds.access_key_id, creds.access_key_secret), creds.security_token)
        me = session.sts.get_caller_identity().body
        self.assertEqual((me.identity_type, me.account_id), ("AssumedRoleUser", A))
        self.assertEqual(me.arn, f"acs:ram::{A}:assumed-role/arms-viewer/alice-v3")
        # Read-only ARMS grants nothing in RAM.
        with self.assertRaises(Exception) as denied:
            session.ram.create_user(ram_models.CreateUserRequest(user_name="mallory"))
        self.assertCode(denied.exception, "NoPermission")

    def test_cross_account_with_the_legacy_sdk(self):
        arn = self.share_role_in_a()
        alice_key = self.user_in_b()
        alice = legacy(self.server, alice_key)
        assumed = send(self.server, alice, legacy_request(
            AssumeRoleRequest.AssumeRoleRequest, RoleArn=arn, RoleSessionName="alice-v1", ExternalId="ramp-ext-7"))
        c = assumed["Credentials"]
        session = legacy(self.server, (c["AccessKeyId"], c["AccessKeySecret"]), c["SecurityToken"])
        me = send(self.server, session, GetCallerIdentityRequest.GetCallerIdentityRequest())
        self.assertEqual(me["Arn"], f"acs:ram::{A}:assumed-role/arms-viewer/alice-v1")
        self.assertEqual(me["IdentityType"], "AssumedRoleUser")

    def test_teammate_flow(self):
        a = V3(self.server, self.a_admin)
        a.ram.create_user(ram_models.CreateUserRequest(user_name="bob", display_name="Bob"))
        profile = a.ram.create_login_profile(ram_models.CreateLoginProfileRequest(
            user_name="bob", password="Ramp-Demo-Pass-42", password_reset_required=True, mfabind_required=True)).body.login_profile
        self.assertTrue(profile.password_reset_required)
        a.ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(
            policy_type="System", policy_name="AliyunARMSReadOnlyAccess", user_name="bob"))
        policies = a.ram.list_policies_for_user(ram_models.ListPoliciesForUserRequest(user_name="bob")).body
        self.assertEqual([p.policy_name for p in policies.policies.policy], ["AliyunARMSReadOnlyAccess"])
        rg = self.server.accounts[0]["rgs"][0]
        a.rm.attach_policy(rm_models.AttachPolicyRequest(
            policy_name="AliyunARMSReadOnlyAccess", policy_type="System", principal_type="IMSUser",
            principal_name="bob@ramp-demo-a.onaliyun.com", resource_group_id=rg))
        listed = a.rm.list_policy_attachments(rm_models.ListPolicyAttachmentsRequest(resource_group_id=rg)).body
        self.assertEqual(listed.total_count, 1)
        self.assertEqual(listed.policy_attachments.policy_attachment[0].principal_name, "bob@ramp-demo-a.onaliyun.com")
        groups = a.rm.list_resource_groups(rm_models.ListResourceGroupsRequest()).body.resource_groups.resource_group
        self.assertEqual([g.id for g in groups], [rg])
        with self.assertRaises(Exception) as weak:
            a.ram.create_login_profile(ram_models.CreateLoginProfileRequest(user_name="bob", password="Ramp-Demo-Pass-42"))
        self.assertCode(weak.exception, "EntityAlreadyExists.User.LoginProfile")

    def test_group_flow_with_the_legacy_sdk(self):
        admin = legacy(self.server, self.a_admin)
        send(self.server, admin, legacy_request(CreateGroupRequest.CreateGroupRequest, GroupName="arms-team"))
        send(self.server, admin, legacy_request(AttachPolicyToGroupRequest.AttachPolicyToGroupRequest,
                                                PolicyType="System", PolicyName="AliyunARMSReadOnlyAccess", GroupName="arms-team"))
        for name in ["dev-1", "dev-2"]:
            send(self.server, admin, legacy_request(CreateUserRequest.CreateUserRequest, UserName=name))
            send(self.server, admin, legacy_request(AddUserToGroupRequest.AddUserToGroupRequest, UserName=name, GroupName="arms-team"))
        groups = send(self.server, admin, legacy_request(ListGroupsForUserRequest.ListGroupsForUserRequest, UserName="dev-2"))
        self.assertEqual([g["GroupName"] for g in groups["Groups"]["Group"]], ["arms-team"])
        with self.assertRaises(LegacyServerError) as dup:
            send(self.server, admin, legacy_request(CreateGroupRequest.CreateGroupRequest, GroupName="arms-team"))
        self.assertEqual(dup.exception.get_error_code(), "EntityAlreadyExists.Group")
        self.assertEqual(dup.exception.get_http_status(), 409)


class NewcomerExample(unittest.TestCase):
    """examples/sdk/cross_account.py, run as a newcomer would: the printed keys in
    the environment, the endpoint on the command line."""

    def test_the_example_script_runs_the_cross_account_scenario(self):
        import subprocess
        server = Server()
        try:
            env = dict(os.environ,
                       A_KEY_ID=server.accounts[0]["admin"][0], A_KEY_SECRET=server.accounts[0]["admin"][1],
                       B_KEY_ID=server.accounts[1]["admin"][0], B_KEY_SECRET=server.accounts[1]["admin"][1])
            script = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "sdk", "cross_account.py")
            out = subprocess.run([sys.executable, script, server.endpoint], env=env, capture_output=True, text=True, timeout=60)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn(f"assumed: acs:ram::{A}:assumed-role/arms-viewer/arms-reader (AssumedRoleUser)", out.stdout)
        finally:
            server.stop()


class Refusals(WithDemo):
    """Each refusal surfaces its code through the SDK's exception."""

    def code_v3(self, call):
        with self.assertRaises(Exception) as caught:
            call()
        return caught.exception.code

    def code_legacy(self, client, request):
        with self.assertRaises((LegacyServerError, LegacyClientError)) as caught:
            send(self.server, client, request)
        return caught.exception.get_error_code()

    def test_wrong_secret(self):
        forged = (self.a_admin[0], "not-the-secret")
        self.assertEqual(self.code_v3(lambda: V3(self.server, forged).sts.get_caller_identity()), "SignatureDoesNotMatch")
        # The legacy SDK compares the server's string to sign (from the message)
        # with its own; when they agree only the secret can be wrong, and it says so.
        self.assertEqual(self.code_legacy(legacy(self.server, forged), GetCallerIdentityRequest.GetCallerIdentityRequest()),
                         "InvalidAccessKeySecret")

    def test_replayed_nonce(self):
        original = TeaUtils.get_nonce
        TeaUtils.get_nonce = staticmethod(lambda: "ramp-compat-fixed-nonce")
        try:
            client = V3(self.server, self.a_admin)
            client.sts.get_caller_identity()
            self.assertEqual(self.code_v3(client.sts.get_caller_identity), "SignatureNonceUsed")
        finally:
            TeaUtils.get_nonce = original
        original_uuid = parameter_helper.get_uuid
        parameter_helper.get_uuid = lambda: "ramp-compat-legacy-nonce"
        try:
            client = legacy(self.server, self.a_admin)
            send(self.server, client, GetCallerIdentityRequest.GetCallerIdentityRequest())
            self.assertEqual(self.code_legacy(client, GetCallerIdentityRequest.GetCallerIdentityRequest()), "SignatureNonceUsed")
        finally:
            parameter_helper.get_uuid = original_uuid

    def test_stale_timestamp(self):
        stale = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 16 * 60))
        original = TeaUtils.get_timestamp
        TeaUtils.get_timestamp = staticmethod(lambda: stale)
        try:
            self.assertEqual(self.code_v3(V3(self.server, self.a_admin).sts.get_caller_identity), "InvalidTimeStamp.Expired")
        finally:
            TeaUtils.get_timestamp = original
        original_date = parameter_helper.get_iso_8061_date
        parameter_helper.get_iso_8061_date = lambda: stale
        try:
            self.assertEqual(self.code_legacy(legacy(self.server, self.a_admin), GetCallerIdentityRequest.GetCallerIdentityRequest()),
                             "InvalidTimeStamp.Expired")
        finally:
            parameter_helper.get_iso_8061_date = original_date

    def test_missing_permission_trust_mismatch_and_external_id(self):
        a = V3(self.server, self.a_admin)
        a.ram.create_role(ram_models.CreateRoleRequest(role_name="viewer", assume_role_policy_document=trust(B, "ext-right")))
        b = V3(self.server, self.b_admin)
        b.ram.create_user(ram_models.CreateUserRequest(user_name="carol"))
        key = b.ram.create_access_key(ram_models.CreateAccessKeyRequest(user_name="carol")).body.access_key
        carol = V3(self.server, (key.access_key_id, key.access_key_secret))
        assume = lambda who, ext: who.sts.assume_role(sts_models.AssumeRoleRequest(
            role_arn=f"acs:ram::{A}:role/viewer", role_session_name="s1", external_id=ext))
        # Missing permission: carol has no policy at all.
        self.assertEqual(self.code_v3(lambda: carol.ram.create_user(ram_models.CreateUserRequest(user_name="x"))), "NoPermission")
        self.assertEqual(self.code_v3(lambda: assume(carol, "ext-right")), "NoPermission")
        b.ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(
            policy_type="System", policy_name="AliyunSTSAssumeRoleAccess", user_name="carol"))
        # ExternalId mismatch.
        self.assertEqual(self.code_v3(lambda: assume(carol, "ext-wrong")), "NoPermission")
        # Trust mismatch: A's own admin is not account B.
        self.assertEqual(self.code_v3(lambda: assume(a, "ext-right")), "NoPermission")
        # Both sides allow it now.
        assume(carol, "ext-right")
        # Root may not assume roles.
        root = V3(self.server, self.server.accounts[1]["root"])
        with self.assertRaises(Exception) as caught:
            assume(root, "ext-right")
        self.assertEqual(caught.exception.code, "NoPermission")
        self.assertIn("Roles may not be assumed by root accounts", caught.exception.message)


class RequestContext(WithDemo):
    """The sandbox decides with the request's whole context (issue 20.2, 20.3,
    docs/fidelity.md): keys an SDK call does not carry (acs:SourceVpc, a
    resource tag, acs:MFAPresent) are absent, so a Deny conditioned on them
    does not block it, and the SDK's own User-Agent is acs:UserAgent."""

    def test_absent_keys_do_not_deny_and_the_user_agent_is_seen(self):
        a = V3(self.server, self.a_admin)
        deny = lambda action, condition: {"Effect": "Deny", "Action": action, "Resource": "*", "Condition": condition}
        document = {"Version": "1", "Statement": [
            {"Effect": "Allow", "Action": ["ram:Get*", "ram:List*"], "Resource": "*"},
            deny("ram:ListUsers", {"StringEquals": {"acs:SourceVpc": "vpc-123"}}),
            deny("ram:GetUser", {"StringEquals": {"acs:ResourceTag/team": "dev"}}),
            deny("ram:GetAccountAlias", {"Bool": {"acs:MFAPresent": "false"}}),
            deny("ram:ListRoles", {"StringLike": {"acs:UserAgent": "*AlibabaCloud*"}}),
        ]}
        a.ram.create_user(ram_models.CreateUserRequest(user_name="dana"))
        a.ram.create_policy(ram_models.CreatePolicyRequest(policy_name="guarded", policy_document=json.dumps(document)))
        a.ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(
            policy_type="Custom", policy_name="guarded", user_name="dana"))
        key = a.ram.create_access_key(ram_models.CreateAccessKeyRequest(user_name="dana")).body.access_key
        dana = V3(self.server, (key.access_key_id, key.access_key_secret))
        dana.ram.list_users(ram_models.ListUsersRequest())
        dana.ram.get_user(ram_models.GetUserRequest(user_name="dana"))
        dana.ram.get_account_alias()
        # The new SDK's User-Agent names AlibabaCloud: the Deny on it applies.
        with self.assertRaises(Exception) as caught:
            dana.ram.list_roles(ram_models.ListRolesRequest())
        self.assertEqual(caught.exception.code, "NoPermission")


class ExpiredToken(unittest.TestCase):
    """An STS token past its expiry, made real by moving the saved state's clock:
    stop the server, set the session's expiry in the past, start it again."""

    def test_expired_token(self):
        state = os.path.join(tempfile.mkdtemp(prefix="ramp-compat-state-"), "state.db")
        server = Server("--state", state)
        try:
            a = V3(server, server.accounts[0]["admin"])
            a.ram.create_role(ram_models.CreateRoleRequest(role_name="self", assume_role_policy_document=trust(A)))
            c = a.sts.assume_role(sts_models.AssumeRoleRequest(
                role_arn=f"acs:ram::{A}:role/self", role_session_name="short", duration_seconds=900)).body.credentials
            session_key = (c.access_key_id, c.access_key_secret)
            V3(server, session_key, c.security_token).sts.get_caller_identity()
        finally:
            server.stop()
        # The state is an SQLite database with a row per entity: the session's row.
        with sqlite3.connect(state) as db:
            (body,) = db.execute(
                "SELECT body FROM entity WHERE kind = 'session' AND name = ?", (c.access_key_id,)).fetchone()
            session = json.loads(body)
            session["expires"] = int(time.time()) - 1
            db.execute("UPDATE entity SET body = ? WHERE kind = 'session' AND name = ?",
                       (json.dumps(session), c.access_key_id))
        db.close()
        server.start()
        try:
            with self.assertRaises(Exception) as caught:
                V3(server, session_key, c.security_token).sts.get_caller_identity()
            self.assertEqual(caught.exception.code, "InvalidSecurityToken.Expired")
            legacy_session = legacy(server, session_key, c.security_token)
            with self.assertRaises(LegacyServerError) as old:
                send(server, legacy_session, GetCallerIdentityRequest.GetCallerIdentityRequest())
            self.assertEqual(old.exception.get_error_code(), "InvalidSecurityToken.Expired")
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
