// `make bench`: Ramp side by side with the tools people would use instead, in
// one run on one machine, written into BENCHMARKS.md between the bench
// markers (machine, versions, date, commands, medians and ratios).
//   cd tests && node bench/report.mjs
// Environment: ROUNDS (7), MS (200: one round's length), RAMP_PYTHON (the venv's
// python with the official SDKs), SKIP_LOAD=1 (leave out the sandbox, relay
// and app measurements, which take a few minutes).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, statSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { startBrowser } from '../e2e/harness.js';
import { wasmResults } from './timing.mjs';

const root = new URL('../../', import.meta.url).pathname;
const here = new URL('./', import.meta.url).pathname;
const whole = (name, fallback) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bench: ${name} must be a whole number of at least 1 (got "${process.env[name]}"), e.g. ${name}=${fallback}`);
  return n;
};
const ROUNDS = whole('ROUNDS', 7);
const MS = whole('MS', 200);
const python = process.env.RAMP_PYTHON ?? path.join(process.env.RAMP_TOOLS ?? `${os.homedir()}/.cache/ramp/tools`, 'venv/bin/python');
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'], ...opts });
const json = (cmd, args) => JSON.parse(run(cmd, args));
const shaNi = (() => { try { return /\bsha_ni\b/.test(readFileSync('/proc/cpuinfo', 'utf8')); } catch { return false; } })();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const step = (what) => console.error(`bench: ${what}`);

// ---- what every implementation signs ---------------------------------------
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ramp-bench-'));
const inputsFile = path.join(tmp, 'inputs.json');
writeFileSync(inputsFile, run('target/release/ramp-bench', ['inputs']));
const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
// Each pass measures every implementation for one round, and the passes
// alternate between them: when this shared machine slows down for a while,
// the slowdown lands on every implementation alike instead of on whichever
// one was running then, so the ratios hold better. Each runner calibrates
// again in every pass.
const oneRound = [inputsFile, '1', String(MS)];
const merge = (into, pass) => {
  if (!into) return pass;
  for (const [key, result] of Object.entries(pass.results)) into.results[key].perSecond.push(...result.perSecond);
  return into;
};
let native, node, nodeO3, nodeSdk, pythonSdk;
const chromium = {};
for (let pass = 1; pass <= ROUNDS; pass++) {
  step(`pass ${pass} of ${ROUNDS}: native, wasm in Node and in Chromium, the official Node and Python SDKs`);
  native = merge(native, json('target/release/ramp-bench', ['run', '--rounds', '1', '--ms', String(MS)]));
  node = merge(node, json('node', [path.join(here, 'wasm-node.mjs'), ...oneRound]));
  nodeO3 = merge(nodeO3, json('node', [path.join(here, 'wasm-node.mjs'), ...oneRound, 'ramp-bench-wasm-o3']));
  const inBrowser = await inChromium(['ramp-bench-wasm', 'ramp-bench-wasm-o3'], 1);
  chromium.shipped = merge(chromium.shipped, inBrowser.shipped);
  chromium.o3 = merge(chromium.o3, inBrowser.o3);
  chromium.version = inBrowser.version;
  nodeSdk = merge(nodeSdk, json('node', [path.join(here, 'sdk-node.mjs'), ...oneRound]));
  pythonSdk = merge(pythonSdk, json(python, [path.join(here, 'sdk_python.py'), ...oneRound]));
}

step('the access review: reading org seeds through ramp serve, then the model, findings and who-can natively and in Chromium');
const audit = (() => {
  const reads = [200, 2000].map((users) => JSON.parse(run('scripts/bench-audit.sh', [String(users), path.join(tmp, `org${users}.json`)])));
  const survey = path.join(tmp, 'org2000.json');
  return { reads, native: json('target/release/ramp-bench', ['audit', survey, '--rounds', String(ROUNDS), '--ms', String(MS)]), survey };
})();
audit.chromium = (await inChromium(['ramp-bench-wasm'], ROUNDS, readFileSync(audit.survey, 'utf8'))).shipped;

// Every implementation signed the same request to the same signature; the
// legacy SDKs (their own clock and nonce) are checked with Ramp's verifier.
const ramp = await import(new URL('target/ramp-js/ramp.js', `file://${root}`));
ramp.initSync({ module: readFileSync(path.join(root, 'target/ramp-js/ramp_bg.wasm')) });
const agreement = [];
for (const [host, key, scheme] of [
  [native, 'sign-V1', 'V1'], [native, 'sign-V3', 'V3'], [native, 'signer-V1', 'V1'], [native, 'signer-V3', 'V3'], [node, 'sign-V1', 'V1'], [node, 'js-sign-V3', 'V3'],
  [chromium.shipped, 'sign-V1', 'V1'], [nodeSdk, 'openapi-core-V1', 'V1'], [nodeSdk, 'openapi-core-V3', 'V3'],
  [nodeSdk, 'openapi-util-V1', 'V1'], [nodeSdk, 'openapi-util-V3', 'V3'], [pythonSdk, 'tea-openapi-V1', 'V1'],
  [pythonSdk, 'tea-openapi-V3', 'V3'], [nodeSdk, 'crypto-hmac-V1', 'V1'], [pythonSdk, 'hmac-V3', 'V3'],
]) {
  const out = host.results[key].output;
  if (out !== inputs[scheme].signature) throw new Error(`bench: ${host.host} ${key} signed ${out}, Ramp ${inputs[scheme].signature}: not the same input`);
  agreement.push(`${host.host}/${key}`);
}
const verifyUrl = (url) => {
  const u = new URL(url, 'http://ram.aliyuncs.com');
  return ramp.verify({ method: 'GET', path: u.pathname, query: u.search.slice(1), headers: { host: u.host } }, inputs.accessKeySecret);
};
verifyUrl(nodeSdk.popCoreUrl);
verifyUrl(pythonSdk.legacyUrl);

