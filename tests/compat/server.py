"""Starts `ramp serve` on a free loopback port and reads the seed it prints."""

import json
import os
import re
import signal
import subprocess
import tempfile
import threading

RAMP_BIN = os.environ.get("RAMP_BIN", "target/debug/ramp")


class Server:
    """A `ramp serve` process with the sandbox, on 127.0.0.1:<free port>."""

    def __init__(self, *extra):
        self.dist = tempfile.mkdtemp(prefix="ramp-compat-dist-")
        with open(os.path.join(self.dist, "index.html"), "w") as f:
            f.write("<html></html>")
        self.extra = list(extra)
        self.proc = None
        self.start()

    def start(self):
        self.proc = subprocess.Popen(
            [RAMP_BIN, "serve", "--bind", "127.0.0.1:0", "--dist", self.dist, *self.extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.accounts = []
        lines = []
        for line in self.proc.stdout:
            lines.append(line)
            m = re.search(r"at http://(127\.0\.0\.1:\d+)/", line)
            if m:
                self.endpoint = m.group(1)
            # The banner names the owner-only file with the demo keys (it prints none).
            m = re.match(r"Demo keys \([^)]*\): (\S+) \(owner only", line)
            if m:
                with open(m.group(1)) as f:
                    for a in json.load(f):
                        self.accounts.append({
                            "id": a["id"],
                            "admin": (a["admin"]["access_key_id"], a["admin"]["access_key_secret"]),
                            "root": (a["root"]["access_key_id"], a["root"]["access_key_secret"]),
                            "rgs": [rg for rg, _ in a["resource_groups"]],
                        })
                break
        else:
            raise RuntimeError("ramp serve stopped:\n" + "".join(lines))
        # Keep reading so the server never blocks on a full pipe.
        out = self.proc.stdout
        threading.Thread(target=lambda: [None for _ in out], daemon=True).start()

    def close_output(self):
        pass

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.close_output()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.close_output()
