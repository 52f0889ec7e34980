// The in-browser benchmarks (run by `cargo xtask bench`, not by the test command): the full recompute in
// wasm for S, M and L (`?bench=`), navigation to the first estimate on screen, and keystroke to repaint.
// Prints a table and writes tests/e2e/artifacts/bench.json.
import { test, expect } from '@playwright/test';
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
  await page.getByRole('button', { name: /^Gallery contoso_prod/ }).click();
  const field = page.getByLabel('Gallery name');
  await field.focus();
  // work: from the input event to the end of the app's update (handler, reducer, validation, render), which
  // is what must fit in a frame; toFrame: until the next animation frame after it (adds the wait for vsync).
  const times = await field.evaluate(async (input: HTMLInputElement) => {
    const work: number[] = [];
    const toFrame: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      input.value = `contoso_prod${i % 2 ? 'x' : ''}`;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
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

test.afterAll(() => {
  const dir = join(__dirname, '..', 'artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench.json'), JSON.stringify(results, null, 2));
  console.log(`\nin-browser benchmarks (headless Chromium):\n${JSON.stringify(results, null, 2)}`);
});
