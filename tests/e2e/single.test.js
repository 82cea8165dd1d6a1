// `make dist-single`: the one-file build opened from file:// (no server at
// all) runs the studio — a trust policy authored, linted, simulated, exported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBrowser, watchProblems, artifacts, assumeAllowedThenExport } from './harness.js';

const single = path.resolve(process.env.RAMP_SINGLE ?? '../dist-single/ramp.html');
let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

test('the single-file build runs the studio and the flow pages from file://', async () => {
  assert.ok(existsSync(single), `${single} is missing: make dist-single`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await context.setOffline(true);
  await page.goto(`${pathToFileURL(single).href}#/studio`);
  await page.getByTestId('studio').waitFor();
  await page.getByTestId('decision').waitFor({ timeout: 20000 });
  await page.getByTestId('template').selectOption('trust-account');
  await page.getByTestId('kind-detected').filter({ hasText: 'trust policy' }).waitFor();
  // Break it: the engine's finding names the line.
  const text = await page.getByTestId('policy-text').inputValue();
  await page.getByTestId('policy-text').fill(text.replace('"Allow"', '"Permit"'));
  await page.getByTestId('findings').filter({ hasText: /E00\d/ }).waitFor();
  await page.getByTestId('policy-text').fill(text);
  const exported = await assumeAllowedThenExport(page);
  assert.equal(exported.Statement[0].Condition.StringEquals['sts:ExternalId'], 'ramp-example-external-id');
  await page.getByTestId('lang-switch').click();
  await page.getByText('模拟请求').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'single-file-studio-zh.png'), fullPage: true });
  // The flow pages come from the inlined flows module too.
  await page.goto(`${pathToFileURL(single).href}#/team-group`);
  await page.getByTestId('step-heading').filter({ hasText: '1 / ' }).waitFor({ timeout: 20000 });
  // It is for offline authoring: its CSP forbids any network access.
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
    fetch('http://127.0.0.1:9/').catch(() => {});
    setTimeout(() => resolve('no violation'), 3000);
  }));
  assert.equal(blocked, 'connect-src');
  // With no server, only the /api/info probe may fail.
  assert.deepEqual(problems.filter((p) => !/api\/info|Failed to load resource|ERR_FILE_NOT_FOUND|ERR_INTERNET_DISCONNECTED|sw\.js|127\.0\.0\.1:9\/|connect-src|worker-src/.test(p)), []);
  await context.close();
});
