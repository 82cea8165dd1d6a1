// Teammate access end to end in the sandbox: two programmatic users with
// read-only ARMS at resource-group scope, reviewed, applied, their keys shown
// once; the sandbox's state checked through the API; a missing permission
// explained with the draft kept; the draft surviving a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serverAndBrowser, watchProblems, artifacts, callV1, noSecretsLeft, signIn, next } from './harness.js';

const env = serverAndBrowser();

test('two programmatic teammates with read-only ARMS in a resource group', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const a = info.accounts[0];
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await signIn(page, base, 0);
  await page.getByTestId('nav-teammate').click();
  await page.getByTestId('users').fill('e2e-dev-1\ne2e-dev-2, Dev Two');
  await next(page);
  await page.getByTestId('access-programmatic').check();
  await next(page);
  await page.getByTestId('arms-read-only').check();
  await page.locator('[data-testid=resource-group] option').nth(1).waitFor({ state: 'attached', timeout: 10000 });
  const rg = await page.locator('[data-testid=resource-group] option').nth(1).getAttribute('value');
  await page.getByTestId('resource-group').selectOption(rg);
  await page.getByTestId('read-trace-app-note').waitFor();
  await page.getByTestId('review-button').click();
  await page.getByTestId('review').waitFor();
  // Programmatic users have no console logon name to show.
  assert.equal(await page.getByTestId('logon-names').count(), 0);
  const steps = await page.locator('[data-testid=review] li.step').count();
  assert.ok(steps >= 6, `${steps} steps`);
  // The resource group is named, not only identified.
  const summaries = (await page.locator('[data-testid=review] li.step .summary').allTextContents()).join('\n');
  assert.match(summaries, new RegExp(`arms-production \\(${rg}\\)`));
  await page.screenshot({ path: path.join(artifacts, 'teammate-review-en.png'), fullPage: true });

  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  for (let i = 0; i < steps; i++) {
    assert.match(await page.getByTestId(`step-${i}-state`).textContent(), /done|already there/);
  }
  await page.getByTestId('secrets').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const rows = csv.trim().split('\n').slice(1).map((l) => l.split(','));
  assert.deepEqual(rows.map((r) => r[0]).sort(), ['e2e-dev-1', 'e2e-dev-2']);
  assert.ok(rows.every((r) => r[1].startsWith('LTAI') && r[2].length >= 20));
  await page.screenshot({ path: path.join(artifacts, 'teammate-applied-en.png'), fullPage: true });
  // Switching language re-renders every page: the run's progress and keys stay.
  await page.getByTestId('lang-switch').click();
  await page.getByText('已执行：所有步骤均已完成。').waitFor();
  assert.equal(await page.locator('[data-testid=secrets] tr').count(), 2);
  // Chinese throughout: the document's kind, and spaces around Latin names.
  assert.match(await page.locator('[data-testid=review] details.document summary').first().textContent(), /（?权限策略）?/);
  const zhSummaries = (await page.locator('[data-testid=review] li.step .summary').allTextContents()).join('\n');
  assert.match(zhSummaries, /为 e2e-dev-1@ramp-demo-a\.onaliyun\.com 授权 AliyunARMSReadOnlyAccess/);
  assert.doesNotMatch(zhSummaries, /[\u4e00-\u9fff][A-Za-z]|[A-Za-z][\u4e00-\u9fff]/);
  await page.screenshot({ path: path.join(artifacts, 'teammate-applied-zh.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();

  // The sandbox holds exactly what the review said.
  const users = await callV1(base, a.admin, 'ListUsers', '2015-05-01', {});
  const names = users.Users.User.map((u) => u.UserName);
  assert.ok(names.includes('e2e-dev-1') && names.includes('e2e-dev-2'), names.join());
  const attached = await callV1(base, a.admin, 'ListPolicyAttachments', '2020-03-31', { ResourceGroupId: rg, PageSize: '100' });
  const grants = attached.PolicyAttachments.PolicyAttachment.map((x) => `${x.PrincipalName}:${x.PolicyName}`).sort();
  for (const u of ['e2e-dev-1', 'e2e-dev-2']) {
    assert.ok(grants.includes(`${u}@ramp-demo-a.onaliyun.com:AliyunARMSReadOnlyAccess`), grants.join('\n'));
  }
  const keys = await callV1(base, a.admin, 'ListAccessKeys', '2015-05-01', { UserName: 'e2e-dev-1' });
  assert.equal(keys.AccessKeys.AccessKey.length, 1);

  // The same draft applied again (after a reload): every step already there,
  // no secret shown, and no second AccessKey.
  await page.getByTestId('secrets-saved').check();
  await page.reload();
  await page.goto(`${base}/#/credentials`);
  await page.getByTestId('use-demo-0').click();
  await page.getByTestId('identity-arn').waitFor();
  await page.goto(`${base}/#/teammate?step=4`);
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  const again = await page.locator('[data-testid=review] li.step .state').allTextContents();
  assert.ok(again.every((s) => /already there/.test(s)), again.join());
  assert.ok(again.some((s) => /its secret is not shown again/.test(s)), again.join());
  assert.equal(await page.getByTestId('secrets').count(), 0);
  const stillOne = await callV1(base, a.admin, 'ListAccessKeys', '2015-05-01', { UserName: 'e2e-dev-1' });
  assert.equal(stillOne.AccessKeys.AccessKey.length, 1);

  await noSecretsLeft(page, rows.map((r) => r[2]));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a missing permission is explained, rollback is offered, and the draft survives a reload', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const a = info.accounts[0];
  // An under-privileged user: may read RAM, may not write.
  await callV1(base, a.admin, 'CreateUser', '2015-05-01', { UserName: 'e2e-reader' });
  await callV1(base, a.admin, 'AttachPolicyToUser', '2015-05-01', { PolicyType: 'System', PolicyName: 'AliyunRAMReadOnlyAccess', UserName: 'e2e-reader' });
  const key = (await callV1(base, a.admin, 'CreateAccessKey', '2015-05-01', { UserName: 'e2e-reader' })).AccessKey;

  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${base}/#/credentials`);
  await page.getByTestId('paste-key-id').fill(key.AccessKeyId);
  await page.getByTestId('paste-secret').fill(key.AccessKeySecret);
  await page.getByTestId('connect').click();
  await page.getByTestId('identity-arn').filter({ hasText: 'user/e2e-reader' }).waitFor({ timeout: 10000 });
  await page.getByTestId('nav-teammate').click();
  // Bad names are refused in the form, naming the rule.
  // Bad names are explained as they are typed, naming the rule; Next stays put.
  await page.getByTestId('users').fill('not valid!');
  assert.match(await page.getByTestId('users-error').textContent(), /UserName/);
  await page.getByTestId('next').click();
  assert.match(await page.getByTestId('step-heading').textContent(), /1 \/ 4/);
  await page.getByTestId('users').fill('fine-name');
  await page.getByTestId('users-error').waitFor({ state: 'detached' });
  await page.getByTestId('users').fill('e2e-denied');
  await next(page);
  await page.getByTestId('access-programmatic').check();
  await next(page);
  await page.getByTestId('review-button').click();
  await page.getByTestId('apply').click();
  await page.getByTestId('apply-error').waitFor({ timeout: 60000 });
  assert.equal((await page.getByTestId('apply-error-code').textContent()).trim(), 'NoPermission');
  await page.getByTestId('rollback').waitFor();
  await page.locator('[data-testid=stepper-0] a').click();
  assert.equal(await page.getByTestId('users').inputValue(), 'e2e-denied');
  await page.screenshot({ path: path.join(artifacts, 'teammate-error-en.png'), fullPage: true });

  // The draft (names only) is still there after a reload; the credentials are not.
  await page.reload();
  await page.getByTestId('users').waitFor();
  assert.equal(await page.getByTestId('users').inputValue(), 'e2e-denied');
  await page.getByTestId('needs-connection').first().waitFor();
  await noSecretsLeft(page, [key.AccessKeySecret]);
  await page.close();
});

test('a user that exists with another display name stops the run with the conflict explained', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const a = info.accounts[0];
  await callV1(base, a.admin, 'CreateUser', '2015-05-01', { UserName: 'e2e-taken', DisplayName: 'Someone Else' });
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  await signIn(page, base, 0);
  await page.getByTestId('nav-teammate').click();
  await page.getByTestId('users').fill('e2e-taken, New Person');
  // The form already says the name is taken and what Ramp will do.
  await page.getByTestId('existing-users').waitFor({ timeout: 10000 });
  await next(page);
  await page.getByTestId('access-programmatic').check();
  await next(page);
  await page.getByTestId('review-button').click();
  await page.getByTestId('apply').click();
  await page.getByTestId('apply-error').waitFor({ timeout: 30000 });
  assert.equal((await page.getByTestId('apply-error-code').textContent()).trim(), 'Ramp.Conflict');
  assert.match(await page.getByTestId('apply-error').textContent(), /never overwrites/);
  await page.screenshot({ path: path.join(artifacts, 'teammate-conflict-en.png'), fullPage: true });
  // Nothing of the existing user changed; the draft is kept.
  const user = await callV1(base, a.admin, 'GetUser', '2015-05-01', { UserName: 'e2e-taken' });
  assert.equal(user.User.DisplayName, 'Someone Else');
  const keys = await callV1(base, a.admin, 'ListAccessKeys', '2015-05-01', { UserName: 'e2e-taken' });
  assert.equal(keys.AccessKeys.AccessKey.length, 0);
  await page.locator('[data-testid=stepper-0] a').click();
  assert.equal(await page.getByTestId('users').inputValue(), 'e2e-taken, New Person');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an unreachable server is explained and applying again after it is back finishes the plan', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const a = info.accounts[0];
  // No service worker here: the route below must see every request.
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block' });
  await signIn(page, base, 0);
  await page.getByTestId('nav-teammate').click();
  await page.getByTestId('users').fill('e2e-offline');
  await next(page);
  await page.getByTestId('access-programmatic').check();
  await next(page);
  await page.getByTestId('review-button').click();
  // The relay stops answering (as if `ramp serve` were stopped).
  await page.route('**/relay/**', (route) => route.abort('connectionrefused'));
  await page.getByTestId('apply').click();
  await page.getByTestId('apply-error').waitFor({ timeout: 30000 });
  // No answer: the step is a failure, not "running" (it may or may not have happened).
  assert.equal((await page.getByTestId('apply-error-code').textContent()).trim(), 'Ramp.NoAnswer');
  assert.match(await page.getByTestId('apply-error').textContent(), /did not answer.*draft is kept/s);
  assert.ok(!(await page.locator('[data-testid=review] li.step .state').allTextContents()).some((s) => /running/.test(s)));
  await page.screenshot({ path: path.join(artifacts, 'teammate-unreachable-en.png'), fullPage: true });
  // Back: applying again finishes.
  await page.unroute('**/relay/**');
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  const keys = await callV1(base, a.admin, 'ListAccessKeys', '2015-05-01', { UserName: 'e2e-offline' });
  assert.equal(keys.AccessKeys.AccessKey.length, 1);
  await page.close();
});

test('a throttled call shows "retrying", then finishes on its own', async () => {
  const base = env.server.base;
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block' });
  await signIn(page, base, 0);
  await page.getByTestId('nav-teammate').click();
  await page.getByTestId('users').fill('e2e-throttled');
  await next(page);
  await page.getByTestId('access-programmatic').check();
  await next(page);
  await page.getByTestId('review-button').click();
  // The service throttles the first CreateUser (as Alibaba Cloud does under load).
  let throttled = 0;
  await page.route('**/relay/**', async (route) => {
    const body = route.request().postData() ?? '';
    const url = route.request().url();
    if (throttled === 0 && (url.includes('CreateUser') || body.includes('CreateUser') || (route.request().headers()['x-acs-action'] === 'CreateUser'))) {
      throttled += 1;
      await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', RequestId: 'e2e-throttle' }) });
      return;
    }
    await route.continue();
  });
  await page.getByTestId('apply').click();
  await page.getByTestId('step-0-state').filter({ hasText: /retrying \(Throttling\.User/ }).waitFor({ timeout: 10000 });
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  assert.equal(throttled, 1);
  assert.match(await page.getByTestId('step-0-state').textContent(), /done/);
  await page.close();
});

test('a remote-write collector gets the Prometheus metric-write policy and nothing of ARMS', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const a = info.accounts[0];
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  await signIn(page, base, 0);
  await page.getByTestId('nav-teammate').click();
  await page.getByTestId('users').fill('e2e-prom-writer');
  await next(page);
  await page.getByTestId('access-programmatic').check();
  await next(page);
  // Scripts are offered the narrow Managed Service for Prometheus policies, named.
  assert.match(await page.locator('label', { has: page.getByTestId('arms-prometheus-write') }).textContent(), /Prometheus metric write only \(AliyunPrometheusMetricWriteAccess\)/);
  await page.getByTestId('arms-prometheus-write').check();
  await page.getByTestId('review-button').click();
  assert.match(await page.getByTestId('review').textContent(), /AliyunPrometheusMetricWriteAccess/);
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  const held = await callV1(base, a.admin, 'ListPoliciesForUser', '2015-05-01', { UserName: 'e2e-prom-writer' });
  assert.deepEqual(held.Policies.Policy.map((p) => p.PolicyName), ['AliyunPrometheusMetricWriteAccess']);
  assert.deepEqual(problems, []);
  await page.close();
});
