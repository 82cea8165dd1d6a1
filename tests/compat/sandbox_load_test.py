"""Concurrency and durability of `ramp serve`'s sandbox over real HTTP, with
the official Python SDK as the client."""

import json
import os
import tempfile
import threading
import time
import unittest

from alibabacloud_ram20150501 import models as ram_models
from alibabacloud_ram20150501.client import Client as RamClient
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_util import models as util_models

from server import Server

CONFIG = {
    "accounts": [
        {"id": "1680000000000001", "alias": "ramp-load-a", "users-quota": 5000},
        {"id": "1680000000000002", "alias": "ramp-load-b"},
    ]
}
# One attempt, short timeouts: a refused or cut connection is an answer too.
RUNTIME = util_models.RuntimeOptions(autoretry=False, max_attempts=0, connect_timeout=5000, read_timeout=20000)


def config_file():
    path = os.path.join(tempfile.mkdtemp(prefix="ramp-load-"), "sandbox.json")
    with open(path, "w") as f:
        json.dump(CONFIG, f)
    return path


def ram(server):
    key = server.accounts[0]["admin"]
    return RamClient(open_api_models.Config(
        access_key_id=key[0], access_key_secret=key[1], endpoint=server.endpoint, protocol="http"))


def all_users(client):
    names, marker = [], None
    while True:
        page = client.list_users(ram_models.ListUsersRequest(max_items=1000, marker=marker)).body
        names += [u.user_name for u in page.users.user]
        if not page.is_truncated:
            return names
        marker = page.marker


# At most this many calls open at once: `ramp serve` answers 503 to a client
# address holding more than 256 open connections (its slow-loris cap), and
# one machine's threads all come from 127.0.0.1.
OPEN_AT_ONCE = 200


def run_concurrently(n, work):
    """Starts n threads that begin together, at most OPEN_AT_ONCE calling at
    a time; returns their results."""
    barrier = threading.Barrier(n)
    gate = threading.BoundedSemaphore(OPEN_AT_ONCE)
    results = [None] * n

    def one(i):
        barrier.wait()
        with gate:
            try:
                results[i] = ("ok", work(i))
            except Exception as e:  # the SDK's exception carries the service's code
                results[i] = ("error", getattr(e, "code", repr(e)))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


class Concurrency(unittest.TestCase):
    def setUp(self):
        self.server = Server("--sandbox-config", config_file())

    def tearDown(self):
        self.server.stop()

    def test_a_thousand_distinct_creates_make_a_thousand_users(self):
        results = run_concurrently(1000, lambda i: ram(self.server).create_user_with_options(
            ram_models.CreateUserRequest(user_name=f"load-{i:04d}"), RUNTIME))
        failures = [r for r in results if r[0] != "ok"]
        self.assertEqual(failures, [])
        users = all_users(ram(self.server))
        self.assertEqual(len([u for u in users if u.startswith("load-")]), 1000)
        self.assertEqual(len(set(users)), len(users))

    def test_a_hundred_creates_of_one_name_make_one_user(self):
        results = run_concurrently(100, lambda i: ram(self.server).create_user_with_options(
            ram_models.CreateUserRequest(user_name="contended"), RUNTIME))
        self.assertEqual(sum(1 for r in results if r[0] == "ok"), 1)
        self.assertEqual(sorted(r[1] for r in results if r[0] == "error"), ["EntityAlreadyExists.User"] * 99)
        self.assertEqual(all_users(ram(self.server)).count("contended"), 1)


class Durability(unittest.TestCase):
    def test_kill_9_during_a_burst_loses_no_acknowledged_write(self):
        state = os.path.join(tempfile.mkdtemp(prefix="ramp-durability-"), "state.json")
        server = Server("--sandbox-config", config_file(), "--state", state)
        acknowledged, lock, stop = [], threading.Lock(), threading.Event()

        def writer(w):
            client = ram(server)
            i = 0
            while not stop.is_set() and i < 10_000:
                name = f"w{w}-{i}"
                i += 1
                try:
                    client.create_user_with_options(ram_models.CreateUserRequest(user_name=name), RUNTIME)
                except Exception:
                    return  # the server is gone
                with lock:
                    acknowledged.append(name)

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(16)]
        for t in threads:
            t.start()
        # Kill once a few hundred writes have been acknowledged, mid-burst.
        deadline = time.time() + 60
        while len(acknowledged) < 300 and time.time() < deadline:
            time.sleep(0.01)
        server.kill()
        stop.set()
        for t in threads:
            t.join(timeout=60)
        with lock:
            acked = set(acknowledged)
        self.assertGreaterEqual(len(acked), 300)

        server.start()
        try:
            users = set(all_users(ram(server)))
            lost = acked - users
            self.assertEqual(lost, set(), f"{len(lost)} acknowledged users were lost")
            print(f"\n  durability: {len(acked)} acknowledged before kill -9, {len(users)} users after restart, 0 lost")
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
