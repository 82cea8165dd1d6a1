// The Credentials page against `ramp serve`'s sandbox: connect with a demo
// account, assume a role (set up through the sandbox's API), take the
// temporary credentials away, use them, and see an explained error — with no
// secret left in storage, cookies, the URL or history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serverAndBrowser, watchProblems, artifacts, callV1, noSecretsLeft } from './harness.js';

const env = serverAndBrowser();

test('connect with a demo account, assume a role, take and use the temporary credentials', async () => {
  const info = await (await fetch(`${env.server.base}/api/info`)).json();
  assert.equal(info.mode, 'sandbox');
  const a = info.accounts[0];
  const trust = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${a.id}:root`] } }] });
  await callV1(env.server.base, a.admin, 'CreateRole', '2015-05-01', { RoleName: 'e2e-self', AssumeRolePolicyDocument: trust, MaxSessionDuration: '7200' });
  const roleArn = `acs:ram::${a.id}:role/e2e-self`;

  const context = await env.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.base}/#/credentials`);
  await page.getByTestId('sandbox-banner').waitFor();
  await page.getByTestId('use-demo-0').click();
  await page.getByTestId('identity-arn').filter({ hasText: `acs:ram::${a.id}:user/admin` }).waitFor({ timeout: 10000 });
  assert.equal((await page.getByTestId('identity-type').textContent()).trim(), 'RAMUser');

  // A wrongly formed ARN is refused before anything is sent, naming the field.
  await page.getByTestId('role-arn').fill('arn:aws:iam::123:role/x');
  await page.getByTestId('assume').click();
  assert.match(await page.getByTestId('role-arn-error').textContent(), /RoleArn/);

  await page.getByTestId('role-arn').fill(roleArn);
  await page.getByTestId('duration').fill('900');
  await page.getByTestId('assume').click();
  await page.getByTestId('temporary').waitFor({ timeout: 10000 });
  assert.equal((await page.getByTestId('temporary-arn').textContent()).trim(), `${roleArn}/ramp-session`);
  const keyId = (await page.getByTestId('temporary-key-id').textContent()).trim();
  assert.match(keyId, /^STS\./);
  assert.match(await page.getByTestId('countdown').textContent(), /1[45] min/);
  // The secret and the token are hidden until asked for (so screenshots hold none).
  assert.match(await page.getByTestId('temporary-secret').textContent(), /^•+$/);
  await page.screenshot({ path: path.join(artifacts, 'credentials-en.png'), fullPage: true });

  // The .env download holds all three values, and they are the ones shown on request.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-env').click()]);
  const dotenv = await readFile(await download.path(), 'utf8');
  const value = (name) => dotenv.match(new RegExp(`^${name}=(.+)$`, 'm'))[1];
  assert.equal(value('ALIBABA_CLOUD_ACCESS_KEY_ID'), keyId);
  const secret = value('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  const token = value('ALIBABA_CLOUD_SECURITY_TOKEN');
  await page.getByTestId('reveal').click();
  assert.equal((await page.getByTestId('temporary-secret').textContent()).trim(), secret);
  assert.equal((await page.getByTestId('temporary-token').textContent()).trim(), token);
  await page.getByTestId('reveal').click();

  // Using them: the app now signs as the role session.
  await page.getByTestId('saved').check();
  await page.getByTestId('use-temporary').click();
  await page.getByTestId('identity-type').filter({ hasText: 'AssumedRoleUser' }).waitFor({ timeout: 10000 });
  assert.match(await page.getByTestId('identity-arn').textContent(), /assumed-role\/e2e-self\/ramp-session/);

  // Chinese, every string.
  await page.getByTestId('lang-switch').click();
  await page.getByText('扮演角色', { exact: true }).first().waitFor();
  await page.screenshot({ path: path.join(artifacts, 'credentials-zh.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();

  await noSecretsLeft(page, [secret, token, a.admin.access_key_secret]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong secret is explained and the pasted key stays for correction', async () => {
  const info = await (await fetch(`${env.server.base}/api/info`)).json();
  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.base}/#/credentials`);
  await page.getByTestId('paste-key-id').fill(info.accounts[1].admin.access_key_id);
  await page.getByTestId('paste-secret').fill('not-the-secret');
  await page.getByTestId('connect').click();
  await page.getByTestId('api-error').waitFor({ timeout: 10000 });
  assert.equal((await page.getByTestId('api-error-code').textContent()).trim(), 'SignatureDoesNotMatch');
  assert.equal(await page.getByTestId('paste-key-id').inputValue(), info.accounts[1].admin.access_key_id);
  // An STS key without its token is caught before sending.
  await page.getByTestId('paste-key-id').fill('STS.something');
  await page.getByTestId('connect').click();
  assert.match(await page.getByTestId('paste-token-error').textContent(), /token/i);
  await noSecretsLeft(page, ['not-the-secret']);
  // The browser logs the 400 answer as a failed resource load; nothing else may appear.
  assert.deepEqual(problems, []);
  await page.close();
});
