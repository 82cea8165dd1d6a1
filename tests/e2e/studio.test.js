// The policy studio with the network cut after the first load: templates,
// live findings that put the cursor on the problem, formatting, the
// simulator (including "cannot decide" for a missing ExternalId), export,
// a draft that survives a reload, and a share link in the URL fragment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serverAndBrowser, watchProblems, artifacts, assumeAllowedThenExport } from './harness.js';

const env = serverAndBrowser();

// A new browser context (`options`) on the studio, with the engine loaded,
// then the network cut.
async function studioOffline(options) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.base}/#/studio`);
  await page.getByTestId('studio').waitFor();
  // The engine (loaded on demand by the studio) is in before the network goes.
  await page.getByTestId('decision').waitFor();
  await context.setOffline(true);
  return { context, page, problems };
}

test('author, lint, simulate and export a trust policy offline', async () => {
  const { context, page, problems } = await studioOffline({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });

  await page.getByTestId('template').selectOption('trust-account');
  assert.equal((await page.getByTestId('kind-detected').textContent()).trim(), 'trust policy');
  // The default question follows the kind: a trust policy is asked about AssumeRole.
  await page.waitForFunction(() => document.querySelector('[data-testid=sim-action]').value === 'sts:AssumeRole');
  await page.getByTestId('sim-caller').fill('user:1680000000000002/bob');
  await page.getByTestId('sim-action').fill('sts:AssumeRole');
  await page.getByTestId('sim-resource').fill('acs:ram::1680000000000001:role/arms-viewer');
  await page.getByTestId('decision-value').filter({ hasText: 'Unknown' }).waitFor();
  assert.match(await page.getByTestId('missing-keys').textContent(), /sts:ExternalId/);
  // Both answers: a request without an ExternalId is denied, as the service does.
  assert.match(await page.getByTestId('if-absent').textContent(), /If the request carries no sts:ExternalId: ImplicitDeny/);
  assert.match(await page.getByTestId('assumed').textContent(), /AliyunSTSAssumeRoleAccess/);
  await page.getByTestId('sim-caller').fill('root:1680000000000002');
  await page.getByTestId('decision-reason').filter({ hasText: 'root accounts' }).waitFor();
  await page.getByTestId('sim-caller').fill('user:1680000000000002/bob');
  await page.getByTestId('decision-value').filter({ hasText: 'Unknown' }).waitFor();
  await page.getByTestId('sim-context').fill('sts:ExternalId=ramp-example-external-id');
  await page.getByTestId('decision-value').filter({ hasText: 'Allow' }).waitFor();
  await page.getByTestId('sim-context').fill('sts:ExternalId=wrong');
  await page.getByTestId('decision-value').filter({ hasText: 'ImplicitDeny' }).waitFor();

  // Break it: the finding names the line, and clicking it puts the cursor there.
  const broken = (await page.getByTestId('policy-text').inputValue()).replace('"Effect": "Allow"', '"Effect": "Permit"');
  await page.getByTestId('policy-text').fill(broken);
  const findings = await page.getByTestId('findings').textContent();
  assert.match(findings, /E00\d/);
  await page.locator('[data-testid=findings] button.link').first().click();
  const cursor = await page.evaluate(() => document.getElementById('policy-text').selectionStart);
  assert.ok(cursor > 0, `cursor at ${cursor}`);
  await page.screenshot({ path: path.join(artifacts, 'studio-en.png'), fullPage: true });

  // Fix, format, export.
  await page.getByTestId('policy-text').fill(broken.replace('"Permit"', '"Allow"').replace(/\n\s*/g, ''));
  await page.getByTestId('format').click();
  assert.match(await page.getByTestId('policy-text').inputValue(), /\n {2}"Statement"/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-policy').click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.Statement[0].Condition.StringEquals['sts:ExternalId'], 'ramp-example-external-id');

  // The draft survives a reload (a reload needs the server: the offline cache is the embedding issue's).
  await context.setOffline(false);
  await page.reload();
  await page.getByTestId('studio').waitFor();
  assert.match(await page.getByTestId('policy-text').inputValue(), /ramp-example-external-id/);

  // A share link carries the policy in the fragment only.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#\/studio\?policy=/);
  const other = await context.newPage();
  await other.goto(link);
  await other.getByTestId('studio').waitFor();
  assert.match(await other.getByTestId('policy-text').inputValue(), /ramp-example-external-id/);

  await page.getByTestId('lang-switch').click();
  await page.getByText('模拟请求').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'studio-zh.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the visual editor and the JSON stay in sync both ways, with a gutter, a summary and file import', async () => {
  const { context, page, problems } = await studioOffline({ viewport: { width: 1440, height: 1000 } });
  const json = () => page.getByTestId('policy-text').inputValue();

  // Start from an empty permission policy: build it visually.
  await page.getByTestId('policy-text').fill('{"Version": "1", "Statement": []}');
  await page.getByTestId('visual-add-statement').click();
  await page.getByTestId('visual-0-action').fill('arms:GetTraceApp');
  await page.getByTestId('visual-0-add-action').click();
  await page.getByTestId('visual-0-action').fill('arms:List*');
  await page.getByTestId('visual-0-add-action').click();
  // The ARN builder: service, region, account, resource → one ARN.
  await page.getByTestId('visual-0-remove').waitFor();
  await page.locator('[data-testid=visual-statement-0] .chips').nth(1).locator('button').first().click(); // drop the default *
  await page.getByTestId('visual-0-arn-service').selectOption('arms');
  await page.getByTestId('visual-0-arn-region').fill('cn-hangzhou');
  await page.getByTestId('visual-0-arn-account').fill('1680000000000001');
  await page.getByTestId('visual-0-arn-resource').fill('armsapp/shop-*');
  assert.equal(await page.getByTestId('visual-0-arn-preview').textContent(), 'acs:arms:cn-hangzhou:1680000000000001:armsapp/shop-*');
  await page.getByTestId('visual-0-add-resource').click();
  await page.getByTestId('visual-0-condition-operator').selectOption('IpAddress');
  await page.getByTestId('visual-0-condition-key').fill('acs:SourceIp');
  await page.getByTestId('visual-0-condition-values').fill('10.0.0.0/8, 192.168.0.0/16');
  await page.getByTestId('visual-0-add-condition').click();

  // The JSON says exactly that, in the canonical layout.
  const doc = JSON.parse(await json());
  assert.deepEqual(doc.Statement[0].Action, ['arms:GetTraceApp', 'arms:List*']);
  assert.equal(doc.Statement[0].Resource, 'acs:arms:cn-hangzhou:1680000000000001:armsapp/shop-*');
  assert.deepEqual(doc.Statement[0].Condition.IpAddress['acs:SourceIp'], ['10.0.0.0/8', '192.168.0.0/16']);
  assert.match(await json(), /^\{\n {2}"Version": "1",\n {2}"Statement": \[/);
  // The summary says it in plain words.
  const summary = await page.getByTestId('policy-summary').textContent();
  assert.match(summary, /Allows ARMS: .*on acs:arms:cn-hangzhou:1680000000000001:armsapp\/shop-\*, only when acs:SourceIp is in 10\.0\.0\.0\/8 or 192\.168\.0\.0\/16\./);

  // JSON → visual: an edit in the text shows up in the cards.
  await page.getByTestId('policy-text').fill((await json()).replace('"Allow"', '"Deny"'));
  assert.equal(await page.getByTestId('visual-0-effect').inputValue(), 'Deny');
  assert.match(await page.getByTestId('policy-summary').textContent(), /Denies ARMS/);

  // Broken JSON: the visual editor says why and touches nothing; the gutter marks the line.
  await page.getByTestId('policy-text').fill('{\n  "Version": "1",\n  "Statement": [\n    {"Effect": "Allow", "Action": "arms:Get*", "Resource": "*",}\n  ]\n}');
  await page.getByTestId('visual-unavailable').waitFor();
  const marked = await page.locator('[data-testid=gutter] .marked').first().getAttribute('data-line');
  assert.equal(marked, '4');

  // Import a trust policy from a file: the visual editor switches to principals.
  await page.getByTestId('import-policy').setInputFiles({
    name: 'trust.json', mimeType: 'application/json',
    buffer: Buffer.from('{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["acs:ram::1680000000000002:root"]}}]}'),
  });
  await page.getByTestId('visual-0-principal').waitFor();
  await page.getByTestId('visual-0-principal-kind').selectOption('RAM');
  await page.getByTestId('visual-0-principal').fill('acs:ram::1680000000000003:root');
  await page.getByTestId('visual-0-add-principal').click();
  assert.deepEqual(JSON.parse(await json()).Statement[0].Principal.RAM, ['acs:ram::1680000000000002:root', 'acs:ram::1680000000000003:root']);
  assert.match(await page.getByTestId('policy-summary').textContent(), /Account 1680000000000002/);
  await page.screenshot({ path: path.join(artifacts, 'studio-visual-en.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();
  await page.getByText('可视化编辑').waitFor();
  assert.match(await page.getByTestId('policy-summary').textContent(), /账号 1680000000000002/);
  await page.screenshot({ path: path.join(artifacts, 'studio-visual-zh.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('after one visit the app works offline: reload, author, lint, simulate and export; Apply waits for the network', async () => {
  const base = env.server.base;
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchProblems(page);
  // One visit: the service worker keeps the app and the engine.
  await page.goto(`${base}/#/studio`);
  await page.getByTestId('decision').waitFor();
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null, null, { timeout: 20000 });

  // A flow's review, signed in while online: Apply waits for the network.
  await page.goto(`${base}/#/credentials`);
  await page.getByTestId('use-demo-0').click();
  await page.getByTestId('identity-arn').waitFor({ timeout: 10000 });
  // The teammate page reads this draft when it opens.
  await page.evaluate(() => localStorage.setItem('ramp.draft.teammate', JSON.stringify({ users: 'offline-user', mode: 'programmatic' })));
  await page.evaluate(() => { location.hash = '#/teammate?step=4'; });
  await page.getByTestId('review').waitFor({ timeout: 10000 });
  assert.ok(await page.getByTestId('apply').isEnabled());
  await context.setOffline(true);
  await page.getByTestId('offline').waitFor();
  assert.ok(await page.getByTestId('apply').isDisabled());
  // Planning and exports still work offline (the engine is cached): change the draft, plan again.
  await page.evaluate(() => { location.hash = '#/teammate?step=1'; });
  await page.getByTestId('users').fill('offline-user-2');
  await page.evaluate(() => { location.hash = '#/teammate?step=4'; });
  await page.getByTestId('review').filter({ hasText: 'offline-user-2' }).waitFor({ timeout: 10000 });
  const [plan] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ramp-plan.tf').click()]);
  assert.match(await readFile(await plan.path(), 'utf8'), /offline-user-2/);
  await context.setOffline(false);
  await page.getByTestId('offline').waitFor({ state: 'detached' });
  assert.ok(await page.getByTestId('apply').isEnabled());

  // Offline from here on: a reload comes from the cache, and the studio does everything.
  await context.setOffline(true);
  await page.goto(`${base}/#/studio`);
  await page.reload();
  await page.getByTestId('studio').waitFor();
  await page.getByTestId('template').selectOption('trust-account');
  await page.getByTestId('kind-detected').filter({ hasText: 'trust policy' }).waitFor();
  const exported = await assumeAllowedThenExport(page);
  assert.deepEqual(exported.Statement[0].Principal.RAM, ['acs:ram::1680000000000002:root']);
  await page.screenshot({ path: path.join(artifacts, 'studio-offline-en.png'), fullPage: true });
  // Offline, /api/info fails (the server is unreachable): only that is allowed to complain.
  assert.deepEqual(problems.filter((p) => !/api\/info|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
  await context.close();
});
