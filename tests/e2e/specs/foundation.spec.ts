import { test, expect } from '@playwright/test';

test('the app mounts and checks a version name with acg-core', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Compute Gallery Planner' })).toBeVisible();

  const field = page.getByRole('textbox', { name: 'Image version name' });
  await field.fill('1.0.12');
  await expect(page.locator('#version-name-message')).toHaveText('✓ Valid: major 1, minor 0, patch 12');
  await field.fill('1.0');
  await expect(page.locator('#version-name-message')).toHaveText(
    '✗ Invalid: expected three numbers separated by dots (Major.Minor.Patch), found 2 parts');
  await field.fill('1.0.x');
  await expect(page.locator('#version-name-message')).toHaveText(
    "✗ Invalid: the Patch part 'x' is not a number: only digits 0-9 are allowed");
  expect(errors).toEqual([]);
});

test('the benchmark mode runs the full recompute in wasm and reports it (figures are in BENCHMARKS.md)', async ({ page }) => {
  await page.goto('/?bench=S');
  const r = JSON.parse((await page.locator('#bench-result').textContent())!);
  expect(r.size).toBe('S');
  expect(r.versions).toBe(10);
  expect(r.runs).toBe(200);
  expect(r.fullRecomputeMedianMs).toBeGreaterThan(0);
  expect(r.baselineMedianMs).toBeGreaterThanOrEqual(0);
  await page.goto('/#/costs');
  await expect(page.locator('#storage-monthly')).toBeVisible();
  expect(await page.evaluate(() => performance.getEntriesByName('acg-first-estimate').length)).toBe(1);
});
