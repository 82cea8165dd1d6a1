// The Access page against `ramp serve --seed org:60`: the account read in the
// browser shows the same levels, per principal, as `ramp audit --format json`
// reading the same sandbox from the command line; filters, search, a row's
// paths, who-can and the downloads work; no secret is left behind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer, startBrowser, watchProblems, signIn, noSecretsLeft, callV1, axeProblems, artifacts } from './harness.js';

const env = { server: null, browser: null };
before(async () => {
  env.server = await startServer(['--seed', 'org:60']);
  env.browser = await startBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.server?.stop();
});

async function cliAudit(base, key) {
  const bin = process.env.RAMP_BIN ?? '../target/debug/ramp';
  const { stdout } = await promisify(execFile)(bin, ['audit', '--endpoint', base, '--format', 'json'], {
    env: { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: key.access_key_id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.access_key_secret },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

// Every row of the Access table, scrolling it through: only the rows near the
// view are drawn, each closed row exactly the height the layout assumes.
async function everyRow(page) {
  return page.getByTestId('access-scroll').evaluate(async (box) => {
    const seen = new Map();
    let drawnMost = 0;
    for (let i = 0; i < 1000; i++) {
      const rows = [...box.querySelectorAll('[data-testid=access-row]')];
      drawnMost = Math.max(drawnMost, rows.length);
      for (const r of rows) {
        seen.set(`${r.dataset.type}/${r.dataset.name}`, r.dataset.arms);
        if (r.offsetHeight !== Number(box.dataset.rowHeight)) throw new Error(`row ${r.dataset.name} is ${r.offsetHeight}px, not ${box.dataset.rowHeight}`);
      }
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
      box.scrollTop += box.clientHeight;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    return { seen: [...seen], drawnMost };
  });
}

test('the browser and ramp audit read the same account the same way', async () => {
  const info = await (await fetch(`${env.server.base}/api/info`)).json();
  const a = info.accounts[0];
  // An explicit Deny that cancels one member's group grant, made through the API.
  const deny = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'arms:*', Resource: '*' }] });
  await callV1(env.server.base, a.admin, 'CreatePolicy', '2015-05-01', { PolicyName: 'deny-arms', PolicyDocument: deny });
  await callV1(env.server.base, a.admin, 'AttachPolicyToUser', '2015-05-01', { PolicyType: 'Custom', PolicyName: 'deny-arms', UserName: 'user-00003' });
  const cli = await cliAudit(env.server.base, a.admin);
  assert.equal(cli.complete, true);
  const expected = new Map(cli.principals.map((p) => [`${p.type}/${p.name}`, p.arms]));
  assert.equal(expected.get('user/user-00003'), 'none');

  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  await signIn(page, env.server.base, 0);
  await page.goto(`${env.server.base}/#/access`);
  await page.getByTestId('access-read').click();
  await page.getByTestId('access-results').waitFor({ timeout: 60000 });
  // Every principal, scrolling the table through.
  const scrolled = await everyRow(page);
  assert.equal(scrolled.seen.length, expected.size);
  assert.ok(scrolled.drawnMost < expected.size, `${scrolled.drawnMost} of ${expected.size} rows drawn at once`);
  for (const [who, level] of scrolled.seen) assert.equal(level, expected.get(who), who);

  // Filters and search.
  await page.getByTestId('access-level').selectOption('full');
  const full = await page.$$eval('[data-testid=access-row]', (rows) => rows.map((r) => r.dataset.arms));
  assert.ok(full.length > 0 && full.every((l) => l === 'full'), String(full));
  await page.getByTestId('access-level').selectOption('');
  await page.getByTestId('access-search').fill('user-00003');
  const one = page.getByTestId('access-row');
  assert.equal(await one.count(), 1);
  // Its row opens to the Deny that takes its group's grant away.
  await one.locator('summary').click();
  assert.match(await one.locator('.denied').first().textContent(), /deny-arms/);
  await page.getByTestId('access-search').fill('viewer-000');
  await page.getByTestId('access-row').locator('summary').click();
  assert.match(await page.getByTestId('assumer').textContent(), /account 1680000000000002.*no ExternalId/);

  // The screenshots docs/audit.md shows: one team's rows, a row opened.
  await page.getByTestId('access-search').fill('user-0000');
  await page.getByTestId('access-row').first().locator('summary').click();
  // The filters show what they filter by (the selects are controlled).
  assert.deepEqual([await page.getByTestId('access-level').inputValue(), await page.getByTestId('access-type').inputValue()], ['', '']);
  await page.screenshot({ path: path.join(artifacts, 'access-review-en.png') });
  await page.getByTestId('lang-switch').click();
  await page.getByText('谁拥有 ARMS 权限').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'access-review-zh.png') });
  await page.getByTestId('lang-switch').click();
  await page.getByText('Who has ARMS access').waitFor();

  // Who can, and the downloads (the same report as the CLI's).
  await page.getByTestId('who-can-ask').click();
  const answer = await page.getByTestId('who-can-answer').textContent();
  assert.match(answer, /user admin/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('access-json').click()]);
  const report = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.deepEqual(new Map(report.principals.map((p) => [`${p.type}/${p.name}`, p.arms])), expected);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('access-csv').click()]);
  assert.match(await readFile(await csv.path(), 'utf8'), /^type,name,arn,arms,scope,level,paths,denied_by\n/);
  assert.ok((await page.getByTestId('access-findings').locator('li').count()) > 0);

  // Drift: a plan for team-0000 (which the seed gave full access) wants read-only.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ramp-review-'));
  const intent = path.join(dir, 'intent.json');
  await writeFile(intent, JSON.stringify({ flow: 'team-group', account: { id: a.id, alias: 'ramp-demo-a' }, group: 'team-0000', arms: 'read-only', members: ['user-00000'] }));
  const { stdout: plan } = await promisify(execFile)(process.env.RAMP_BIN ?? '../target/debug/ramp', ['plan', intent, '--export', 'json']);
  const planFile = path.join(dir, 'plan.json');
  await writeFile(planFile, plan);
  await page.getByTestId('drift-file').setInputFiles(planFile);
  const drift = page.getByTestId('drift');
  await drift.waitFor();
  const states = await drift.locator('li').evaluateAll((items) => items.map((li) => [li.dataset.state, li.textContent]));
  assert.ok(states.some(([s, t]) => s === 'already-there' && /group team-0000/.test(t)), JSON.stringify(states));
  assert.ok(states.some(([s, t]) => s === 'missing' && /AliyunARMSReadOnlyAccess/.test(t)), JSON.stringify(states));
  assert.ok(states.some(([s, t]) => s === 'extra' && /AliyunARMSFullAccess/.test(t)), JSON.stringify(states));
  assert.deepEqual(await axeProblems(page), []);
  await noSecretsLeft(page, [a.admin.access_key_secret]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a survey saved by ramp audit --save opens without signing in, and a wrong file says what it is not', async () => {
  const info = await (await fetch(`${env.server.base}/api/info`)).json();
  const a = info.accounts[0];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ramp-saved-'));
  const saved = path.join(dir, 'survey.json');
  const bin = process.env.RAMP_BIN ?? '../target/debug/ramp';
  const { stdout } = await promisify(execFile)(bin, ['audit', '--endpoint', env.server.base, '--format', 'json', '--save', saved], {
    env: { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: a.admin.access_key_id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: a.admin.access_key_secret },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e) => e);
  const expected = new Map(JSON.parse(stdout).principals.map((p) => [`${p.type}/${p.name}`, p.arms]));

  const page = await env.browser.newPage();
  const problems = watchProblems(page);
  await page.goto(`${env.server.base}/#/access`);
  const wrong = path.join(dir, 'not-a-survey.json');
  await writeFile(wrong, JSON.stringify({ Version: '1', Statement: [] }));
  await page.getByTestId('access-open').setInputFiles(wrong);
  assert.match(await page.getByTestId('access-error').textContent(), /not a survey saved by `ramp audit --save`/);

  await page.getByTestId('access-open').setInputFiles(saved);
  await page.getByTestId('access-results').waitFor();
  assert.equal(await page.getByTestId('access-count').textContent(), ` ${expected.size} / ${expected.size}`);
  await page.getByTestId('access-search').fill('user-00003');
  const row = page.getByTestId('access-row');
  assert.equal(await row.count(), 1);
  assert.equal(await row.getAttribute('data-arms'), expected.get('user/user-00003'));
  await page.getByTestId('who-can-ask').click();
  assert.match(await page.getByTestId('who-can-answer').textContent(), /user admin/);
  assert.deepEqual(problems.filter((p) => !/access-error|net::ERR/.test(p)), []);
  await page.close();
});

