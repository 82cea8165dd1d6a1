#!/usr/bin/env python3
"""Regenerates Ramp's own signature vectors with Alibaba Cloud's official Python SDKs.

Expected values come from the SDKs' signing functions, never from Ramp:
  V1: alibabacloud-tea-openapi 0.4.6  Utils.get_rpcsignature, cross-checked with
      aliyun-python-sdk-core 2.16.1   rpc_signature_composer (compose + sign)
  V3: alibabacloud-tea-openapi 0.4.6  Utils.get_authorization and the module's
      get_canonical_query_string / get_canonicalized_headers
Nothing is sent anywhere: these are pure functions.

    python3 -m venv /tmp/sdk && /tmp/sdk/bin/pip install alibabacloud-tea-openapi==0.4.6 aliyun-python-sdk-core==2.16.1
    /tmp/sdk/bin/python vectors/generate.py      # rewrites vectors/*.json
"""
import hashlib
import hmac
import json
import os
from types import SimpleNamespace

from alibabacloud_tea_openapi import utils as tea_utils
from alibabacloud_tea_openapi.utils import Utils
from aliyunsdkcore.auth.composer import rpc_signature_composer as legacy

HERE = os.path.dirname(os.path.abspath(__file__))
PKGS = "alibabacloud-tea-openapi==0.4.6, aliyun-python-sdk-core==2.16.1"


def common(action, version, **extra):
    p = {
        "Action": action, "Format": "json", "Version": version,
        "Timestamp": "2026-11-22T10:00:00Z", "SignatureNonce": "ramp-vector-nonce-0001",
        "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "AccessKeyId": "LTAI5tRampVectorKey",
    }
    p.update(extra)
    return p


def v1_case(name, method, params, secret, what):
    sig = Utils.get_rpcsignature(params, method, secret)
    sts = getattr(legacy, "__compose_string_to_sign")(method, dict(params))
    legacy_sig = getattr(legacy, "__get_signature")(sts, secret)
    assert sig == legacy_sig, (name, sig, legacy_sig)
    return {
        "name": name, "method": method, "params": params, "access_key_secret": secret,
        "string_to_sign": sts, "signature": sig,
        "source": f"generated for Ramp: {what}; signature from {PKGS} "
                  "(tea-openapi Utils.get_rpcsignature == legacy rpc_signature_composer)",
    }


def v3_case(name, method, pathname, query, headers, body, ak, secret, what):
    payload = hashlib.sha256(body.encode("utf-8")).hexdigest()
    req = SimpleNamespace(method=method, pathname=pathname, query=query, headers=headers)
    auth = Utils.get_authorization(req, "ACS3-HMAC-SHA256", payload, ak, secret)
    cq = tea_utils.get_canonical_query_string(query)
    ch, sh = tea_utils.get_canonicalized_headers(headers)
    canonical = f"{method}\n{pathname}\n{cq}\n{ch}\n{sh}\n{payload}"
    sts = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    sig = hmac.new(secret.encode(), sts.encode(), hashlib.sha256).hexdigest()
    assert auth.endswith("Signature=" + sig), (name, auth, sig)
    return {
        "name": name, "method": method, "pathname": pathname, "query": query, "headers": headers,
        "body": body, "hashed_payload": payload, "access_key_id": ak, "access_key_secret": secret,
        "canonical_request": canonical, "string_to_sign": sts, "signature": sig, "authorization": auth,
        "source": f"generated for Ramp: {what}; authorization from {PKGS} (tea-openapi Utils.get_authorization); "
                  "canonical request from the same module's get_canonical_query_string/get_canonicalized_headers",
    }


SECRET = "RampVectorSecret/With+Special=Chars"

