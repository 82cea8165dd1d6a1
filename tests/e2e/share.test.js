// Sharing ARMS across accounts, both sides in the browser as two different
// people would do it: A creates the role and hands B a file; B opens it in
// B's own Ramp, signs in, creates the user, and verifies as that user. Then the sandbox's
// state is checked through the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { serverAndBrowser, watchProblems, artifacts, callV1, noSecretsLeft, signIn, next } from './harness.js';

const env = serverAndBrowser();

test('account A shares ARMS with account B, and B verifies as its new user', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const [a, b] = info.accounts;

  // Account A's administrator.
  const ownerContext = await env.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const owner = await ownerContext.newPage();
  const ownerProblems = watchProblems(owner);
  await signIn(owner, base, 0);
  await owner.getByTestId('nav-share').click();
  await owner.getByTestId('side-owner').check();
  await next(owner);
  await owner.getByTestId('trusted-account').fill(a.id);
  await owner.getByTestId('next').click();
  assert.match(await owner.getByTestId('trusted-account-error').textContent(), /not this account/);
  await owner.getByTestId('trusted-account').fill(b.id);
  await owner.getByTestId('generate-external-id').click();
  const externalId = await owner.getByTestId('external-id').inputValue();
  assert.match(externalId, /^ramp-[0-9a-f]{16}$/);
  await next(owner);
  await owner.getByTestId('review-button').click();
  assert.match(await owner.getByTestId('review-account').textContent(), new RegExp(a.id));
  await owner.getByTestId('apply').click();
  await owner.getByTestId('applied').waitFor({ timeout: 30000 });
  const link = (await owner.getByTestId('handoff-link').textContent()).trim();
  assert.ok(link.startsWith(`${base}/#/share?handoff=`), link);
  // The link is the second choice, and says whose server it opens.
  assert.match(await owner.getByTestId('handoff-link-note').textContent(), new RegExp(`this Ramp server, ${base.replace(/[.]/g, '\\.')}: send it only if`));
  const [file] = await Promise.all([owner.waitForEvent('download'), owner.getByTestId('download-handoff').click()]);
  const handoffFile = await file.path();
  assert.equal(JSON.parse(await readFile(handoffFile, 'utf8')).role, 'arms-viewer');
  assert.equal((await owner.getByTestId('handoff-role-arn').textContent()).trim(), `acs:ram::${a.id}:role/arms-viewer`);
  await owner.screenshot({ path: path.join(artifacts, 'share-owner-en.png'), fullPage: true });
  await owner.getByTestId('lang-switch').click();
  await owner.getByText('交给账号 B 的交接信息').waitFor();
  await owner.screenshot({ path: path.join(artifacts, 'share-owner-zh.png'), fullPage: true });
  await owner.getByTestId('lang-switch').click();
  await noSecretsLeft(owner, [a.admin.access_key_secret]);
  assert.deepEqual(ownerProblems, []);

  // Account B's administrator, another person in another browser.
  const accessingContext = await env.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const accessing = await accessingContext.newPage();
  const problems = watchProblems(accessing);
  await signIn(accessing, base, 1);
  await accessing.getByTestId('nav-share').click();
  await accessing.getByTestId('side-accessing').check();
  await next(accessing);
  // B's own Ramp says which server it is, and opens A's file.
  assert.match(await accessing.getByTestId('handoff-origin').textContent(), new RegExp(`This page is the Ramp server at ${base.replace(/[.]/g, '\\.')}\\. Sign in to account B here only if your own organisation runs`));
  await accessing.getByTestId('handoff-file').setInputFiles(handoffFile);
  // What is shared, in words, before anything else.
  await accessing.getByTestId('handoff-words').waitFor();
  assert.equal(JSON.parse(await accessing.getByTestId('handoff').inputValue()).role, 'arms-viewer');
  const words = await accessing.getByTestId('handoff-words').textContent();
  assert.match(words, new RegExp(`${a.alias} \\(${a.id}\\)`));
  assert.match(words, /read-only \(AliyunARMSReadOnlyAccess\), the whole account/);
  assert.match(words, new RegExp(externalId));
  await accessing.getByTestId('review-button').click();
  assert.match(await accessing.getByTestId('review-account').textContent(), new RegExp(b.id));
  await accessing.getByTestId('apply').click();
  await accessing.getByTestId('applied').waitFor({ timeout: 30000 }).catch(async (e) => {
    await accessing.screenshot({ path: path.join(artifacts, 'share-accessing-failed.png'), fullPage: true });
    throw e;
  });
  await accessing.getByTestId('secrets').waitFor();
  // Account B's aliyun CLI profile for the role (no secret in it).
  const [profile] = await Promise.all([accessing.waitForEvent('download'), accessing.getByTestId('export-ramp-profile.txt').click()]);
  const profileText = await readFile(await profile.path(), 'utf8');
  assert.match(profileText, new RegExp(`"ram_role_arn": "acs:ram::${a.id}:role/arms-viewer"`));
  assert.match(profileText, /"mode": "ChainableRamRoleArn"/);
  await accessing.getByTestId('verify-button').click();
  // The verification's button says what it does; it offers no empty export.
  assert.equal((await accessing.locator('[data-testid=verify] [data-testid=apply]').textContent()).trim(), 'Assume the role and check who I am');
  assert.equal(await accessing.locator('[data-testid=verify] [data-testid="export-ramp-plan.tf"]').count(), 0);
  assert.equal(await accessing.locator('[data-testid=verify] [data-testid="export-ramp-plan-ros.yaml"]').count(), 0);
  // What the role requires, to check when AssumeRole is refused.
  assert.match(await accessing.getByTestId('verify-conditions').textContent(), new RegExp(`ExternalId ${externalId} \\(sts:ExternalId\\)`));
  await accessing.locator('[data-testid=verify] [data-testid=apply]').click();
  await accessing.locator('[data-testid=verify] [data-testid=applied]').waitFor({ timeout: 30000 });
  assert.equal(
    (await accessing.locator('[data-testid=verify] [data-testid=verified-arn] code').textContent()).trim(),
    `acs:ram::${a.id}:assumed-role/arms-viewer/arms-reader`,
  );
  await accessing.screenshot({ path: path.join(artifacts, 'share-accessing-en.png'), fullPage: true });
  await accessing.getByTestId('lang-switch').click();
  await accessing.getByText('以新用户身份验证').waitFor();
  await accessing.screenshot({ path: path.join(artifacts, 'share-accessing-zh.png'), fullPage: true });

  // The sandbox holds what the reviews said.
  const role = await callV1(base, a.admin, 'GetRole', '2015-05-01', { RoleName: 'arms-viewer' });
  const trust = JSON.parse(role.Role.AssumeRolePolicyDocument);
  assert.deepEqual(trust.Statement[0].Principal.RAM, [`acs:ram::${b.id}:root`]);
  assert.equal(trust.Statement[0].Condition.StringEquals['sts:ExternalId'], externalId);
  const rolePolicies = await callV1(base, a.admin, 'ListPoliciesForRole', '2015-05-01', { RoleName: 'arms-viewer' });
  assert.deepEqual(rolePolicies.Policies.Policy.map((p) => p.PolicyName), ['AliyunARMSReadOnlyAccess']);
  const userPolicies = await callV1(base, b.admin, 'ListPoliciesForUser', '2015-05-01', { UserName: 'arms-reader' });
  assert.deepEqual(userPolicies.Policies.Policy.map((p) => p.PolicyName), ['ramp-assume-arms-viewer']);

  await noSecretsLeft(accessing, [b.admin.access_key_secret]);
  assert.deepEqual(problems, []);
  await ownerContext.close();
  await accessingContext.close();
});
