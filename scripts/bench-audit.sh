#!/usr/bin/env bash
# The access review's read, timed: starts a release `ramp serve --seed org:USERS`
# on loopback, reads account A with `ramp audit --endpoint` (its admin's key),
# saves the survey to OUT, and prints one JSON line: users, principals, calls,
# seconds and calls per principal.
# Usage: scripts/bench-audit.sh USERS OUT
set -euo pipefail
cd "$(dirname "$0")/.."
users="${1:?usage: scripts/bench-audit.sh USERS OUT}"; out="${2:?usage: scripts/bench-audit.sh USERS OUT}"
cargo build -q --release -p ramp
tmp=$(mktemp -d); trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkdir "$tmp/dist"; echo '<html></html>' > "$tmp/dist/index.html"
./target/release/ramp serve --bind 127.0.0.1:0 --dist "$tmp/dist" --seed "org:$users" > "$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 300); do grep -q "^Ramp is serving" "$tmp/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.log" | head -1)
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; exit 1; }
info=$(curl -sf "$url/api/info")
key() { node -e 'const i = JSON.parse(process.argv[1]); console.log(i.accounts[0].admin[process.argv[2]])' "$info" "$1"; }
ALIBABA_CLOUD_ACCESS_KEY_ID=$(key access_key_id) ALIBABA_CLOUD_ACCESS_KEY_SECRET=$(key access_key_secret) \
  ./target/release/ramp audit --endpoint "$url" --save "$out" --format json > /dev/null 2> "$tmp/audit.log" || [ $? = 1 ]
line=$(grep -o 'in [0-9]* calls, [0-9.]* s' "$tmp/audit.log") || { cat "$tmp/audit.log" >&2; exit 1; }
node -e '
  const [users, line, file] = process.argv.slice(1);
  const [, calls, seconds] = line.match(/in (\d+) calls, ([\d.]+) s/);
  const a = JSON.parse(require("fs").readFileSync(file, "utf8"));
  const principals = Object.keys(a.users).length + Object.keys(a.groups).length + Object.keys(a.roles).length;
  console.log(JSON.stringify({ users: Number(users), principals, calls: Number(calls), seconds: Number(seconds), callsPerPrincipal: Number(calls) / principals }));
' "$users" "$line" "$out"
