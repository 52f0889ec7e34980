// The planner from the keyboard alone: Tab, Enter, arrows and typing, never the mouse.
import { test, expect, Page } from '@playwright/test';

/** What a person hears for the focused element: its label, aria-label or text. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return '';
    const labelled = (e as HTMLInputElement).labels?.[0]?.textContent;
    return (e.getAttribute('aria-label') ?? labelled ?? e.textContent ?? '').trim();
  });
}

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
async function tabTo(page: Page, name: string | RegExp, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('keyboard only: a gallery, a definition, a version, two target regions, a replica recommendation, Bicep', async ({ page }) => {
  await page.goto('/');
  await tabTo(page, 'Start empty');
  await page.keyboard.press('Enter');
  await tabTo(page, '+ Gallery');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Gallery name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('kb_gallery');
  await expect(page.getByLabel('Gallery name')).toHaveValue('kb_gallery');
  await tabTo(page, 'Region');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('westeurope');

  // The tree is one tab stop; the add buttons act on the selection.
  await tabTo(page, '+ Image definition in kb_gallery');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Definition name')).toHaveValue('image-1');
  await tabTo(page, '+ Version of image-1');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Version name')).toHaveValue('1.0.0');

  // The tree with the arrow keys: Home is the gallery, End the version.
  await tabTo(page, /^Version\s+1\.0\.0/);
  await page.keyboard.press('Home');
  await expect(page.getByRole('treeitem', { name: /^Gallery kb_gallery/ })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('treeitem', { name: /^Version 1\.0\.0/ })).toBeFocused();
  await expect(page.getByRole('treeitem', { name: /^Version 1\.0\.0/ })).toHaveAttribute('aria-selected', 'true');

  for (const region of ['West Europe', 'North Europe']) {
    await tabTo(page, 'Add a target region');
    await page.keyboard.type(region);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('row', { name: new RegExp(region) })).toBeVisible();
  }

  // A deployment load in North Europe, then its recommendation applied; focus stays on the button.
  await tabTo(page, 'Replicas');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Region');
  await page.keyboard.type('northeurope');
  await tabTo(page, 'Concurrent VMs');
  await page.keyboard.type('200');
  await tabTo(page, 'Set load');
  await page.keyboard.press('Enter');
  const row = page.locator('table.recs tr[data-region="northeurope"]');
  await expect(row.locator('td.recommended')).toHaveText(/^\d+/);
  await tabTo(page, 'Apply');
  await page.keyboard.press('Enter');
  await expect(row.getByRole('button', { name: 'Applied' })).toBeFocused();
  const applied = (await row.locator('td.recommended strong').textContent())!;
  await expect(row.locator('td[data-label="Now"]')).toHaveText(applied);

  // Bicep, previewed and downloaded.
  await tabTo(page, 'Import / export');
  await page.keyboard.press('Enter');
  await tabTo(page, 'Format');
  await page.keyboard.press('b');
  await expect(page.locator('#export-format')).toHaveValue('bicep');
  await expect(page.getByLabel('Export preview')).toHaveValue(/resource \w+ 'Microsoft\.Compute\/galleries@/);
  await expect(page.getByLabel('Export preview')).toHaveValue(/northeurope/);
  await tabTo(page, 'Download');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.bicep$/);
});

test('a clicked issue moves focus to its field', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  await page.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  await page.getByLabel('Gallery name').fill('bad-name');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Issues/ }).click();
  await page.getByRole('button', { name: 'bad-name: name' }).click();
  await expect(page.getByLabel('Gallery name')).toBeFocused();
});

test('the tree: one tab stop, Left and Right collapse and expand, letters find a name', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  const tree = page.getByRole('tree');
  await expect(tree.locator('[tabindex="0"]')).toHaveCount(1);
  const gallery = tree.getByRole('treeitem', { name: /^Gallery contoso_prod/ });
  await gallery.click();
  await expect(gallery).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(gallery).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.getByRole('treeitem', { name: /^Version 1\.0\.12/ })).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(gallery).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { name: 'Definition ubuntu-22.04-lts', exact: true })).toBeFocused();
  await page.keyboard.type('w');
  await expect(tree.getByRole('treeitem', { name: /^Definition windows-2022-datacenter/ })).toBeFocused();
  await expect(page.getByLabel('Definition name')).toHaveValue('windows-2022-datacenter');
  await page.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem', { name: /^Definition windows-2022-datacenter/ })).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowLeft');
  await expect(gallery).toBeFocused();
});

test('Ctrl+Z undoes a burst of typing without a console warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => { if (/preventDefault/.test(m.text())) warnings.push(m.text()); });
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  await page.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  await page.getByLabel('Gallery name').press('End');
  await page.getByLabel('Gallery name').pressSequentially('_x');
  await expect(page.getByLabel('Gallery name')).toHaveValue('contoso_prod_x');
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Gallery name')).toHaveValue('contoso_prod');
  expect(warnings).toEqual([]);
});

test('find in the tree keeps the matching items and what holds them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  const tree = page.getByRole('tree');
  await page.getByLabel('Find in the tree').fill('windows');
  await expect(tree.getByRole('treeitem')).toHaveCount(2);
  await expect(tree.getByRole('treeitem', { name: /^Gallery contoso_prod/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Definition windows-2022-datacenter/ })).toBeVisible();
  await page.getByLabel('Find in the tree').fill('2024.11');
  await expect(tree.getByRole('treeitem')).toHaveCount(3);
  await page.getByLabel('Find in the tree').fill('');
  await expect(tree.getByRole('treeitem', { name: /^Version 1\.0\.12/ })).toBeVisible();
});

test('keyboard only: an import that adds to the plan, chosen with the arrow keys', async ({ page }) => {
  await page.goto('/#/io');
  await tabTo(page, /^Paste a Plan JSON/);
  await page.keyboard.type(JSON.stringify({ schemaVersion: 2, galleries: [{ name: 'kb_added', location: 'westeurope' }] }));
  await tabTo(page, 'Replace it');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel(/Add to it/)).toBeChecked();
  await expect(page.getByLabel(/Add to it/)).toBeFocused();
  await tabTo(page, /^Import and add/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Imported.' })).toBeVisible();
  await tabTo(page, 'Design');
  await page.keyboard.press('Enter');
  const tree = page.getByRole('navigation', { name: 'Galleries, image definitions and versions' });
  await expect(tree.getByRole('treeitem', { name: /^Gallery kb_added/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Gallery contoso_prod/ })).toBeVisible();
});