v1 = [
    v1_case("ramp_v1_emoji_and_nfd", "POST",
            common("CreateUser", "2015-05-01", UserName="emoji", DisplayName="😀 e\u0301 café", Comments="𠜎𠜱 4-byte CJK"),
            SECRET, "4-byte emoji and CJK extension B, NFD combining accent (no normalisation)"),
    v1_case("ramp_v1_eleven_tags_string_order", "POST",
            common("CreateRole", "2015-05-01", RoleName="arms-reader",
                   **{f"Tag.{i}.Key": f"k{i}" for i in range(1, 12)}, **{f"Tag.{i}.Value": f"v {i}" for i in range(1, 12)}),
            SECRET, "flattened Tag.N.Key/Value with N up to 11: string order Tag.1 < Tag.10 < Tag.11 < Tag.2"),
    v1_case("ramp_v1_empty_values_empty_secret", "GET",
            common("ListUsers", "2015-05-01", Marker="", MaxItems="100"),
            "", "empty parameter values kept as `Marker=`; empty secret (key is just `&`)"),
    v1_case("ramp_v1_case_sensitive_sort", "POST",
            common("CreateUser", "2015-05-01", UserName="sort", a="lower", B="upper", _c="underscore", Z="upper-z"),
            SECRET, "byte-order sort: uppercase < `_` < lowercase"),
    v1_case("ramp_v1_reserved_characters", "POST",
            common("CreateUser", "2015-05-01", UserName="reserved", Comments="!'()*+,;=:@/?#[]%&$ ~-_."),
            SECRET, "every RFC 3986 reserved character plus `%`, space and the unreserved `~-_.`"),
    v1_case("ramp_v1_policy_document_multiline", "POST",
            common("CreatePolicy", "2015-05-01", PolicyName="ArmsAppRead", Description="ARMS app read",
                   PolicyDocument='{\n  "Version": "1",\n  "Statement": [{"Effect": "Allow", "Action": ["arms:ReadTraceApp"],\n    "Resource": "acs:arms:*:*:armsapp/shop-*"}]\n}'),
            SECRET, "a JSON policy document with newlines, quotes and `*` as a value"),
    v1_case("ramp_v1_sts_token_get", "GET",
            common("GetCallerIdentity", "2015-04-01", AccessKeyId="STS.NRampTempKey",
                   SecurityToken="CAIS9AF1q6Ft5B2yfSjIr5bSE+/==abc/def+ghi="),
            "TempSecret+/=", "STS credentials: SecurityToken is an ordinary signed parameter"),
]

STS_H = {
    "host": "sts.cn-hangzhou.aliyuncs.com", "x-acs-version": "2015-04-01", "x-acs-action": "AssumeRole",
    "x-acs-date": "2026-11-22T10:00:00Z", "x-acs-signature-nonce": "ramp-vector-nonce-0002",
}
form_body = "RoleSessionName=alice&Policy=%7B%22Version%22%3A%221%22%7D"
v3 = [
    v3_case("ramp_v3_sts_token_chinese_query_form_body", "POST", "/",
            {"RoleArn": "acs:ram::1234567890123456:role/共享-arms", "DurationSeconds": "3600"},
            dict(STS_H, **{"content-type": "application/x-www-form-urlencoded",
                           "x-acs-content-sha256": hashlib.sha256(form_body.encode()).hexdigest(),
                           "x-acs-accesskey-id": "STS.NRampTempKey",
                           "x-acs-security-token": "CAIS9AF1q6Ft5B2yfSjIr5bSE+/==abc"}),
            form_body, "STS.NRampTempKey", "TempSecret+/=",
            "STS token headers signed; UTF-8 query value; form body hashed, not in the canonical query"),
    v3_case("ramp_v3_get_tag_order_empty_value", "GET", "/",
            {"Tag.10.Key": "ten", "Tag.2.Key": "two", "Tag.1.Key": "one", "Marker": ""},
            {"host": "ram.aliyuncs.com", "x-acs-version": "2015-05-01", "x-acs-action": "ListRoles",
             "x-acs-date": "2026-11-22T10:00:00Z", "x-acs-signature-nonce": "ramp-vector-nonce-0003",
             "x-acs-content-sha256": hashlib.sha256(b"").hexdigest()},
            "", "LTAI5tRampVectorKey", SECRET, "GET; string-ordered Tag keys; empty value kept as `Marker=`"),
    v3_case("ramp_v3_header_whitespace_and_case_merge", "POST", "/",
            {"UserName": "émoji 😀 *~"},
            {"host": "ram.aliyuncs.com", "x-acs-version": "2015-05-01", "x-acs-action": "CreateUser",
             "x-acs-date": "2026-11-22T10:00:00Z", "x-acs-signature-nonce": "ramp-vector-nonce-0004",
             "x-acs-content-sha256": hashlib.sha256(b"").hexdigest(),
             "X-Acs-Meta": "  padded value  ", "x-acs-META": "b-second", "accept": "application/json"},
            "", "LTAI5tRampVectorKey", SECRET, "header values trimmed; same-name headers in different case merged as sorted a,b"),
]

for fname, cases in (("rpc-v1-hmac-sha1.json", v1), ("acs3-hmac-sha256.json", v3)):
    with open(os.path.join(HERE, fname), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to vectors/{fname}")
