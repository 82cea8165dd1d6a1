"""Starts `ramp serve` on a free loopback port and reads the seed it prints."""

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
            m = re.match(r"\s+account (\d{16})", line)
            if m:
                self.accounts.append({"id": m.group(1), "rgs": []})
            m = re.search(r"RAM user (\S+) .*AccessKeyId (\S+)\s+AccessKeySecret (\S+)", line)
            if m:
                self.accounts[-1]["admin"] = (m.group(2), m.group(3))
            m = re.search(r"account root:\s+AccessKeyId (\S+)\s+AccessKeySecret (\S+)", line)
            if m:
                self.accounts[-1]["root"] = (m.group(1), m.group(2))
            m = re.search(r"resource group \S+: (rg-\S+)", line)
            if m:
                self.accounts[-1]["rgs"].append(m.group(1))
            if len(self.accounts) == 2 and "root" in self.accounts[1]:
                break  # the demo seed's last line
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
