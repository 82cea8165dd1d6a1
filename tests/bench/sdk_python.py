"""The official Alibaba Cloud Python SDKs signing the same CreateUser as Ramp
(the inputs `ramp-bench inputs` prints), timed the way every other runner of
`make bench` times (calibrate to a round of about MS milliseconds, then ROUNDS
rounds; operations per second per round). Prints
{"host": "python-sdk", "versions": {...}, "results": {...}}.

    python sdk_python.py INPUTS.json [ROUNDS] [MS]

- alibabacloud-tea-openapi: the signer of the current clients
  (alibabacloud-ram20150501, -sts20150401): the query/headers merge the client
  does, then Utils.get_rpcsignature (V1) or hash + Utils.get_authorization (V3).
- aliyun-python-sdk-core (legacy): rpc_signature_composer.get_signed_url, which
  sets its own time and nonce, so its output is checked by Ramp's verifier.
- hmac + hashlib over the same string to sign: the floor in Python.
"""

import base64
import hashlib
import hmac
import json
import sys
import time
from importlib.metadata import version
from types import SimpleNamespace

from alibabacloud_tea_openapi.utils import Utils
from aliyunsdkcore.auth.composer import rpc_signature_composer


def measure(fn, rounds, ms):
    n = 1
    while True:
        t = time.perf_counter()
        fn(n)
        took = (time.perf_counter() - t) * 1000
        if took >= ms / 4 or n >= 2**30:
            n = max(1, round(n * ms / max(took, 0.001)))
            break
        n *= 4
    per_second, output = [], ""
    for _ in range(rounds):
        t = time.perf_counter()
        output = str(fn(n))
        per_second.append(n / (time.perf_counter() - t))
    return {"perSecond": per_second, "output": output}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        inputs = json.load(f)
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    ms = float(sys.argv[3]) if len(sys.argv) > 3 else 200
    ak, secret = inputs["accessKeyId"], inputs["accessKeySecret"]
    v1, v3 = inputs["V1"], inputs["V3"]

    def tea_v1(n):
        last = None
        for _ in range(n):
            query = dict(v1["query"])
            last = Utils.get_rpcsignature(query, v1["method"], secret)
        return last

    def tea_v3(n):
        last = None
        for _ in range(n):
            headers = dict(v3["headers"])
            payload = Utils.hash(b"", "ACS3-HMAC-SHA256").hex()
            headers["x-acs-content-sha256"] = payload
            request = SimpleNamespace(method=v3["method"], pathname=v3["path"], headers=headers, query=dict(v3["query"]))
            last = Utils.get_authorization(request, "ACS3-HMAC-SHA256", payload, ak, secret).split("Signature=")[1]
        return last

    params = {k: v1["query"][k] for k in ("Action", "Version", "UserName", "DisplayName", "Email", "MobilePhone", "Comments")}
    legacy_url = {}

    def legacy_v1(n):
        for _ in range(n):
            url, _ = rpc_signature_composer.get_signed_url(dict(params), ak, secret, "JSON", "GET", {})
        legacy_url["url"] = url
        return url.split("Signature=")[1]

    def hmac_v1(n):
        last = None
        key, message = (secret + "&").encode(), v1["stringToSign"].encode()
        for _ in range(n):
            last = base64.b64encode(hmac.new(key, message, hashlib.sha1).digest()).decode()
        return last

    def hmac_v3(n):
        last = None
        key, message = secret.encode(), v3["stringToSign"].encode()
        for _ in range(n):
            last = hmac.new(key, message, hashlib.sha256).hexdigest()
        return last

    results = {
        "tea-openapi-V1": measure(tea_v1, rounds, ms),
        "tea-openapi-V3": measure(tea_v3, rounds, ms),
        "legacy-core-V1": measure(legacy_v1, rounds, ms),
        "hmac-V1": measure(hmac_v1, rounds, ms),
        "hmac-V3": measure(hmac_v3, rounds, ms),
    }
    versions = {p: version(p) for p in ("alibabacloud-tea-openapi", "aliyun-python-sdk-core")}
    versions["python"] = sys.version.split()[0]
    print(json.dumps({"host": "python-sdk", "versions": versions, "legacyUrl": legacy_url["url"], "results": results}))


if __name__ == "__main__":
    main()
