"""`ramp audit` against an account the official Python SDK made messy in the
sandbox: direct grants, a group's grant, a resource-group grant, an explicit
Deny that cancels a group's grant, an application-scoped custom policy, a
role trusted by another account, an administrator. The JSON must give every
principal its level, its path and — for roles — who may assume it; a
principal lacking read permission gets the failing call and the permission
it needs."""

import json
import os
import subprocess
import tempfile
import unittest

from aliyunsdkcore.request import CommonRequest

from alibabacloud_ram20150501 import models as ram_models
from alibabacloud_resourcemanager20200331 import models as rm_models

import messy_account
from sandbox_sdk_test import A, B, V3, WithDemo, legacy, send, trust
from server import RAMP_BIN



def audit(server, key, *extra):
    env = dict(os.environ, ALIBABA_CLOUD_ACCESS_KEY_ID=key[0], ALIBABA_CLOUD_ACCESS_KEY_SECRET=key[1])
    env.pop("ALIBABA_CLOUD_SECURITY_TOKEN", None)
    return subprocess.run(
        [RAMP_BIN, "audit", "--endpoint", f"http://{server.endpoint}", "--format", "json", *extra],
        env=env, capture_output=True, text=True, timeout=120)


class Audit(WithDemo):
    def build_messy_account(self):
        rg = self.server.accounts[0]["rgs"][0]
        messy_account.build(self.server, self.a_admin, rg)
        return rg

    def test_every_principal_gets_its_level_path_and_assumers(self):
        rg = self.build_messy_account()
        run = audit(self.server, self.a_admin, "--fail-on", "security")
        self.assertEqual(run.returncode, 1, run.stderr)  # the administrator and the unguarded role are security findings
        out = json.loads(run.stdout)
        self.assertTrue(out["complete"])
        by_name = {(p["type"], p["name"]): p for p in out["principals"]}
        level = {k: p["arms"] for k, p in by_name.items()}
        self.assertEqual(level[("user", "admin")], "full")
        self.assertEqual(level[("user", "alice")], "full")
        self.assertEqual(level[("user", "bob")], "read-only")
        self.assertEqual(level[("user", "carol")], "none")
        self.assertEqual(level[("user", "dave")], "read-only")
        self.assertEqual(level[("user", "erin")], "partial")
        self.assertEqual(level[("group", "readers")], "read-only")
        self.assertEqual(level[("role", "cross-viewer")], "read-only")
        bob = by_name[("user", "bob")]
        self.assertEqual(bob["arn"], f"acs:ram::{A}:user/bob")
        path = bob["scopes"][0]["paths"][0]
        self.assertEqual((path["via"], path["policy"], path["effect"]), ("readers", "AliyunARMSReadOnlyAccess", "Allow"))
        carol = by_name[("user", "carol")]["scopes"][0]
        self.assertEqual([d["policy"] for d in carol["denied-by"]], ["deny-arms"])
        dave = by_name[("user", "dave")]["scopes"]
        self.assertEqual([(s["resource-group"], s["level"]) for s in dave], [(None, "none"), (rg, "read-only")])
        cross = by_name[("role", "cross-viewer")]["assumers"]
        self.assertEqual((cross[0]["type"], cross[0]["account"], cross[0]["external-id"]), ("account", B, []))
        guarded = by_name[("role", "guarded-viewer")]["assumers"]
        self.assertEqual(guarded[0]["external-id"], ["ext-42"])
        codes = {(f["code"], f["subject"].rsplit("/", 1)[-1]) for f in out["findings"]}
        self.assertIn(("A001", "cross-viewer"), codes)
        self.assertNotIn(("A001", "guarded-viewer"), codes)
        self.assertIn(("A010", "admin"), codes)
        self.assertIn(("A009", "dave"), codes)  # read-only at a resource group, without arms:ReadTraceApp

    def test_who_can_and_the_admins_key_use(self):
        self.build_messy_account()
        run = audit(self.server, self.a_admin, "--who-can", "arms:UpdatePrometheusInstance")
        self.assertEqual(run.returncode, 0, run.stderr)
        out = json.loads(run.stdout)
        self.assertEqual([w["principal"]["name"] for w in out["who-can"]], ["admin", "alice"])
        admin = next(p for p in out["principals"] if p["name"] == "admin")
        # The sandbox records each key's last use: this very audit used the admin's key.
        self.assertTrue(all(k["last-used"] for k in admin["user"]["keys"]), admin["user"])

    def test_a_reader_without_permission_learns_which_call_failed_and_what_it_needs(self):
        a = V3(self.server, self.a_admin)
        a.ram.create_user(ram_models.CreateUserRequest(user_name="auditor"))
        a.ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(
            policy_type="System", policy_name="AliyunARMSReadOnlyAccess", user_name="auditor"))
        key = a.ram.create_access_key(ram_models.CreateAccessKeyRequest(user_name="auditor")).body.access_key
        run = audit(self.server, (key.access_key_id, key.access_key_secret))
        self.assertEqual(run.returncode, 2, run.stderr)
        out = json.loads(run.stdout)
        self.assertFalse(out["complete"])
        needs = {g["needs"] for g in out["gaps"]}
        self.assertIn("ram:ListUsers", needs)
        self.assertIn("incomplete", run.stderr)

    def test_the_reader_policy_is_enough_for_a_complete_audit(self):
        self.build_messy_account()
        policy = subprocess.run([RAMP_BIN, "audit", "--reader-policy"], capture_output=True, text=True, check=True).stdout
        a = V3(self.server, self.a_admin)
        a.ram.create_policy(ram_models.CreatePolicyRequest(policy_name="ramp-auditor", policy_document=policy))
        a.ram.create_user(ram_models.CreateUserRequest(user_name="auditor"))
        a.ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(
            policy_type="Custom", policy_name="ramp-auditor", user_name="auditor"))
        key = a.ram.create_access_key(ram_models.CreateAccessKeyRequest(user_name="auditor")).body.access_key
        run = audit(self.server, (key.access_key_id, key.access_key_secret))
        self.assertEqual(run.returncode, 0, run.stderr)
        out = json.loads(run.stdout)
        self.assertTrue(out["complete"], out["gaps"])
        self.assertEqual(next(p for p in out["principals"] if p["name"] == "bob")["arms"], "read-only")

    def test_drift_of_a_plan_applied_with_the_sdk_then_changed_by_hand(self):
        a = V3(self.server, self.a_admin)
        for name in ["alice", "bob"]:
            a.ram.create_user(ram_models.CreateUserRequest(user_name=name))
        intent = {"flow": "team-group", "account": {"id": A, "alias": "ramp-demo-a"}, "group": "arms-sre",
                  "comments": "SRE on-call", "arms": "read-only", "members": ["alice", "bob"]}
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "intent.json"), "w") as f:
                json.dump(intent, f)
            plan = subprocess.run([RAMP_BIN, "plan", os.path.join(d, "intent.json"), "--export", "json"],
                                  capture_output=True, text=True, check=True).stdout
            plan_path = os.path.join(d, "plan.json")
            with open(plan_path, "w") as f:
                f.write(plan)
            # Apply the plan's calls as they are, with the SDK's generic request.
            admin = legacy(self.server, self.a_admin)
            for step in json.loads(plan)["steps"]:
                request = CommonRequest(domain=self.server.endpoint, version={"ram": "2015-05-01"}[step["service"]],
                                        action_name=step["action"])
                request.set_method("POST")
                for k, v in step["params"]:
                    request.add_query_param(k, v)
                send(self.server, admin, request)
            applied = json.loads(audit(self.server, self.a_admin, "--against", plan_path).stdout)["drift"]
            self.assertTrue(all(p["state"] == "already-there" for p in applied["planned"]), applied)
            self.assertEqual(applied["extra"], [])
            # By hand: bob leaves the group, the group's comment changes, alice gets full access.
            a.ram.remove_user_from_group(ram_models.RemoveUserFromGroupRequest(user_name="bob", group_name="arms-sre"))
            a.ram.attach_policy_to_user(ram_models.AttachPolicyToUserRequest(
                policy_type="System", policy_name="AliyunARMSFullAccess", user_name="alice"))
            a.ram.detach_policy_from_group(ram_models.DetachPolicyFromGroupRequest(
                policy_type="System", policy_name="AliyunARMSReadOnlyAccess", group_name="arms-sre"))
            drift = json.loads(audit(self.server, self.a_admin, "--against", plan_path).stdout)["drift"]
        state = {p["what"]: p["state"] for p in drift["planned"]}
        self.assertEqual(state["bob in group arms-sre"], "missing")
        self.assertEqual(state["alice in group arms-sre"], "already-there")
        self.assertEqual(state["AliyunARMSReadOnlyAccess for group arms-sre at the account"], "missing")
        self.assertEqual(state["group arms-sre"], "already-there")
        self.assertEqual([(e["principal"]["name"], e["grant"]) for e in drift["extra"]],
                         [("alice", "AliyunARMSFullAccess at the account")])

    def test_bad_credentials_and_an_unreachable_endpoint_exit_2_with_the_reason(self):
        run = audit(self.server, ("LTAInotakey000000", "nope"))
        self.assertEqual(run.returncode, 2)
        self.assertIn("InvalidAccessKeyId", run.stderr)
        env = dict(os.environ, ALIBABA_CLOUD_ACCESS_KEY_ID="LTAIx", ALIBABA_CLOUD_ACCESS_KEY_SECRET="y")
        gone = subprocess.run([RAMP_BIN, "audit", "--endpoint", "http://127.0.0.1:9", "--format", "json"],
                              env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(gone.returncode, 2)
        self.assertIn("GetCallerIdentity", gone.stderr + gone.stdout)


if __name__ == "__main__":
    unittest.main()
