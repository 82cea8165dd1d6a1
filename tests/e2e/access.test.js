// Every page and every step of every flow, in English and Chinese, at 1440 px
// and 375 px: axe-core finds no serious or critical violation, nothing is
// wider than the screen, and a screenshot of each is saved as an artifact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serverAndBrowser, watchProblems, artifacts, axeProblems, signIn } from './harness.js';

const env = serverAndBrowser();

// Drafts that plan, so the review steps show a whole plan.
const drafts = {
  teammate: { users: 'alice, Alice Wang\nbob', mode: 'console', read_only: true },
  'team-group': { group: 'arms-team', comments: 'ARMS readers', new_members: 'carol' },
  share: { side: 'owner', trusted_account: '1680000000000002', external_id: 'ramp-0123456789abcdef' },
};

const pages = [
  ['workbench', '#/workbench'],
  ['credentials', '#/credentials'],
  ['studio', '#/studio'],
  ['access', '#/access'],
  ['change', '#/change'],
  ...[1, 2, 3, 4].map((n) => [`teammate-${n}`, `#/teammate?step=${n}`]),
  ...[1, 2, 3, 4].map((n) => [`team-group-${n}`, `#/team-group?step=${n}`]),
  ...[1, 2, 3, 4].map((n) => [`share-owner-${n}`, `#/share?step=${n}`]),
];

test('the axe check itself finds a known violation', async () => {
  const page = await env.browser.newPage();
  await page.setContent('<html lang="en"><body><main><img src="x.png"><button></button></main></body></html>');
  const found = await axeProblems(page);
  assert.ok(found.some((v) => v.startsWith('image-alt')) && found.some((v) => v.startsWith('button-name')), found.join('\n'));
  await page.close();
});

for (const width of [1440, 375]) {
  test(`every page and step at ${width} px, both languages: no serious axe violation, no sideways scrolling`, async () => {
    const base = env.server.base;
    const context = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${base}/#/workbench`);
    await page.evaluate((d) => {
      for (const [k, v] of Object.entries(d)) localStorage.setItem(`ramp.draft.${k}`, JSON.stringify(v));
      localStorage.setItem('ramp.draft.lang', 'en');
    }, drafts);
    await signIn(page, base, 0);
    const failures = [];
    for (const lang of ['en', 'zh']) {
      if (lang === 'zh') await page.getByTestId('lang-switch').click();
      await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
      for (const [name, hash] of pages) {
        await page.evaluate((h) => { location.hash = h; }, hash);
        await page.waitForFunction((h) => location.hash === h, hash);
        await page.locator('main.page > *').first().waitFor();
        if (hash.includes('step=4')) await page.locator('[data-testid=review], [data-testid=plan-error]').first().waitFor();
        const violations = await axeProblems(page);
        if (violations.length) failures.push(`${name} ${lang} ${width}px:\n  ${violations.join('\n  ')}`);
        const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        if (scroll > inner + 1) failures.push(`${name} ${lang} ${width}px: the page is ${scroll} px wide in a ${inner} px window`);
        await page.screenshot({ path: path.join(artifacts, `page-${name}-${lang}-${width}.png`), fullPage: true });
      }
    }
    assert.deepEqual(failures, []);
    // The review steps planned (the drafts above are valid).
    assert.deepEqual(problems, []);
    await context.close();
  });
}
