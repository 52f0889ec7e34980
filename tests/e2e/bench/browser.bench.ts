// The in-browser benchmarks (run by `cargo xtask bench`, not by the test command): the full recompute in
// wasm for S, M and L (`?bench=`), navigation to the first estimate on screen, keystroke to repaint, and on the
// L plan: its import, a keystroke in a version's field and view switches (keystrokeL, viewSwitchL, importLMs).
// Prints a table and writes tests/e2e/artifacts/bench.json.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const results: Record<string, unknown> = { date: new Date().toISOString() };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const size of ['S', 'M', 'L']) {
  test(`full recompute of ${size} in wasm`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/?bench=${size}`);
    const text = await page.locator('#bench-result').textContent({ timeout: 170_000 });
    const r = JSON.parse(text!);
    expect(r.size).toBe(size);
    results[size] = r;
  });
}

test('navigation to the first estimate on screen', async ({ page }) => {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    // A new query each time, so each is a real page load (the first is the cold one).
    await page.goto(`/?load=${i}#/costs`);
    await expect(page.locator('#storage-monthly')).toBeVisible();
    times.push(await page.evaluate(() => performance.getEntriesByName('acg-first-estimate')[0].startTime));
  }
  results.firstEstimateMs = { median: median(times), all: times };
});

test('keystroke in a name field of the sample plan to repaint', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  const field = page.getByLabel('Gallery name');
  await field.focus();
  // work: from the input event to the end of the app's update (handler, reducer, validation, render), which
  // is what must fit in a frame; toFrame: until the next animation frame after it (adds the wait for vsync).
  const times = await field.evaluate(async (input: HTMLInputElement) => {
    const work: number[] = [];
    const toFrame: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      input.focus();
      input.value = `contoso_prod${i % 2 ? 'x' : ''}`;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      // A field hands its text to the plan on a pause or a blur, not per keystroke: blur now, so the edit
      // (reducer, validation, render) is what is timed.
      input.blur();
      // A task after the app's microtasks (MessageChannel: no timer clamping).
      await new Promise<void>((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
      work.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
      toFrame.push(performance.now() - t0);
    }
    return { work, toFrame };
  });
  results.keystrokeToRepaintMs = {
    workMedian: median(times.work), workMax: Math.max(...times.work),
    toFrameMedian: median(times.toFrame), toFrameMax: Math.max(...times.toFrame),
  };
});

// A large team's plan: the L plan (10,000 versions), imported as Plan JSON through the Import view (timed:
// importLMs, from the click to the plan's name in the plans bar), then a keystroke in a version's form field
// and switches between views, timed as the sample's keystroke is.
test('on the L plan: import, keystroke in a version field, view switch', async ({ page }) => {
  test.setTimeout(1_200_000);
  const plan = execFileSync('cargo', ['run', '--quiet', '-p', 'acg-cli', '--', 'generate', '--size', 'L', '--seed', '42'], {
    cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  await page.goto('/#/io');
  await page.getByLabel(/Paste a Plan JSON/).fill(plan);
  const t0 = Date.now();
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Generated plan (10000 versions)', { timeout: 300_000 });
  results.importLMs = Date.now() - t0;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Design' }).click();
  const tree = page.getByRole('navigation', { name: 'Galleries, image definitions and versions' });
  await tree.getByRole('treeitem', { name: /^Definition ubuntu-image-001/ }).first().click({ timeout: 300_000 });
  // The version through Find in the tree (a big plan's definitions start collapsed), then the search cleared.
  await page.getByLabel('Find in the tree').fill('2.9.9');
  await tree.getByRole('treeitem', { name: /Version 2\.9\.9\b/ }).first().click({ timeout: 300_000 });
  await page.getByLabel('Find in the tree').fill('');
  const field = page.getByLabel('Version name');
  await expect(field).toHaveValue('2.9.9', { timeout: 300_000 });
  await field.focus();
  const keys = await field.evaluate(async (input: HTMLInputElement) => {
    const work: number[] = [];
    const toFrame: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      input.focus();
      input.value = i % 2 ? '2.9.9' : '2.9.19';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      input.blur(); // the edit itself, not the held-back typing (see above)
      await new Promise<void>((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
      work.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
      toFrame.push(performance.now() - t0);
    }
    return { work, toFrame };
  });
  // The saves those edits made (debounced: a burst is saved once): how long each kept the page busy.
  await page.waitForTimeout(3_000);
  const saves = await page.evaluate(() => performance.getEntriesByName('acg-save').map((e) => e.duration));
  results.saveL = { count: saves.length, median: saves.length ? median(saves) : null, max: saves.length ? Math.max(...saves) : null };
  results.keystrokeL = {
    workMedian: median(keys.work), workMax: Math.max(...keys.work),
    toFrameMedian: median(keys.toFrame), toFrameMax: Math.max(...keys.toFrame),
  };
  // View switches: a click on a menu link until the new view's content is in the document (the router renders
  // the view after the click's task), then the next frame. Issues once, on its own (issuesViewL): it renders all
  // 42,840 issues until it is windowed.
  const views: Record<string, string> = {
    Latest: 'td.latest-cell', Costs: '#storage-monthly', Design: '#design-tree, nav[aria-label="Galleries, image definitions and versions"]', Issues: 'ul.issue-list li',
  };
  const switchTo = (names: string[], rounds: number) => page.evaluate(async ({ names, rounds, views }) => {
    const times: Record<string, number[]> = {};
    const task = () => new Promise<void>((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
    for (let round = 0; round < rounds; round++) {
      for (const name of names) {
        const link = [...document.querySelectorAll<HTMLAnchorElement>('nav.menu a')].find((a) => a.textContent?.trim().startsWith(name));
        if (!link) throw new Error(`no menu link ${name}`);
        const t0 = performance.now();
        link.click();
        while (!document.querySelector(views[name])) await task();
        await new Promise((r) => requestAnimationFrame(r));
        (times[name] ??= []).push(performance.now() - t0);
      }
    }
    return times;
  }, { names, rounds, views });
  const switches = await switchTo(['Latest', 'Costs', 'Design'], 2);
  results.issuesViewL = { ms: (await switchTo(['Issues'], 1)).Issues[0] };
  const all = Object.values(switches).flat();
  results.viewSwitchL = {
    median: median(all), max: Math.max(...all),
    byView: Object.fromEntries(Object.entries(switches).map(([k, v]) => [k, median(v)])),
  };
});

test.afterAll(() => {
  const dir = join(__dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench.json'), JSON.stringify(results, null, 2));
  console.log(`\nin-browser benchmarks (headless Chromium):\n${JSON.stringify(results, null, 2)}`);
});
