// A large team's plan (#22): the generated L plan (10,000 versions, 61,918 target regions, 4 MB of Plan JSON)
// imported in the app as Plan JSON stays usable (tree, a version's form, the issues, Latest, Costs show their
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

// Generous timeouts: on this 2-core machine, shared, an import and the first validation of L take seconds.
const slow = { timeout: 150_000 };

async function usable(page: Page): Promise<string | null> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Design' }).click();
  const t = tree(page);
  // A big plan opens as its galleries and definitions; only the rows in view are in the document.
  const first = t.getByRole('treeitem', { name: /^Gallery gallery_00/ });
  await expect(first).toBeVisible(slow);
  await expect(first).toHaveAttribute('aria-setsize', '5');
  await expect(t.getByRole('treeitem', { name: /^Definition ubuntu-image-001/ })).toHaveAttribute('aria-expanded', 'false');
  expect(await t.getByRole('treeitem').count()).toBeLessThan(100);
  // Each row shows some of its name and its whole counts, though 4-digit counts do not fit beside a whole name:
  // a badge is its count and a symbol (as in the menu), its word kept for screen readers.
  for (const name of [/^Gallery gallery_00/, /^Definition ubuntu-image-001/]) {
    const row = t.getByRole('treeitem', { name });
    await expect(row).toHaveAccessibleName(/\d+ errors? \d+ warnings?$/);
    await expect(row.locator('.badge.error .mark')).toHaveText('✗');
    await expect(row.locator('.badge.warning .mark')).toHaveText('⚠');
    const shown = await row.evaluate((el) => {
      const width = (sel: string) => Math.min(...[...el.querySelectorAll(sel)].map((e) => (e as HTMLElement).getBoundingClientRect().width));
      const right = Math.min(el.getBoundingClientRect().right, el.closest('.window')!.getBoundingClientRect().right);
      const clipped = [...el.querySelectorAll('.badge .count, .badge .mark')].some((e) => e.scrollWidth > (e as HTMLElement).getBoundingClientRect().width + 0.5
        || e.getBoundingClientRect().right > right);
      return { name: width('.node-name'), clipped };
    });
    expect(shown.name).toBeGreaterThan(30);
    expect(shown.clipped).toBe(false);
  }
  // The keyboard reaches rows that were not rendered: End goes to the last definition (of gallery_04), Home back.
  await first.click();
  await page.keyboard.press('End');
  const last = t.getByRole('treeitem', { name: /^Definition \w+-image-049/ });
  await expect(last).toBeFocused(slow);
  await expect(last).toBeInViewport();
  await expect(page.getByLabel('Definition name')).toHaveValue(/-image-049$/, slow);
  await page.keyboard.press('Home');
  await expect(first).toBeFocused(slow);
  // A definition expands to its 200 versions.
  const definition = t.getByRole('treeitem', { name: /^Definition ubuntu-image-001/ });
  await definition.click(slow);
  await expect(page.getByLabel('Definition name')).toHaveValue('ubuntu-image-001', slow);
  await page.keyboard.press('ArrowRight');
  await expect(definition).toHaveAttribute('aria-expanded', 'true', slow);
  await expect(t.getByRole('treeitem', { name: /^Version / }).first()).toHaveAttribute('aria-setsize', '200');
  // Find in the tree searches collapsed definitions too; a version's form field is edited, the tree follows.
  await page.getByLabel('Find in the tree').fill('2.9.9');
  await t.getByRole('treeitem', { name: /Version 2\.9\.9\b/ }).first().click(slow);
  await expect(page.getByLabel('Version name')).toHaveValue('2.9.9', slow);
  await page.getByLabel('Find in the tree').fill('');
  await page.getByLabel('Version name').fill('2.9.99');
  await expect(t.getByRole('treeitem', { name: /^Version 2\.9\.99\b/ })).toBeVisible(slow);
  await page.getByLabel('Version name').fill('2.9.9');
  await expect(t.getByRole('treeitem', { name: /^Version 2\.9\.9\b/ }).first()).toBeVisible(slow);
  await latestAndCosts(page);
  // The issues, counted in the menu (every generated version lacks a source, VER-04, an error), and the Issues
  // view, which lists them a page at a time.
  const count = page.locator('nav.menu .count');
  await expect(count).toHaveAttribute('aria-label', /^[1-9]\d{3,} errors, [1-9]\d{3,} warnings$/, slow);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Issues' }).click();
  await expect(page.locator('#issues-shown')).toHaveText(/^Showing the first 200 of [1-9]\d{4,} issues\.$/, slow);
  await expect(page.locator('.issue-list > li')).toHaveCount(200);
  await page.getByRole('button', { name: /^Show 200 more/ }).click();
  await expect(page.locator('.issue-list > li')).toHaveCount(400, slow);
  await expect(page.getByText('VER-04').first()).toBeVisible();
  return count.getAttribute('aria-label');
}

