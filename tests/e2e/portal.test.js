// Ramp embedded in a company portal on another origin: examples/portal/ is
// served from one loopback port, `ramp serve --allow-origin <portal>` from
// another. A team group is set up inside one <ramp-wizard>; the host page
// hears ramp-ready, ramp-step and ramp-applied (with the group's ARN, no
// secret); its own styles, URL and history stay as they were; a second
// element (the studio, in Chinese, dark) works on its own; mount()'s handle
// unmounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, startBrowser, freePort, artifacts, watchProblems, callV1 } from './harness.js';

const portalHtml = readFileSync(new URL('../../examples/portal/index.html', import.meta.url));
let portal;
let portalBase;
let ramp;
let browser;
before(async () => {
  const port = await freePort();
  portalBase = `http://127.0.0.1:${port}`;
  portal = createServer((req, res) => {
    if (req.url === '/favicon.ico') { res.writeHead(204).end(); return; }
    if (req.url.split('?')[0] !== '/') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(portalHtml);
  });
  await new Promise((r) => portal.listen(port, '127.0.0.1', r));
  ramp = await startServer(['--allow-origin', portalBase]);
  browser = await startBrowser();
});
after(async () => { await browser?.close(); ramp?.stop(); portal?.close(); });

test('a team group set up inside a portal on another origin', async () => {
  const info = await (await fetch(`${ramp.base}/api/info`)).json();
  const b = info.accounts[1];
  const page = await browser.newPage({ viewport: { width: 1440, height: 1200 }, acceptDownloads: true });
  const problems = watchProblems(page);
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${portalBase}/?ramp=${encodeURIComponent(ramp.base)}`);
  await page.waitForFunction(() => (window.rampEvents ?? []).filter((e) => e.name === 'ramp-ready').length >= 3, null, { timeout: 20000 });
  const before = await page.evaluate(() => ({
    url: location.href, history: history.length,
    h1: getComputedStyle(document.querySelector('main h1')).color,
    font: getComputedStyle(document.body).fontFamily,
    keys: Object.keys(localStorage).filter((k) => !k.startsWith('ramp.')),
  }));
  assert.equal(before.h1, 'rgb(128, 0, 128)');

  const group = page.locator('#group');
  await group.getByTestId('use-demo-1').click();
  await group.getByTestId('embed-signed-in').waitFor({ timeout: 10000 });
  await group.getByTestId('group').fill('portal-team');
  await group.getByTestId('next').click();
  await group.getByTestId('step-heading').filter({ hasText: '2 / 4' }).waitFor();
  await group.getByTestId('next').click();
  await group.getByTestId('step-heading').filter({ hasText: '3 / 4' }).waitFor();
  await group.getByTestId('review-button').click();
  await group.getByTestId('review').waitFor();
  await group.getByTestId('apply').click();
  await group.getByTestId('applied').waitFor({ timeout: 30000 });
  // An export from inside the element is announced to the host.
  const [download] = await Promise.all([page.waitForEvent('download'), group.getByTestId('export-ramp-plan.tf').click()]);
  assert.ok(await download.path());
  await page.screenshot({ path: path.join(artifacts, 'portal-en.png'), fullPage: true });

  // The host heard it all: the steps, and what was created — names and ARNs only.
  const events = await page.evaluate(() => window.rampEvents);
  const steps = events.filter((e) => e.name === 'ramp-step' && e.from === 'group').map((e) => e.detail.step);
  assert.deepEqual(steps, [2, 3, 4]);
  const exported = events.find((e) => e.name === 'ramp-export');
  assert.deepEqual(exported, { name: 'ramp-export', from: 'group', detail: { format: 'Terraform', file: 'ramp-plan.tf' } });
  const applied = events.find((e) => e.name === 'ramp-applied');
  assert.equal(applied.from, 'group');
  const groupItem = applied.detail.created.find((c) => c.type === 'group');
  assert.deepEqual(groupItem, { type: 'group', name: 'portal-team', account: b.id, arn: `acs:ram::${b.id}:group/portal-team` });
  const all = JSON.stringify(events);
  assert.ok(!all.includes(b.admin.access_key_secret) && !/secret|password|token/i.test(all), all);
  // The sandbox has it.
  const got = await callV1(ramp.base, b.admin, 'GetGroup', '2015-05-01', { GroupName: 'portal-team' });
  assert.equal(got.Group.GroupName, 'portal-team');

  // The portal's styles, URL, history and storage keys are as they were.
  const afterwards = await page.evaluate(() => ({
    url: location.href, history: history.length,
    h1: getComputedStyle(document.querySelector('main h1')).color,
    font: getComputedStyle(document.body).fontFamily,
    keys: Object.keys(localStorage).filter((k) => !k.startsWith('ramp.')),
  }));
  assert.deepEqual(afterwards, before);
  // Ramp's own styles stay inside: its heading is not the portal's purple.
  const inner = await group.locator('h1').first().evaluate((h) => getComputedStyle(h).color);
  assert.notEqual(inner, 'rgb(128, 0, 128)');

  // The second element works on its own: the studio, in Chinese, dark.
  const studio = page.locator('#studio');
  await studio.getByTestId('decision').waitFor({ timeout: 20000 });
  await studio.getByTestId('template').selectOption('trust-account');
  await studio.getByTestId('kind-detected').filter({ hasText: '信任策略' }).waitFor();
  assert.ok(await group.getByTestId('applied').isVisible());
  // Changing an attribute updates the element: the studio switches to English.
  await page.locator('#studio').evaluate((el) => el.setAttribute('lang', 'en'));
  await studio.getByText('Policy studio').waitFor();
  assert.equal(await studio.locator('.app').getAttribute('lang'), 'en');
  await page.screenshot({ path: path.join(artifacts, 'portal-studio-zh.png'), fullPage: true });

  // mount()'s handle unmounts.
  await page.locator('#mounted').getByTestId('use-demo-0').waitFor();
  await page.locator('#unmount').click();
  await page.locator('#mounted').getByTestId('use-demo-0').waitFor({ state: 'detached' });
  assert.deepEqual(problems, []);
  await page.close();
});
