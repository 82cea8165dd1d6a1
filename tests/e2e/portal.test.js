// Ramp embedded in a company portal on another origin: examples/portal/ is
// served from one loopback port, `ramp serve --allow-origin <portal>` from
// another. A team group is set up inside one <ramp-wizard>; the host page
// hears ramp-ready, ramp-step and ramp-applied (with the group's ARN, no
// secret); its own styles, URL and history stay as they were; a second
// element (the studio, in Chinese, dark) works on its own; mount()'s handle
// unmounts. Each element keeps its own server: one pointed elsewhere does
// not redirect the others, one pointed at plain http on another machine
// refuses to run, and the portal never loads code named by its own URL.
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
    // The portal's deployer sets where Ramp runs, in the page itself.
    res.end(String(portalHtml).replace('content="http://127.0.0.1:8080"', `content="${ramp.base}"`));
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
  // A crafted link naming another server for Ramp's code is ignored.
  const dead = `http://127.0.0.1:${await freePort()}`;
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${portalBase}/?ramp=${encodeURIComponent(dead)}`);
  await page.waitForFunction(() => (window.rampEvents ?? []).filter((e) => e.name === 'ramp-ready').length >= 3, null, { timeout: 20000 });
  assert.ok(!requested.some((u) => u.startsWith(dead)), requested.join('\n'));
  // Each element says where its calls go.
  assert.match(await page.locator('#group').getByTestId('embed-server').textContent(), new RegExp(`sent to ${ramp.base.replace(/[.]/g, '\\.')}`));

  // A second element pointed at another server (nothing answers there) keeps
  // its own: the group element, mounted before it, still talks to Ramp.
  await page.evaluate((dead) => {
    const el = document.createElement('ramp-wizard');
    Object.assign(el, { id: 'elsewhere' });
    el.setAttribute('flow', 'credentials');
    el.setAttribute('proxy', dead);
    document.querySelector('main').append(el);
  }, dead);
  await page.waitForFunction(() => window.rampEvents.some((e) => e.name === 'ramp-ready' && e.from === 'elsewhere'), null, { timeout: 20000 });
  assert.equal((await page.evaluate(() => window.rampEvents.find((e) => e.from === 'elsewhere').detail)).server, false);
  assert.match(await page.locator('#elsewhere').getByTestId('embed-server').textContent(), new RegExp(dead.replace(/[.]/g, '\\.')));
  // One pointed at plain http on another machine sends nothing and says why.
  await page.evaluate(() => {
    const el = document.createElement('ramp-wizard');
    Object.assign(el, { id: 'plain' });
    el.setAttribute('flow', 'teammate-access');
    el.setAttribute('proxy', 'http://ramp.attacker.example');
    document.querySelector('main').append(el);
  });
  await page.locator('#plain').getByTestId('embed-error').filter({ hasText: 'https://' }).waitFor();
  const refused = await page.evaluate(() => window.rampEvents.find((e) => e.from === 'plain'));
  assert.equal(refused.name, 'ramp-error');
  assert.equal(refused.detail.code, 'Ramp.ProxyRefused');
  assert.ok(!requested.some((u) => u.includes('attacker.example')), requested.join('\n'));
  // The element whose server does not answer is the only one that failed.
  for (const [i, p] of [...problems.entries()].reverse()) if (p.includes('ERR_CONNECTION_REFUSED')) problems.splice(i, 1);

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