/** Scrolls a window (a windowed list's scroll box) to its end; returns the last row's index rendered then. */
async function scrollToEnd(page: Page, box: string, beyond: number): Promise<number> {
  await page.locator(box).evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect.poll(() => page.locator(box).evaluate((el) => {
    const rows = el.querySelectorAll('[data-row]');
    return rows.length ? Number(rows[rows.length - 1].getAttribute('data-row')) : -1;
  }), slow).toBeGreaterThan(beyond);
  return page.locator(box).evaluate((el) => {
    const rows = el.querySelectorAll('[data-row]');
    return Number(rows[rows.length - 1].getAttribute('data-row'));
  });
}

async function latestAndCosts(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Latest' }).click();
  await expect(page.locator('td.latest-cell').first()).toHaveText(/^\d+\.\d+\.\d+$/, slow);
  // 50 definitions in their regions: the rows in view are rendered, the last ones once scrolled to.
  expect(await page.locator('td.latest-cell').count()).toBeLessThan(150);
  await scrollToEnd(page, '.window:has(table.matrix)', 150);
  await expect(page.locator('td.latest-cell[data-definition$="-image-049"]').last()).toHaveText(/^\d+\.\d+\.\d+$/);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Costs' }).click();
  await expect(page.locator('#storage-monthly')).toHaveText(/^\$[\d,]+\.\d{2} \/ month$/, slow);
  // One row per version (10,000), named as everywhere else, only those in view rendered.
  const byVersion = page.locator('div.window[aria-label="Costs by version"] tbody tr');
  await expect(byVersion.first()).toContainText(/^\S+ › \S+ › \d+\.\d+\.\d+/, slow);
  expect(await byVersion.count()).toBeLessThan(200);
  // Every line item is listed (the rows in view rendered): the last of them once scrolled to.
  await page.getByText(/^All [1-9][\d,]* line items$/).click();
  await expect(page.locator('table.lines tbody tr').first()).toContainText(/GB/, slow);
  await expect(page.locator('table.lines tbody tr').first()).toContainText(' › ');
  expect(await page.locator('table.lines tbody tr').count()).toBeLessThan(200);
  const lastRow = await scrollToEnd(page, 'div.window[aria-label="Line items"]', 100_000);
  expect(lastRow).toBeGreaterThan(100_000);
}

test('the L plan (10,000 versions) imported as Plan JSON stays usable and survives a reload', async ({ page }) => {
  test.setTimeout(900_000);
  const plan = largePlan();
  expect(plan.length).toBeGreaterThan(4_000_000);
  await page.goto('/#/io');
  await page.getByLabel(/Paste a Plan JSON/).fill(plan);
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Generated plan (10000 versions)', slow);
  // Its export is written when asked, not whenever the view shows it (that takes a second or two on L).
  await expect(page.locator('#export-output')).not.toHaveAttribute('data-format', /./);
  await page.getByRole('button', { name: 'Write the export' }).click();
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'arm', slow);
  await expect(page.locator('#export-output')).not.toHaveValue('');
  const issues = await usable(page);
  // Saved (the autosave's stamp), then read back after a reload: the same plan, the same findings.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('acg.plan.saved')), slow).not.toBeNull();
  await expect(page.getByText(/^Not saved/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Plan name')).toHaveValue('Generated plan (10000 versions)', slow);
  await expect(page.locator('nav.menu .count')).toHaveAttribute('aria-label', issues!, slow);
  await latestAndCosts(page);
  // Too big for a share link: a clear message and the file instead.
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'this plan is too big for a share link' })).toBeVisible(slow);
  await expect(page.getByRole('link', { name: 'Download the Plan JSON' })).toBeVisible();
});
