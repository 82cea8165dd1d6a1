// A whole flow with the keyboard alone: sign in, give a teammate both a typed
// console password and an AccessKey (the "both" warning confirmed), review,
// apply, confirm the secrets were saved. Every control is reached with Tab,
// operated with Enter, Space or the arrow keys; focus lands on each new
// step's heading and is visible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serverAndBrowser, watchProblems, artifacts, callV1, noSecretsLeft } from './harness.js';

const env = serverAndBrowser();

const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.id ?? '');

// Presses Tab until the control with `testid` has the focus (at most 80 times).
async function tabTo(page, testid) {
  for (let i = 0; i < 80; i++) {
    if ((await focused(page)) === testid) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${testid}`);
}

test('teammate access with the keyboard alone', async () => {
  const base = env.server.base;
  const info = await (await fetch(`${base}/api/info`)).json();
  const a = info.accounts[0];
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const problems = watchProblems(page);
  await page.goto(`${base}/#/credentials`);
  await page.getByTestId('use-demo-0').waitFor();

  await tabTo(page, 'use-demo-0');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control shows where the focus is');
  await page.keyboard.press('Enter');
  await page.getByTestId('identity-arn').waitFor({ timeout: 10000 });
  await tabTo(page, 'nav-teammate');
  await page.keyboard.press('Enter');
  await page.getByTestId('users').waitFor();

  await tabTo(page, 'users');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('kb-user, Keyboard User');
  await tabTo(page, 'next');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'step-heading');
  assert.match(await page.getByTestId('step-heading').textContent(), /2 \/ 4/);

  // Sign-in: console → both (arrow keys in the radio group), then confirm.
  await tabTo(page, 'access-console');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByTestId('access-both').isChecked());
  await page.getByTestId('both-warning').waitFor();
  // Next without the confirmation names it.
  await tabTo(page, 'next');
  await page.keyboard.press('Enter');
  await page.getByTestId('both-confirmed-error').waitFor();
  await tabTo(page, 'both-confirmed');
  await page.keyboard.press('Space');
  assert.ok(await page.getByTestId('both-confirmed').isChecked());
  await tabTo(page, 'password-generate');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.getByTestId('password-type').isChecked());
  await tabTo(page, 'password');
  await page.keyboard.type('short1A');
  // The demo account's policy asks for 12 characters: the rule shows as one types.
  assert.match(await page.getByTestId('password-error').textContent(), /12-32/);
  assert.match(await page.getByTestId('password-strength').textContent(), /weak/);
  const password = 'Kb-Typed-Pass-2026!';
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(password);
  assert.equal(await page.getByTestId('password-error').count(), 0, await page.getByTestId('password-error').textContent().catch(() => ''));
  assert.match(await page.getByTestId('password-strength').textContent(), /strong/);
  await page.screenshot({ path: path.join(artifacts, 'keyboard-sign-in-step-en.png'), fullPage: true });
  await tabTo(page, 'next');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'step-heading');

  await tabTo(page, 'review-button');
  await page.keyboard.press('Enter');
  await page.getByTestId('review').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-heading');
  assert.match(await page.getByTestId('logon-names').textContent(), /kb-user@ramp-demo-a\.onaliyun\.com.*kb-user@ramp-demo-a/s);
  await tabTo(page, 'apply');
  await page.keyboard.press('Enter');
  await page.getByTestId('applied').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('[data-testid=secrets] tr').count(), 2);
  await tabTo(page, 'secrets-saved');
  await page.keyboard.press('Space');
  assert.ok(await page.getByTestId('secrets-saved').isChecked());
  await page.screenshot({ path: path.join(artifacts, 'keyboard-applied-en.png'), fullPage: true });

  // The user has both, and the typed password is the one set.
  const login = await callV1(base, a.admin, 'GetLoginProfile', '2015-05-01', { UserName: 'kb-user' });
  assert.equal(login.LoginProfile.MFABindRequired, true);
  const keys = await callV1(base, a.admin, 'ListAccessKeys', '2015-05-01', { UserName: 'kb-user' });
  assert.equal(keys.AccessKeys.AccessKey.length, 1);
  const csvRow = await page.locator('[data-testid=secrets] tr').allTextContents();
  assert.ok(csvRow.every((r) => !r.includes(password)), 'secrets stay masked until shown');
  await noSecretsLeft(page, [password, a.admin.access_key_secret]);
  assert.deepEqual(problems, []);
  await page.close();
});
