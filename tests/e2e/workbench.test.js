// The walking skeleton end to end: `ramp serve` serves the app with its security
// headers; the workbench signs the Alibaba Cloud documentation example in the
// browser (ramp-core compiled to wasm); the language switch works both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serverAndBrowser, watchProblems, artifacts } from './harness.js';

// Alibaba Cloud's signature documentation example (DescribeRegions, V1).
const DOC_EXAMPLE = {
  host: 'ecs.aliyuncs.com', action: 'DescribeRegions', version: '2014-05-26', params: 'Format=XML',
  id: 'testid', secret: 'testsecret', time: '2016-02-23T12:46:24Z', nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
};
const DOC_SIGNATURE = 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=';

const env = serverAndBrowser();

test('serves the app with a strict CSP carrying a fresh nonce', async () => {
  const first = await fetch(`${env.server.base}/`);
  const csp = first.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'nonce-[A-Za-z0-9+/=]{24}'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(first.headers.get('referrer-policy'), 'no-referrer');
  const nonce = csp.match(/'nonce-([^']+)'/)[1];
  assert.ok((await first.text()).includes(`nonce="${nonce}"`));
  const second = await fetch(`${env.server.base}/`);
  assert.notEqual(second.headers.get('content-security-policy'), csp);
});

test('signs the documentation example in the browser and switches language', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1360, height: 1100 } });
  const problems = watchProblems(page);
  const response = await page.goto(`${env.server.base}/#/workbench`);
  assert.ok(response.headers()['content-security-policy'].includes("'wasm-unsafe-eval'"));

  await page.getByTestId('scheme-V1').click();
  await page.getByTestId('method').selectOption('GET');
  for (const [testid, value] of [
    ['host', DOC_EXAMPLE.host], ['action', DOC_EXAMPLE.action], ['version', DOC_EXAMPLE.version],
    ['params', DOC_EXAMPLE.params], ['access-key-id', DOC_EXAMPLE.id], ['access-key-secret', DOC_EXAMPLE.secret],
    ['timestamp', DOC_EXAMPLE.time], ['nonce', DOC_EXAMPLE.nonce],
  ]) {
    await page.getByTestId(testid).fill(value);
  }
  await assert.doesNotReject(page.getByTestId('out-signature').filter({ hasText: DOC_SIGNATURE }).waitFor({ timeout: 5000 }));
  assert.equal((await page.getByTestId('out-signature').textContent()).trim(), DOC_SIGNATURE);
  const stringToSign = await page.getByTestId('out-string-to-sign').textContent();
  assert.ok(stringToSign.startsWith('GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML'), stringToSign);
  assert.ok((await page.getByTestId('out-url').textContent()).includes('Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D'));
  await page.screenshot({ path: path.join(artifacts, 'workbench-en.png'), fullPage: true });

  // A server that saw Format=JSON: the comparison names the parameter.
  await page.getByTestId('server-text').fill(stringToSign.replace('Format%3DXML', 'Format%3DJSON'));
  const differences = await page.getByTestId('differences').textContent();
  assert.match(differences, /Format: we signed “XML”, the server saw “JSON”/);

  await page.getByTestId('lang-switch').click();
  await page.locator('h1', { hasText: '签名工作台' }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await page.getByTestId('differences').textContent(), /Format：签名值为“XML”，服务端收到“JSON”/);
  assert.equal((await page.getByTestId('out-signature').textContent()).trim(), DOC_SIGNATURE, 'switching language keeps the input');
  await page.screenshot({ path: path.join(artifacts, 'workbench-zh.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();
  await page.locator('h1', { hasText: 'Signature workbench' }).waitFor({ timeout: 5000 });

  // A bad timestamp gets an error that names the rule, and the draft is kept.
  await page.getByTestId('timestamp').fill('yesterday');
  assert.match(await page.getByTestId('timestamp-error').textContent(), /yyyy-MM-ddTHH:mm:ssZ/);
  assert.equal(await page.getByTestId('access-key-id').inputValue(), 'testid');


  // The secret never reaches the URL or storage.
  assert.ok(!page.url().includes('testsecret'));
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  assert.ok(!stored.includes('testsecret'), stored);

  assert.deepEqual(problems, [], problems.join('\n'));
  await page.close();
});

test('the flow pages load on demand, beside the shell, and follow its language', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1360, height: 1000 } });
  const problems = watchProblems(page);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${env.server.base}/#/workbench`);
  await page.locator('h1', { hasText: 'Signature workbench' }).waitFor();
  assert.deepEqual(requested.filter((p) => p.startsWith('/flows/')), [], 'the first page does not fetch the flows module');

  await page.getByRole('link', { name: /Teammate/ }).first().click();
  await page.getByTestId('step-heading').filter({ hasText: '1 / ' }).waitFor({ timeout: 10000 });
  assert.ok(requested.includes('/flows/ramp-flows_bg.wasm'), requested.join(' '));
  // The flow's <main> is outside the shell's root (two Yew instances never share a root).
  const layout = await page.evaluate(() => ({
    inShell: !!document.querySelector('#ramp-shell [data-testid=step-heading]'),
    inFlow: !!document.querySelector('main#ramp-flow:not([hidden]) [data-testid=step-heading]'),
    mains: [...document.querySelectorAll('main')].filter((m) => !m.hidden).length,
  }));
  assert.deepEqual(layout, { inShell: false, inFlow: true, mains: 1 });

  // Typing in the flow is handled by the flow alone; the shell's switch changes its language.
  await page.getByTestId('users').fill('on-demand');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('step-heading').filter({ hasText: /1 \/ \d+/ }).filter({ hasText: /[\u4e00-\u9fff]/ }).waitFor({ timeout: 5000 });
  assert.equal(await page.getByTestId('users').inputValue(), 'on-demand');
  await page.getByTestId('lang-switch').click();

  // The studio is a page of the same module (it needs the engine, which lives there).
  await page.getByRole('link', { name: /policy studio/i }).first().click();
  await page.getByTestId('studio').waitFor();
  assert.equal(await page.locator('main#ramp-flow:not([hidden]) [data-testid=studio]').count(), 1);
  assert.equal(requested.filter((p) => p.endsWith('.wasm')).length, 2, `the shell and the pages module, once each: ${requested.join(' ')}`);

  // Back to a shell page: the flow's root is emptied and hidden again.
  await page.getByRole('link', { name: /workbench/i }).first().click();
  await page.locator('h1', { hasText: 'Signature workbench' }).waitFor();
  assert.equal(await page.evaluate(() => document.getElementById('ramp-flow').hidden), true);
  assert.equal(await page.getByTestId('studio').count(), 0);
  assert.equal(await page.getByTestId('step-heading').count(), 0);
  assert.deepEqual(problems, [], problems.join('\n'));
  await page.close();
});
