// A large team's plan (#22): the generated L plan (10,000 versions, 61,918 target regions, 4 MB of Plan JSON)
// imported in the app as Plan JSON stays usable (tree, a version's form, Issues, Latest, Costs show their
// content) and survives a reload (saved in IndexedDB, packed). Content is asserted, never time: how fast is
// `cargo xtask bench`'s business.
import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** The L plan as Plan JSON, from the `acg` CLI of this checkout (`acg generate --size L`). */
function largePlan(): string {
  return execFileSync('cargo', ['run', '--quiet', '-p', 'acg-cli', '--', 'generate', '--size', 'L', '--seed', '42'], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
}

function tree(page: Page) {
  return page.getByRole('navigation', { name: 'Galleries, image definitions and versions' });
}

async function usable(page: Page) {
  await page.getByRole('link', { name: 'Design' }).click();
  const t = tree(page);
  await expect(t.getByRole('button', { name: /^Gallery gallery_04/ })).toBeVisible();
  await t.getByRole('button', { name: /^Definition ubuntu-image-001/ }).first().click();
  await expect(page.getByLabel('Definition name')).toHaveValue('ubuntu-image-001');
  await t.getByRole('button', { name: /Version 2\.9\.9/ }).first().click();
  await expect(page.getByLabel('Version name')).toHaveValue('2.9.9');
  // Every generated version lacks a source (VER-04): the Issues view lists them.
  await page.getByRole('link', { name: 'Issues' }).click();
  await expect(page.getByText('VER-04').first()).toBeVisible();
  await page.getByRole('link', { name: 'Latest' }).click();
  await expect(page.locator('td.latest-cell[data-definition="ubuntu-image-001"]').first()).toHaveText(/^\d+\.\d+\.\d+$/);
  await page.getByRole('link', { name: 'Costs' }).click();
  await expect(page.locator('#storage-monthly')).toHaveText(/^\$[\d,]+\.\d{2} \/ month$/);
}

test('the L plan (10,000 versions) imported as Plan JSON stays usable and survives a reload', async ({ page }) => {
  test.setTimeout(300_000);
  const plan = largePlan();
  expect(plan.length).toBeGreaterThan(4_000_000);
  await page.goto('/#/io');
  await page.getByLabel(/Paste a Plan JSON/).fill(plan);
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Generated plan (10000 versions)', { timeout: 60_000 });
  await usable(page);
  // Saved (the autosave's stamp), then read back after a reload.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('acg.plan.saved')), { timeout: 60_000 }).not.toBeNull();
  await expect(page.getByText(/^Not saved/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Plan name')).toHaveValue('Generated plan (10000 versions)', { timeout: 60_000 });
  await usable(page);
  // Too big for a share link: a clear message and the file instead.
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'this plan is too big for a share link' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the Plan JSON' })).toBeVisible();
});
