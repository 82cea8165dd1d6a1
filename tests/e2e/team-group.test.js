// Team group end to end in the sandbox (account B): a group with ARMS full
// access attached once and two existing users as members; the sandbox's state
// checked through the API; applying the same plan again finds everything there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serverAndBrowser, watchProblems, artifacts, callV1, noSecretsLeft, next } from './harness.js';

const env = serverAndBrowser();

test('a team group with ARMS full access and two members', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const b = info.accounts[1];
  for (const u of ['dev-a', 'dev-b']) await callV1(base, b.admin, 'CreateUser', '2015-05-01', { UserName: u });

  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  // Every request line the page sends (what an access log in front of `ramp serve` records).
  const requestLines = [];
  page.on('request', (r) => requestLines.push(r.url()));
  await page.goto(`${base}/#/credentials`);
  await page.getByTestId('use-demo-1').click();
  await page.getByTestId('identity-arn').filter({ hasText: `acs:ram::${b.id}:user/admin` }).waitFor({ timeout: 10000 });
  await page.getByTestId('nav-team-group').click();
  await page.getByTestId('group').fill('arms team');
  await page.getByTestId('next').click();
  assert.match(await page.getByTestId('group-error').textContent(), /GroupName/);
  await page.getByTestId('group').fill('arms-team');
  await next(page);
  await page.getByTestId('arms-full').check();
  await next(page);
  await page.getByTestId('member-dev-a').check();
  await page.getByTestId('member-dev-b').check();
  await page.getByTestId('new-members').fill('dev-c, Dev C');
  await page.getByTestId('review-button').click();
  await page.getByTestId('review').waitFor();
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  await page.screenshot({ path: path.join(artifacts, 'team-group-applied-en.png'), fullPage: true });

  await page.getByTestId('secrets').waitFor();
  assert.equal(await page.locator('[data-testid=secrets] tr').count(), 1);
  for (const u of ['dev-a', 'dev-b', 'dev-c']) {
    const groups = await callV1(base, b.admin, 'ListGroupsForUser', '2015-05-01', { UserName: u });
    assert.deepEqual(groups.Groups.Group.map((g) => g.GroupName), ['arms-team']);
  }
  const policies = await callV1(base, b.admin, 'ListPoliciesForGroup', '2015-05-01', { GroupName: 'arms-team' });
  assert.deepEqual(policies.Policies.Policy.map((p) => p.PolicyName), ['AliyunARMSFullAccess']);

  // The console password went in the signed form body, never in a URL.
  assert.ok(requestLines.some((u) => u.includes('/relay/ram')), `${requestLines.length} requests`);
  assert.ok(!requestLines.some((u) => /Password=/i.test(u)), requestLines.filter((u) => /Password=/i.test(u)).join('\n'));
  await page.getByTestId('show-secrets').click();
  const shownPassword = (await page.getByTestId('secret-value').first().textContent()).trim();
  assert.ok(shownPassword.length >= 8 && !requestLines.some((u) => u.includes(encodeURIComponent(shownPassword)) || u.includes(shownPassword)), 'the password is in no request line');
  await page.getByTestId('show-secrets').click();
  const login = await callV1(base, b.admin, 'GetLoginProfile', '2015-05-01', { UserName: 'dev-c' });
  assert.equal(login.LoginProfile.PasswordResetRequired, true);

  // Leaving before confirming the secrets were saved asks first; "cancel" stays.
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await page.getByTestId('nav-studio').click();
  assert.match(asked.join(), /not marked as saved/);
  assert.ok(await page.getByTestId('secrets').isVisible());
  await page.getByTestId('secrets-saved').check();

  // The same plan again (after a reload: the draft is kept): nothing new, every step already there.
  await page.reload();
  await page.goto(`${base}/#/credentials`);
  await page.getByTestId('use-demo-1').click();
  await page.getByTestId('identity-arn').waitFor();
  await page.goto(`${base}/#/team-group?step=3`);
  // The same draft, new member included: every creating step is already
  // there (the password read is simply done again), and no secret is shown.
  assert.equal(await page.getByTestId('new-members').inputValue(), 'dev-c, Dev C');
  await page.getByTestId('review-button').click();
  await page.getByTestId('apply').click();
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  const actions = await page.locator('[data-testid=review] li.step code').allTextContents();
  const states = await page.locator('[data-testid=review] li.step .state').allTextContents();
  assert.ok(states.length > 0);
  states.forEach((s, i) => {
    if (/GetPasswordPolicy/.test(actions[i])) assert.match(s, /done/);
    else assert.match(s, /already there/, `${actions[i]}: ${s}`);
  });
  assert.ok(states.some((s) => /password unchanged, not shown/.test(s)), states.join());
  assert.equal(await page.getByTestId('secrets').count(), 0, 'no secret the second time');
  // And it says so: nothing was changed, rather than "every step is done".
  assert.match(await page.getByTestId('applied').textContent(), /Nothing to change: everything was already there/);

  await page.getByTestId('lang-switch').click();
  await page.getByText('确认并执行').first().waitFor();
  await page.screenshot({ path: path.join(artifacts, 'team-group-applied-zh.png'), fullPage: true });
  await noSecretsLeft(page, [b.admin.access_key_secret]);
  // Re-applying meets 409 EntityAlreadyExists answers on purpose: the relay
  // carries them in x-ramp-upstream-status, so the console stays clean.
  assert.deepEqual(problems, []);
  await page.close();
});
