// ramp-js in headless Chromium: a loopback page imports ramp.js as an ES
// module, `init()` fetches the wasm, and the same checks run in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { startBrowser } from '../e2e/harness.js';

const files = {
  '/ramp.js': [new URL('../../target/ramp-js/ramp.js', import.meta.url), 'text/javascript'],
  '/ramp_bg.wasm': [new URL('../../target/ramp-js/ramp_bg.wasm', import.meta.url), 'application/wasm'],
  '/checks.mjs': [new URL('./checks.mjs', import.meta.url), 'text/javascript'],
  '/rpc-v1-hmac-sha1.json': [new URL('../../vectors/official/rpc-v1-hmac-sha1.json', import.meta.url), 'application/json'],
  '/acs3-hmac-sha256.json': [new URL('../../vectors/official/acs3-hmac-sha256.json', import.meta.url), 'application/json'],
  '/': [null, 'text/html'],
};
let server;
let browser;
let base;
before(async () => {
  server = createServer((req, res) => {
    const [file, type] = files[req.url] ?? [];
    if (!type) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': type });
    res.end(file ? readFileSync(file) : '<!doctype html><title>ramp-js</title>');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await startBrowser();
});
after(async () => { await browser?.close(); server?.close(); });

test('chromium: every check passes in the browser', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  const results = await page.evaluate(async () => {
    const ramp = await import('/ramp.js');
    await ramp.default();
    const { checks } = await import('/checks.mjs');
    const vectors = await Promise.all(['/rpc-v1-hmac-sha1.json', '/acs3-hmac-sha256.json'].map((u) => fetch(u).then((r) => r.text())));
    const out = {};
    for (const [name, run] of Object.entries(checks(ramp, vectors))) {
      try { run(); out[name] = 'ok'; } catch (e) { out[name] = String(e.stack ?? e); }
    }
    return out;
  });
  assert.ok(Object.keys(results).length >= 7, JSON.stringify(results));
  for (const [name, r] of Object.entries(results)) assert.equal(r, 'ok', name);
  await page.close();
});
