// A clear way in (issue 18): the app opens on a start page; the header says
// who is signed in on every page; demo buttons name their account; after the
// server restarts, a call with the old key signs the page out and says why,
// and signing in again uses the server's new keys; Copy says it copied; the
// sign-in notice is a link; at 375 px every tab and the demo accounts' roles
// are in view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, watchProblems } from './harness.js';

test('start page, who is signed in, and a server restart handled', async () => {
  let server = await startServer();
  const browser = await startBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, serviceWorkers: 'block' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
    const page = await context.newPage();
    await page.goto(`${server.base}/`);
    // A start page, not the signature workbench's red "AccessKey ID is empty".
    await page.getByTestId('start').waitFor();
    assert.equal(await page.locator('[role=alert]').count(), 0);
    assert.ok(await page.getByTestId('start-sandbox').isVisible());
    for (const flow of ['teammate', 'team-group', 'share', 'studio']) assert.ok(await page.getByTestId(`start-${flow}`).isVisible(), flow);
    assert.match(await page.getByTestId('signed-in').textContent(), /Not signed in/);

    // Demo buttons name their account.
    await page.getByTestId('start-sign-in').click();
    // Secret fields do not invite the browser to save them.
    assert.equal(await page.getByTestId('paste-secret').getAttribute('autocomplete'), 'off');
    assert.equal(await page.getByTestId('paste-secret').getAttribute('data-lpignore'), 'true');
    assert.match(await page.getByTestId('use-demo-0').textContent(), /ramp-demo-a/);
    assert.match(await page.getByTestId('use-demo-1').textContent(), /ramp-demo-b/);
    await page.getByTestId('use-demo-0').click();
    await page.getByTestId('identity-arn').waitFor();
    // The header says who, on every page.
    for (const nav of ['nav-studio', 'nav-teammate']) {
      await page.getByTestId(nav).click();
      assert.match(await page.getByTestId('signed-in').textContent(), /ramp-demo-a \(1680000000000001\) · user\/admin/);
    }

    // The server restarts (new demo keys) on the same address.
    await server.stop();
    server = await startServer([], server.port);
    // The next call with the old key is refused: the page signs out and says why.
    await page.reload();
    await page.getByTestId('nav-credentials').click();
    // (a reload forgets the keys anyway: sign in, then restart again to see a live page react)
    await page.getByTestId('use-demo-0').click();
    await page.getByTestId('identity-arn').waitFor();
    await server.stop();
    server = await startServer([], server.port);
    await page.getByTestId('nav-teammate').click();
    await page.getByTestId('signed-out').waitFor({ timeout: 10000 });
    assert.match(await page.getByTestId('signed-out').textContent(), /no longer knows the AccessKey LTAI\*\*\*/);
    assert.match(await page.getByTestId('signed-in').textContent(), /Not signed in/);
    // The sign-in notice is a link; signing in again uses the server's new keys.
    await page.getByTestId('sign-in-link').click();
    await page.getByTestId('use-demo-0').click();
    await page.getByTestId('identity-arn').waitFor({ timeout: 10000 });
    assert.equal(await page.getByTestId('signed-out').count(), 0);
    assert.match(await page.getByTestId('signed-in').textContent(), /user\/admin/);

    // Copy says it copied.
    await page.getByTestId('nav-studio').click();
    await page.getByTestId('share-link').click();
    await page.getByTestId('share-link').filter({ hasText: 'Copied' }).waitFor();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /#\/studio\?/);
    await context.close();

    // 375 px: every tab and the demo accounts' roles are in view.
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const problems = watchProblems(phone);
    await phone.goto(`${server.base}/#/credentials`);
    await phone.getByTestId('demo-accounts').waitFor();
    const boxes = await phone.locator('nav.nav a').evaluateAll((links) => links.map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.textContent, left: r.left, right: r.right };
    }));
    assert.ok(boxes.length >= 7);
    for (const b of boxes) assert.ok(b.left >= 0 && b.right <= 375, `${b.text} is out of view: ${b.left}-${b.right}`);
    for (const purpose of await phone.locator('.accounts .purpose').all()) {
      assert.ok(await purpose.isVisible());
      const r = await purpose.boundingBox();
      assert.ok(r.x >= 0 && r.x + r.width <= 375, JSON.stringify(r));
    }
    assert.deepEqual(problems, []);
    await phone.close();
  } finally {
    await browser.close();
    await server.stop();
  }
});