test('the account the official Python SDK made messy reads the same in the browser as in ramp audit: levels, paths, the Deny, the assumers', async () => {
  const server = await startServer(); // the demo seed
  try {
    const info = await (await fetch(`${server.base}/api/info`)).json();
    const a = info.accounts[0];
    const python = path.join(process.env.RAMP_TOOLS ?? path.join(os.homedir(), '.cache/ramp/tools'), 'venv/bin/python');
    await promisify(execFile)(python, ['messy_account.py', new URL(server.base).host, a.admin.access_key_id, a.admin.access_key_secret, a.resource_groups[0][0]],
      { cwd: new URL('../compat/', import.meta.url).pathname });
    const cli = await cliAudit(server.base, a.admin);
    const expected = new Map(cli.principals.map((p) => [`${p.type}/${p.name}`, p.arms]));
    assert.deepEqual(['alice', 'bob', 'carol', 'dave', 'erin'].map((u) => expected.get(`user/${u}`)), ['full', 'read-only', 'none', 'read-only', 'partial']);

    const page = await env.browser.newPage();
    const problems = watchProblems(page);
    await signIn(page, server.base, 0);
    await page.goto(`${server.base}/#/access`);
    await page.getByTestId('access-read').click();
    await page.getByTestId('access-results').waitFor({ timeout: 60000 });
    const shown = await everyRow(page);
    assert.deepEqual(new Map(shown.seen), expected);
    // Each row opens to what the CLI says, in words.
    const open = async (name) => {
      await page.getByTestId('access-search').fill(name);
      const row = page.locator(`[data-testid=access-row][data-name="${name}"]`);
      await row.locator('summary').click();
      return row.locator('.paths').textContent();
    };
    assert.match(await open('bob'), /group readers → AliyunARMSReadOnlyAccess/);
    await page.getByTestId('access-search').fill('carol');
    await page.locator('[data-testid=access-row][data-name="carol"] summary').click();
    assert.match(await page.locator('[data-testid=access-row][data-name="carol"] .denied').textContent(), /deny-arms .*statement 0 \(Deny\)/);
    assert.match(await open('dave'), new RegExp(`${a.resource_groups[0][0]} — read-only`));
    assert.match(await open('erin'), /arms-shop-apps/);
    assert.match(await open('cross-viewer'), /account 1680000000000002.*\(no ExternalId, no MFA\)/);
    assert.doesNotMatch(await open('guarded-viewer'), /no ExternalId/);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await server.stop();
  }
});