step('weight');
const weight = await weigh();
let load = null;
if (process.env.SKIP_LOAD !== '1') {
  step('the sandbox under load');
  const sandbox = run('scripts/load-sandbox.sh', ['5', '32']);
  step('durable writes at 20 and 20,000 users');
  const durable = run('scripts/load-sandbox.sh', ['5', '32'], { env: { ...process.env, RAMP_LOAD_STATE: 'durable' } });
  step('the relay vs nginx');
  const relay = run('scripts/bench-relay.sh', ['5', '100', '3']);
  step('the app in Chromium (bench-web)');
  run('node', [path.join(here, 'web.mjs')], { cwd: path.join(root, 'tests'), env: { ...process.env, RAMP_BIN: '../target/release/ramp', RAMP_DIST: '../dist' } });
  load = { sandbox, durable, relay };
}
writeReport();
console.error('bench: BENCHMARKS.md written');

// ---- Chromium: the same runner, served from loopback -------------------------
// With `survey` (a saved survey's JSON), the audit workloads over it instead.
async function inChromium(builds, rounds, survey = null) {
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html' };
  const server = createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const allowed = p === '/' || p.startsWith('/target/') || p.startsWith('/tests/bench/');
    const file = path.join(root, p === '/' ? 'tests/bench/peers/blank.html' : p);
    if (!allowed || !file.startsWith(root)) { res.writeHead(404).end(); return; }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch { res.writeHead(404).end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await startBrowser();
  const out = {};
  try {
    for (const build of builds) {
      const page = await browser.newPage();
      await page.goto(`${base}/`);
      out[build === 'ramp-bench-wasm' ? 'shipped' : 'o3'] = {
        host: `chromium (${build})`,
        results: await page.evaluate(async ({ build, inputs, opts, survey }) => {
          const bench = await import(`/target/${build}/ramp_bench.js`);
          await bench.default({ module_or_path: `/target/${build}/ramp_bench_bg.wasm` });
          const { wasmResults, measure } = await import('/tests/bench/timing.mjs');
          if (survey) {
            bench.auditLoad(survey);
            const results = {};
            for (const name of ['audit-model-findings', 'audit-who-can']) results[name] = await measure((n) => bench.auditRun(name, n), opts);
            return results;
          }
          const ramp = await import('/target/ramp-js/ramp.js');
          await ramp.default({ module_or_path: '/target/ramp-js/ramp_bg.wasm' });
          return wasmResults(bench, ramp, inputs, opts);
        }, { build, inputs, opts: { rounds, ms: MS }, survey }),
      };
      await page.close();
    }
    out.version = browser.version();
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

// ---- weight in the browser ---------------------------------------------------
async function weigh() {
  const { build } = await import(path.join(here, 'node_modules/esbuild/lib/main.js'));
  const result = await build({
    entryPoints: [path.join(here, 'peers/ram-sts-entry.mjs')], bundle: true, minify: true, format: 'esm',
    platform: 'browser', write: false, logLevel: 'error', metafile: true,
    // Node's built-ins (http, https, crypto, stream…) are left out: a browser
    // would need polyfills on top, so the SDK's figure is a lower bound.
    external: builtinModules.flatMap((m) => [m, `node:${m}`]),
  });
  const code = result.outputFiles[0].contents;
  const gz = (buf) => gzipSync(buf, { level: 9 }).length;
  const files = (dir) => readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
  const dist = path.join(root, 'dist');
  const all = files(dist);
  // The three figures `make test` budgets, as scripts/size-budget.sh counts them.
  const budget = run('scripts/size-budget.sh', ['dist', '100000', '100000', '100000']);
  const figure = (name) => Number(budget.match(new RegExp(`^${name} \\((\\d+) files\\)\\s+(\\d+)`, 'm'))[2]);
  const wasm = Object.fromEntries(all.filter((f) => f.endsWith('.wasm')).map((f) => [recordName(path.relative(dist, f)), statSync(f).size]));
  return {
    sdk: { bytes: code.length, gzip: gz(code), modules: Object.keys(result.metafile.inputs).length },
    initial: figure('first download'), embedded: figure('embedded flow'), whole: figure('whole app'), files: all.length, wasm,
  };
}

// The wasm record's name of a built file: hashes dropped.
function recordName(file) {
  return file.replace(/-[0-9a-f]{16}(_bg\.wasm)$/, '$1');
}

// Durable writes at 20 and 20,000 users: within 20% of each other?
function durableVerdict(table) {
  const rate = (size) => Number(table.match(new RegExp(`\\| at ${size} users \\| (\\d+)`))?.[1]);
  const [small, large] = [rate(20), rate(20000)];
  const gap = Math.abs(small - large) / Math.max(small, large);
  return `${gap <= 0.2 ? 'met' : 'not met'} (${small.toLocaleString('en')} and ${large.toLocaleString('en')}/s, ${(gap * 100).toFixed(0)}% apart)`;
}

// "ramp relay / nginx throughput: 0.74" in scripts/bench-relay.sh's output.
function relayVerdict(text) {
  const share = Number(text.match(/ramp relay \/ nginx throughput: ([\d.]+)/)?.[1]);
  return `${share >= 0.8 ? '**met**' : '**not met**'} — ${share.toFixed(2)}`;
}

// ---- the report --------------------------------------------------------------
function writeReport() {
  const ops = (host, key) => median(host.results[key].perSecond);
  const ms = (perSecond) => `${(1000 / perSecond).toFixed(1)} ms`;
  const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en') : x.toFixed(1));
  const us = (x) => (1e6 / x).toFixed(2);
  const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
  const spread = (host, key) => { const xs = host.results[key].perSecond; return `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`; };
  const row = (label, host, key, base) => `| ${label} | ${fmt(ops(host, key))} | ${us(ops(host, key))} | ${spread(host, key)} | ${base ? ratio(ops(native, base), ops(host, key)) : '1.0×'} |`;
  const versions = {
    rustc: run('rustc', ['--version']).trim(), node: process.version, chromium: chromium.version,
    python: pythonSdk.versions.python, ...nodeSdk.versions,
    'alibabacloud-tea-openapi': pythonSdk.versions['alibabacloud-tea-openapi'],
    'aliyun-python-sdk-core': pythonSdk.versions['aliyun-python-sdk-core'],
    esbuild: JSON.parse(readFileSync(path.join(here, 'node_modules/esbuild/package.json'), 'utf8')).version,
    '@alicloud/ram20150501': JSON.parse(readFileSync(path.join(here, 'node_modules/@alicloud/ram20150501/package.json'), 'utf8')).version,
    '@alicloud/sts20150401': JSON.parse(readFileSync(path.join(here, 'node_modules/@alicloud/sts20150401/package.json'), 'utf8')).version,
  };
  // One row per implementation; the legacy SDKs sign V1 only.
  const signers = [
    ['Ramp, ramp-core native', native, 'sign'],
    ["Ramp native, the signer's steps alone (common parameters/headers given, as the SDK signers below are timed)", native, 'signer'],
    ['Ramp, ramp-core wasm as shipped, Node', node, 'sign'],
    ['Ramp, ramp-core wasm as shipped, Chromium', chromium.shipped, 'sign'],
    ['Ramp, ramp-core wasm speed-optimised, Node', nodeO3, 'sign'],
    ['Ramp, ramp-core wasm speed-optimised, Chromium', chromium.o3, 'sign'],
    ['Ramp, ramp-js `sign()` called from JS (Node; objects in and out)', node, 'js-sign'],
    [`Node SDK: @alicloud/openapi-core ${versions['@alicloud/openapi-core']} (the current RAM/STS clients' signer)`, nodeSdk, 'openapi-core'],
    [`Node SDK: @alicloud/openapi-util ${versions['@alicloud/openapi-util']} (@alicloud/openapi-client's)`, nodeSdk, 'openapi-util'],
    [`Node SDK: @alicloud/pop-core ${versions['@alicloud/pop-core']} (legacy; its whole request() with the transport stubbed)`, nodeSdk, 'pop-core'],
    [`Python SDK: alibabacloud-tea-openapi ${versions['alibabacloud-tea-openapi']}`, pythonSdk, 'tea-openapi'],
    [`Python SDK: aliyun-python-sdk-core ${versions['aliyun-python-sdk-core']} (legacy, get_signed_url)`, pythonSdk, 'legacy-core'],
    ['floor: the HMAC alone (and its Base64/hex), Rust, the same crates', native, 'hmac'],
    ['floor: the same HMAC alone, wasm as shipped, Chromium', chromium.shipped, 'hmac'],
    ['floor: node:crypto HMAC alone', nodeSdk, 'crypto-hmac'],
    ['floor: Python hmac/hashlib alone', pythonSdk, 'hmac'],
  ];
  const signingTable = (scheme, algorithm) => [
    `| ${scheme} (${algorithm}) | signatures/s | µs each | range | Ramp ÷ it |`,
    '|---|---:|---:|---:|---:|',
    ...signers.filter(([, host, key]) => host.results[`${key}-${scheme}`])
      .map(([label, host, key]) => row(label, host, `${key}-${scheme}`, host === native && key === 'sign' ? null : `sign-${scheme}`)),
    '',
  ];
  const target = (met, text) => `${met ? '**met**' : '**not met**'} — ${text}`;
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB (${bytes.toLocaleString('en')} bytes)`;
  const rampOps = { V1: ops(native, 'sign-V1'), V3: ops(native, 'sign-V3') };
  // Ramp native over `other`, each scheme on its own: "V1 **met** (26.4×), V3 **not met** (14.9×)".
  const each = (other, met) => ['V1', 'V3'].map((s) => `${s} ${met(rampOps[s] / other[s]) ? '**met**' : '**not met**'} (${ratio(rampOps[s], other[s])})`).join(', ');
  const best = (host, keys) => Math.max(...keys.map((k) => ops(host, k)));
  const py = { V1: best(pythonSdk, ['tea-openapi-V1', 'legacy-core-V1']), V3: ops(pythonSdk, 'tea-openapi-V3') };
  const js = { V1: best(nodeSdk, ['openapi-core-V1', 'openapi-util-V1', 'pop-core-V1']), V3: best(nodeSdk, ['openapi-core-V3', 'openapi-util-V3']) };
  const chromeShipped = { V1: ops(chromium.shipped, 'sign-V1'), V3: ops(chromium.shipped, 'sign-V3') };
  const chromeO3 = { V1: ops(chromium.o3, 'sign-V1'), V3: ops(chromium.o3, 'sign-V3') };
  const lines = [
    `Generated by \`make bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — one run, one machine: ${os.cpus().length}× ${os.cpus()[0].model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}. Absolute times on this shared machine drift between runs; the ratios, measured in the same run, are what to compare. Every figure is the median of ${ROUNDS} rounds of about ${MS} ms each (after calibration), for every implementation alike, taken in ${ROUNDS} passes that alternate between the implementations (one round of each per pass), so that the machine's drift during the run lands on all of them alike.`,
    '',
    'Versions: ' + Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(' · ') + '.',
    '',
    'Commands: `make bench` = `cargo build --release -p ramp-bench -p ramp` + `scripts/build-bench-wasm.sh` (as shipped: opt-level "z", wasm-opt -Oz) + `scripts/build-bench-wasm.sh speed` (opt-level 3, wasm-opt -O3) + `npm ci` in tests/bench (the Node SDKs and esbuild, pinned in its package-lock.json; the Python SDKs are pinned in tests/compat/requirements.txt) + `node tests/bench/report.mjs`. `ROUNDS=… MS=…` change the counts; `SKIP_LOAD=1` leaves out the sandbox, relay and app parts.',
    '',
    '### 1. Signing a RAM `CreateUser` (5 parameters), same inputs everywhere',
    '',
    `The same query, headers, key, time and nonce for every signer (\`ramp-bench inputs\`), and the run stops unless they all produce Ramp's signature: ${agreement.length} implementations agreed, for V1 and V3. pop-core and aliyun-python-sdk-core set their own time and nonce; their signed URLs pass Ramp's verifier. "Ramp ÷ it" is Ramp native's speed over that implementation's.`,
    '',
    ...signingTable('V1', 'HMAC-SHA1'),
    ...signingTable('V3', 'ACS3-HMAC-SHA256'),
    'Targets (against the fastest official implementation of each language):',
    '',
    `- at least 20× the Python SDK: ${each(py, (r) => r >= 20)}`,
    `  - the same steps only (Ramp's signer from the common parameters/headers already set, as the SDKs' signers are timed; not used for the verdicts): ${['V1', 'V3'].map((s) => `${s} ${ratio(ops(native, `signer-${s}`), py[s])}`).join(', ')} the Python SDK, ${['V1', 'V3'].map((s) => `${s} ${ratio(ops(native, `signer-${s}`), js[s])}`).join(', ')} the Node SDK`,
    `- at least 3× the Node SDK: ${each(js, (r) => r >= 3)}`,
    `- wasm in Chromium within 2× of native (how many times faster native is): as shipped ${each(chromeShipped, (r) => r <= 2)}; speed-optimised ${each(chromeO3, (r) => r <= 2)}`,
    '',
    `The hash alone sets a floor under the last target: the same HMAC is ${['V1', 'V3'].map((s) => `${s} ${ratio(ops(native, `hmac-${s}`), ops(chromium.shipped, `hmac-${s}`))}`).join(', ')} slower in wasm than native, because the native build of the \`sha1\`/\`sha2\` crates uses the CPU's SHA instructions when it has them (this one: ${shaNi ? 'yes' : 'no'}, \`sha_ni\` in /proc/cpuinfo) and wasm32 has none. V3 also hashes its canonical request with SHA-256 before the HMAC, so the hash weighs more in V3.`,
    '',
    '### 2. Weight in the browser',
    '',
    '| what | gzip -9 bytes |',
    '|---|---:|',
    `| Ramp, the first download (what the first page fetches: the shell) | ${weight.initial.toLocaleString('en')} |`,
    `| Ramp, an embedded \`<ramp-wizard>\` showing one flow: all it downloads (ramp-embed.js, the pages module with the engine, styles) | ${weight.embedded.toLocaleString('en')} |`,
    `| Ramp, the whole app: all ${weight.files} built files (shell, pages module with the engine, styles, ramp-embed.js, service worker) | ${weight.whole.toLocaleString('en')} |`,
    `| official JS SDK, RAM + STS clients alone (@alicloud/ram20150501 + @alicloud/sts20150401, ${weight.sdk.modules} modules, esbuild --bundle --minify for the browser; ${weight.sdk.bytes.toLocaleString('en')} bytes before gzip; Node built-ins left out, so a lower bound) | ${weight.sdk.gzip.toLocaleString('en')} |`,
    '',
    `Targets: the whole app at most 500 KB: ${target(weight.whole <= 500 * 1024, kb(weight.whole))}; the first download at most 160 KB: ${target(weight.initial <= 160 * 1024, kb(weight.initial))}; an embedded flow at most 300 KB: ${target(weight.embedded <= 300 * 1024, kb(weight.embedded))}. Against the SDK: the whole app is ${(weight.whole / weight.sdk.gzip).toFixed(2)}× the RAM + STS clients' weight, the first download ${(weight.initial / weight.sdk.gzip).toFixed(2)}×. What stops the rest: see below.`,
    '',
    'Where the weight is, and what was tried (`scripts/weight-breakdown.sh`, twiggy, before wasm-opt; 2026-12-04): the shell is Yew 23%, Rust\'s std 20%, the sign-in (Credentials page, ramp-sign, transport) 18% and strings 12%, so the first download cannot reach 160 KB without replacing Yew or splitting the sign-in off the first page; the pages module is std\'s generic code instantiated for ramp-core\'s types (sorting, BTreeMap, Rc) 16%, serde and serde_json 10%, strings (English and Chinese) 10%, Yew 8%, and ramp-core, the engine and the pages\' own views the rest, so an embedded flow under 300 KB would take a module per flow and hand-written serialization in place of serde\'s derives. Tried: the engine folded into the pages module (one std, serde_json and ramp-core per page: −235 KB gzip on every flow page and the embedded element, −200 KB on the whole app; kept); wasm-opt `--converge`, `--gufa`, `--low-memory-unused`, `-O3` (at most 1%; not kept).',
    '',
    '### 3. Policy engine',
    '',
    '| operation | native | wasm as shipped, Node | as shipped, Chromium | speed-optimised, Chromium |',
    '|---|---:|---:|---:|---:|',
    ...[['parse + lint a 6,144-character policy (per second)', 'lint'], ['evaluations per second, identity with 10 attached policies', 'evaluate']].map(([label, key]) =>
      `| ${label} | ${fmt(ops(native, key))} | ${fmt(ops(node, key))} (${ratio(ops(native, key), ops(node, key))} slower) | ${fmt(ops(chromium.shipped, key))} (${ratio(ops(native, key), ops(chromium.shipped, key))}) | ${fmt(ops(chromium.o3, key))} (${ratio(ops(native, key), ops(chromium.o3, key))}) |`),
    '',
    `Targets, native: parse + lint of the 6,144-character policy at most 100 µs: ${target(1e6 / ops(native, 'lint') <= 100, `${(1e6 / ops(native, 'lint')).toFixed(1)} µs`)}; one evaluation with 10 attached policies at most 1.5 µs: ${target(1e6 / ops(native, 'evaluate') <= 1.5, `${(1e6 / ops(native, 'evaluate')).toFixed(2)} µs`)}.`,
    '',
    ...(load ? [
      '### 4. Sandbox (`scripts/load-sandbox.sh 5 32`: signed requests over loopback)', '', load.sandbox.trim(), '',
      'Durable writes with `--state` (`RAMP_LOAD_STATE=durable scripts/load-sandbox.sh 5 32`; SQLite, one row per entity, each answer sent once its commit is fsynced; 5,000 durable `UpdateUser`s warm the new database first, whose first commits also grow its write-ahead log):', '',
      load.durable.trim(), '',
      `Target: durable \`CreateUser\`/s at 20 and at 20,000 users within 20% of each other: ${durableVerdict(load.durable)}.`, '',
      '### 5. Relay vs nginx (`scripts/bench-relay.sh 5 100 3`)', '', load.relay.trim(), '',
      `Target: the relay at least 0.8 of nginx's throughput: ${relayVerdict(load.relay)}. The relay's security limits stay on in this run (the framing, size and time limits, the body read in full before an upstream slot is taken, the origin check, one log line and the metrics per request), except the per-client rate limit, off (\`--rate-per-client 0\`) because wrk is one client. A perf profile under this load (2026-12-04) is flat: 46% in the kernel (sockets, task switches), no user-space function above 1.5%; the native allocator is already mimalloc. What is left is spread over hyper, axum and the checks.`, '',
      '### 6. App', '', 'Time to first render and to interactive in headless Chromium: see "The app in the browser" below (`make bench-web`, run by `make bench`).', '',
    ] : ['Sandbox, relay and app: left out of this run (`SKIP_LOAD=1`).', '']),
    '### 7. Access review (`scripts/bench-audit.sh USERS FILE`, `ramp-bench audit FILE`)',
    '',
    'An org seed (`ramp serve --seed org:N`: teams, roles trusted by other accounts, resource-group grants, stale keys) read through `ramp serve` by `ramp audit --endpoint` (the release build, several calls in flight); then the access model with every finding, and one who-can question (`arms:UpdatePrometheusInstance` on `*`), over the 2,000-user survey saved by that read.',
    '',
    '| measure | figure | target |',
    '|---|---:|---|',
    ...audit.reads.map((r) => `| reading a ${r.users.toLocaleString('en')}-user account (${r.principals.toLocaleString('en')} principals) | ${r.calls.toLocaleString('en')} calls, ${r.seconds.toFixed(1)} s; ${r.callsPerPrincipal.toFixed(2)} calls per principal | calls per principal do not grow with the account: ${target(audit.reads.every((x) => x.callsPerPrincipal <= audit.reads[0].callsPerPrincipal * 1.05), audit.reads.map((x) => x.callsPerPrincipal.toFixed(2)).join(' → '))} |`),
    `| access model + all findings, 2,000 users, native | ${ms(ops(audit.native, 'audit-model-findings'))} | at most 50 ms: ${target(1000 / ops(audit.native, 'audit-model-findings') <= 50, ms(ops(audit.native, 'audit-model-findings')))} |`,
    `| the same, wasm as shipped, Chromium | ${ms(ops(audit.chromium, 'audit-model-findings'))} | under 300 ms: ${target(1000 / ops(audit.chromium, 'audit-model-findings') < 300, ms(ops(audit.chromium, 'audit-model-findings')))} |`,
    `| who-can, native | ${ms(ops(audit.native, 'audit-who-can'))} | under 10 ms: ${target(1000 / ops(audit.native, 'audit-who-can') < 10, ms(ops(audit.native, 'audit-who-can')))} |`,
    `| who-can, wasm as shipped, Chromium | ${ms(ops(audit.chromium, 'audit-who-can'))} | |`,
    '',
    '### The wasm record',
    '',
    '`make test` fails when a release wasm is more than 10% larger than recorded here (`scripts/wasm-growth.sh`); a change that grows it on purpose updates this record (`make bench`, or by hand) in the same commit.',
    '',
    ...Object.entries(weight.wasm).sort().map(([f, n]) => `<!-- wasm-record ${f} ${n} -->`),
    '',
    '| release wasm | bytes |',
    '|---|---:|',
    ...Object.entries(weight.wasm).sort().map(([f, n]) => `| ${f} | ${n.toLocaleString('en')} |`),
  ];
  const file = path.join(root, 'BENCHMARKS.md');
  const md = readFileSync(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const block = `${start}\n${lines.join('\n')}\n${end}`;
  writeFileSync(file, md.includes(start)
    ? md.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block)
    : md.replace(/\n## /, () => `\n## Ramp and the alternatives, side by side (\`make bench\`)\n\n${block}\n\n## `));
}
