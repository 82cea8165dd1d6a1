// Starts `ramp serve` on a free loopback port and a headless Debian Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
export const artifacts = path.resolve(here, '..', 'artifacts');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer(extraArgs = [], fixedPort = null) {
  const bin = process.env.RAMP_BIN ?? '../target/debug/ramp';
  const dist = process.env.RAMP_DIST ?? '../dist';
  const port = fixedPort ?? await freePort();
  const child = spawn(bin, ['serve', '--bind', `127.0.0.1:${port}`, '--dist', dist, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`ramp serve exited: ${output}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        return { base, port, stop: () => { child.kill('SIGTERM'); return exited; } };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`ramp serve did not answer /healthz within 10 s: ${output}`);
}

export async function startBrowser() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

// Collects console errors, uncaught exceptions and CSP violations of a page.
export function watchProblems(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

// One `ramp serve` and one browser for a test file: registers the hooks and
// returns an object whose `server` and `browser` are set once they are up.
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await startBrowser();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

// A test-side V1 client (RPC, HMAC-SHA1) to prepare the sandbox, as any SDK would.
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
export async function callV1(base, key, action, version, params) {
  const all = {
    ...params, Action: action, Version: version, Format: 'JSON', AccessKeyId: key.access_key_id,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const canonical = Object.keys(all).sort().map((k) => `${enc(k)}=${enc(all[k])}`).join('&');
  const signature = createHmac('sha1', `${key.access_key_secret}&`).update(`POST&%2F&${enc(canonical)}`).digest('base64');
  const r = await fetch(`${base}/?${canonical}&Signature=${enc(signature)}`, { method: 'POST' });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  return body;
}


export async function noSecretsLeft(page, secrets) {
  const where = await page.evaluate(() => JSON.stringify({
    local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, url: location.href,
    history: history.length,
  }));
  for (const s of secrets) assert.ok(!where.includes(s), `a secret is in storage, cookies or the URL: ${where.slice(0, 200)}`);
}


// Signs in on the Credentials page with demo account `index`'s admin.
export async function signIn(page, base, index) {
  await page.goto(`${base}/#/credentials`);
  await page.getByTestId(`use-demo-${index}`).click();
  await page.getByTestId('identity-arn').waitFor({ timeout: 10000 });
}

// Presses a flow's "Next" and waits for the next step, whose heading has the focus.
export async function next(page) {
  const before = await page.getByTestId('step-heading').textContent();
  await page.getByTestId('next').click();
  await page.waitForFunction((b) => {
    const h = document.getElementById('step-heading');
    return h && h.textContent !== b && document.activeElement === h;
  }, before);
}

// In the studio, on the trust-account template: may bob of account …02 assume
// arms-viewer with the example ExternalId? Waits for Allow, exports the policy
// and returns the exported document.
export async function assumeAllowedThenExport(page) {
  await page.getByTestId('sim-caller').fill('user:1680000000000002/bob');
  await page.getByTestId('sim-action').fill('sts:AssumeRole');
  await page.getByTestId('sim-resource').fill('acs:ram::1680000000000001:role/arms-viewer');
  await page.getByTestId('sim-context').fill('sts:ExternalId=ramp-example-external-id');
  await page.getByTestId('decision-value').filter({ hasText: 'Allow' }).waitFor();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-policy').click()]);
  return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

// Runs axe-core on the page; returns the serious and critical violations as text.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export async function axeProblems(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
