// The Change access page against the sandbox, in the browser: offboarding a
// user in both phases (then the Access page shows nothing of them), revoking
// ARMS only (and undoing it), rotating a key while a script keeps calling
// with the old one until the switch (its calls visible as the old key's last
// use), and moving a role's trust from account B to account C with who gains
// and who loses shown, rehearsed in a sandbox of its own, applied, then undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createHmac, randomUUID } from 'node:crypto';
import { serverAndBrowser, watchProblems, signIn, callV1, artifacts } from './harness.js';

const env = serverAndBrowser();
const C = '1680000000000003';

// A call as a script makes it: the status and the body, whatever they are.
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
async function script(base, key, action = 'GetCallerIdentity', version = '2015-04-01', params = {}) {
  const all = {
    ...params, Action: action, Version: version, Format: 'JSON', AccessKeyId: key.id,
    SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const canonical = Object.keys(all).sort().map((k) => `${enc(k)}=${enc(all[k])}`).join('&');
  const signature = createHmac('sha1', `${key.secret}&`).update(`POST&%2F&${enc(canonical)}`).digest('base64');
  const r = await fetch(`${base}/?${canonical}&Signature=${enc(signature)}`, { method: 'POST' });
  return { status: r.status, body: await r.json() };
}

async function account(base) {
  const info = await (await fetch(`${base}/api/info`)).json();
  return info.accounts;
}

async function newKey(base, admin, user) {
  const k = (await callV1(base, admin, 'CreateAccessKey', '2015-05-01', { UserName: user })).AccessKey;
  return { id: k.AccessKeyId, secret: k.AccessKeySecret };
}

async function openChange(page, base) {
  await signIn(page, base, 0);
  await page.evaluate(() => { location.hash = '#/change'; });
  await page.getByTestId('change-read').click();
  await page.getByTestId('change-tasks').waitFor({ timeout: 20000 });
}

async function planAndApply(page) {
  await page.getByTestId('change-plan').click();
  await page.getByTestId('review').waitFor({ timeout: 20000 });
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
}

test('offboarding in two phases leaves nothing of the user in the access review', async () => {
  const base = env.server.base;
  const [a] = await account(base);
  await callV1(base, a.admin, 'CreateUser', '2015-05-01', { UserName: 'leaver' });
  await callV1(base, a.admin, 'CreateLoginProfile', '2015-05-01', { UserName: 'leaver', Password: 'Leaver-pass-2026!x' });
  const key = await newKey(base, a.admin, 'leaver');
  await callV1(base, a.admin, 'CreateGroup', '2015-05-01', { GroupName: 'leavers-team' });
  await callV1(base, a.admin, 'AttachPolicyToGroup', '2015-05-01', { PolicyType: 'System', PolicyName: 'AliyunARMSReadOnlyAccess', GroupName: 'leavers-team' });
  await callV1(base, a.admin, 'AddUserToGroup', '2015-05-01', { UserName: 'leaver', GroupName: 'leavers-team' });
  await callV1(base, a.admin, 'AttachPolicyToUser', '2015-05-01', { PolicyType: 'System', PolicyName: 'AliyunARMSFullAccess', UserName: 'leaver' });
  assert.equal((await script(base, key)).status, 200);

  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  await openChange(page, base);
  await page.getByTestId('change-task-offboard').check();
  await page.getByTestId('change-user-leaver').check();
  // Phase one: reversible.
  await page.getByTestId('change-plan').click();
  await page.getByTestId('review').waitFor();
  const access = await page.getByTestId('note-access').textContent();
  assert.match(access, /leaver: before, full ARMS access/);
  assert.match(access, /phase one/);
  const steps = await page.getByTestId('review').locator('.steps').textContent();
  assert.match(steps, /ims:UpdateLoginProfile/);
  assert.match(steps, /ram:UpdateAccessKey/);
  assert.equal(await page.locator('[data-testid$=-final]').count(), 0, 'phase one deletes nothing');
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  const refused = await script(base, key);
  assert.equal(refused.body.Code, 'InvalidAccessKeyId.Inactive', JSON.stringify(refused.body));
  await page.screenshot({ path: path.join(artifacts, 'change-offboard-phase-one-en.png'), fullPage: true });

  // Phase two: after the wait, delete — each final step marked.
  await page.getByTestId('change-reread').click();
  await page.getByTestId('change-reading').waitFor({ state: 'detached', timeout: 20000 });
  await page.getByTestId('change-phase').selectOption('delete');
  await page.getByTestId('change-plan').click();
  await page.getByTestId('review').waitFor();
  assert.ok(await page.locator('[data-testid$=-final]').count() >= 3, 'key, password and user are marked "cannot be undone"');
  await page.getByTestId('note-irreversible').waitFor();
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });

  // The access review: nothing of the user remains.
  await page.evaluate(() => { location.hash = '#/access'; });
  await page.getByTestId('access-read').click();
  await page.getByTestId('access-scroll').waitFor({ timeout: 30000 });
  const names = await page.locator('[data-testid=access-row]').evaluateAll((rows) => rows.map((r) => r.dataset.name));
  assert.ok(names.includes('leavers-team') && !names.includes('leaver'), names.join(', '));
  const users = await callV1(base, a.admin, 'ListUsersForGroup', '2015-05-01', { GroupName: 'leavers-team' });
  assert.deepEqual(users.Users.User, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('revoking ARMS only keeps the user and what else they have, and can be undone', async () => {
  const base = env.server.base;
  const [a] = await account(base);
  await callV1(base, a.admin, 'CreateUser', '2015-05-01', { UserName: 'mover' });
  await callV1(base, a.admin, 'CreateGroup', '2015-05-01', { GroupName: 'obs-team' });
  await callV1(base, a.admin, 'AttachPolicyToGroup', '2015-05-01', { PolicyType: 'System', PolicyName: 'AliyunARMSReadOnlyAccess', GroupName: 'obs-team' });
  await callV1(base, a.admin, 'AttachPolicyToGroup', '2015-05-01', { PolicyType: 'System', PolicyName: 'AliyunRAMReadOnlyAccess', GroupName: 'obs-team' });
  await callV1(base, a.admin, 'AddUserToGroup', '2015-05-01', { UserName: 'mover', GroupName: 'obs-team' });
  await callV1(base, a.admin, 'AttachPolicyToUser', '2015-05-01', { PolicyType: 'System', PolicyName: 'AliyunSTSAssumeRoleAccess', UserName: 'mover' });

  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  // Chosen from the Access page's table.
  await signIn(page, base, 0);
  await page.evaluate(() => { location.hash = '#/access'; });
  await page.getByTestId('access-read').click();
  const row = page.locator('[data-testid=access-row][data-name=mover]');
  await row.locator('summary').click();
  await row.getByTestId('change-link').click();
  await page.getByTestId('change-read').click();
  await page.getByTestId('change-tasks').waitFor({ timeout: 20000 });
  assert.ok(await page.getByTestId('change-task-revoke').isChecked());
  assert.ok(await page.getByTestId('change-user-mover').isChecked(), 'the user chosen in the table');
  await page.getByTestId('change-plan').click();
  await page.getByTestId('review').waitFor();
  assert.match(await page.getByTestId('note-access').textContent(), /mover: before, read-only ARMS access; after, no ARMS access/);
  assert.match(await page.getByTestId('note-warning').textContent(), /Leaving group obs-team also takes away .*AliyunRAMReadOnlyAccess/);
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  const groups = await callV1(base, a.admin, 'ListGroupsForUser', '2015-05-01', { UserName: 'mover' });
  assert.deepEqual(groups.Groups.Group, []);
  const own = await callV1(base, a.admin, 'ListPoliciesForUser', '2015-05-01', { UserName: 'mover' });
  assert.deepEqual(own.Policies.Policy.map((p) => p.PolicyName), ['AliyunSTSAssumeRoleAccess'], 'what is not ARMS stays');
  await page.getByTestId('undo').click();
  await page.getByTestId('rolled-back').waitFor({ timeout: 30000 });
  const back = await callV1(base, a.admin, 'ListGroupsForUser', '2015-05-01', { UserName: 'mover' });
  assert.deepEqual(back.Groups.Group.map((g) => g.GroupName), ['obs-team']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('rotating a key while a script keeps calling with the old one until the switch', async () => {
  const base = env.server.base;
  const [a] = await account(base);
  await callV1(base, a.admin, 'CreateUser', '2015-05-01', { UserName: 'exporter' });
  const old = await newKey(base, a.admin, 'exporter');
  // The script: calls every 200 ms with whichever key it holds.
  let holding = old;
  const seen = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      seen.push({ key: holding.id, ...(await script(base, holding)) });
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  try {
    const page = await env.browser.newPage();
    const problems = watchProblems(page);
    await openChange(page, base);
    await page.getByTestId('change-task-rotate').check();
    await page.getByTestId('change-rotate-user').selectOption('exporter');
    // The old key's last use shows the script's calls.
    await page.getByTestId(`key-${old.id}-last-used`).waitFor();
    assert.notEqual(await page.getByTestId(`key-${old.id}-last-used`).textContent(), 'never');
    await planAndApply(page);
    await page.getByTestId('show-secrets').click();
    const cells = await page.getByTestId('secrets').locator('td').allTextContents();
    const fresh = { id: cells[1], secret: cells[2] };
    assert.match(fresh.id, /^LTAI/);
    assert.notEqual(fresh.id, old.id);
    await page.getByTestId('secrets-saved').check();
    // Deploy the new key: the script switches.
    holding = fresh;
    await new Promise((r) => setTimeout(r, 1200));
    await page.getByTestId('change-refresh').click();
    await page.getByTestId(`key-${fresh.id}-last-used`).waitFor();
    await page.waitForFunction((id) => document.querySelector(`[data-testid="key-${id}-last-used"]`)?.textContent !== 'never', fresh.id, { timeout: 20000 });
    await page.screenshot({ path: path.join(artifacts, 'change-rotate-en.png'), fullPage: true });
    // Deactivate the old key (reversible), then delete it.
    await page.getByTestId('change-rotate-phase').selectOption('deactivate');
    await page.getByTestId('change-old-key').selectOption(old.id);
    await planAndApply(page);
    assert.equal((await script(base, old)).body.Code, 'InvalidAccessKeyId.Inactive');
    await page.getByTestId('change-reread').click();
    await page.getByTestId('change-reading').waitFor({ state: 'detached', timeout: 20000 });
    await page.getByTestId('change-rotate-phase').selectOption('delete');
    await page.getByTestId('change-old-key').selectOption(old.id);
    await planAndApply(page);
    const keys = await callV1(base, a.admin, 'ListAccessKeys', '2015-05-01', { UserName: 'exporter' });
    assert.deepEqual(keys.AccessKeys.AccessKey.map((k) => k.AccessKeyId), [fresh.id]);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    running = false;
    await loop;
  }
  // The script never failed before the switch, and never after it.
  assert.ok(seen.length >= 5, `${seen.length} calls`);
  assert.ok(seen.every((c) => c.status === 200), JSON.stringify(seen.filter((c) => c.status !== 200)));
  assert.ok(seen.some((c) => c.key === old.id) && seen.some((c) => c.key !== old.id));
});

test("moving a role's trust from account B to C: who gains and who loses, rehearsed, applied, undone", async () => {
  const base = env.server.base;
  const [a, b] = await account(base);
  const trust = (acct) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${acct}:root`] }, Condition: { StringEquals: { 'sts:ExternalId': 'ext-9' } } }] });
  await callV1(base, a.admin, 'CreateRole', '2015-05-01', { RoleName: 'partner-viewer', AssumeRolePolicyDocument: trust(b.id) });
  await callV1(base, a.admin, 'AttachPolicyToRole', '2015-05-01', { PolicyType: 'System', PolicyName: 'AliyunARMSReadOnlyAccess', RoleName: 'partner-viewer' });
  const arn = `acs:ram::${a.id}:role/partner-viewer`;
  const assumeAsB = () => script(base, { id: b.admin.access_key_id, secret: b.admin.access_key_secret }, 'AssumeRole', '2015-04-01', { RoleArn: arn, RoleSessionName: 'b-session', ExternalId: 'ext-9' });
  const first = await assumeAsB();
  assert.equal(first.status, 200, JSON.stringify(first.body));

  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  await openChange(page, base);
  await page.getByTestId('change-task-trust').check();
  await page.getByTestId('change-role').selectOption('partner-viewer');
  const text = await page.getByTestId('change-trust-text').inputValue();
  assert.ok(text.includes(b.id), text);
  await page.getByTestId('change-trust-text').fill(text.replaceAll(b.id, C));
  await page.getByTestId('change-plan').click();
  await page.getByTestId('review').waitFor();
  const gains = await page.getByTestId('note-gain').allTextContents();
  const losses = await page.getByTestId('note-loss').allTextContents();
  assert.ok(gains.length >= 1 && gains.every((g) => g.includes(C) && g.includes('privilege escalation')), gains.join('\n'));
  assert.ok(losses.length >= 1 && losses.every((l) => l.includes(b.id) && l.includes('running workloads may break')), losses.join('\n'));
  // Rehearsed in a sandbox of its own: B's callers lose, C's gain.
  await page.getByTestId('change-rehearse').click();
  await page.getByTestId('rehearsal').waitFor({ timeout: 20000 });
  const trials = await page.getByTestId('rehearsal').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.ok(trials.length >= 2, JSON.stringify(trials));
  for (const [caller, , before, after] of trials) {
    if (caller.includes(`::${b.id}:`)) assert.ok(before.startsWith('assumed') && after.startsWith('refused'), `${caller}: ${before} → ${after}`);
    if (caller.includes(`::${C}:`)) assert.ok(before.startsWith('refused') && after.startsWith('assumed'), `${caller}: ${before} → ${after}`);
  }
  await page.screenshot({ path: path.join(artifacts, 'change-trust-en.png'), fullPage: true });
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  assert.notEqual((await assumeAsB()).status, 200, 'B lost the role');
  const role = await callV1(base, a.admin, 'GetRole', '2015-05-01', { RoleName: 'partner-viewer' });
  assert.ok(role.Role.AssumeRolePolicyDocument.includes(C));
  await page.getByTestId('undo').click();
  await page.getByTestId('rolled-back').waitFor({ timeout: 30000 });
  assert.equal((await assumeAsB()).status, 200, 'B has the role back');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the studio compares the policy with an earlier version by meaning', async () => {
  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.base}/#/studio`);
  await page.getByTestId('studio').waitFor();
  const doc = (actions) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
  await page.getByTestId('policy-text').fill(doc(['arms:List*', 'ARMS:get*']));
  await page.getByTestId('compare').locator('summary').click();
  // The same access, reordered and in another case: nothing changes.
  await page.getByTestId('compare-old').fill(doc(['arms:Get*', 'arms:List*']));
  await page.getByTestId('compare-run').click();
  assert.match(await page.getByTestId('compare-verdict').textContent(), /Same access/);
  // A narrower earlier version: the edited one grants new access.
  await page.getByTestId('compare-old').fill(doc('arms:Get*'));
  await page.getByTestId('compare-run').click();
  await page.getByTestId('compare-verdict').filter({ hasText: 'NEW grants access OLD did not' }).waitFor();
  const changes = await page.getByTestId('compare-change').allTextContents();
  assert.equal(changes.length, 1, changes.join('\n'));
  assert.match(changes[0], /now allowed: `arms:ListExample` \(matching `arms:List\*`; not `arms:Get\*`\)/);
  assert.deepEqual(problems, []);
  await page.close();
});
