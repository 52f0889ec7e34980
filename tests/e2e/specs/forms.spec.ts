// Forms that help: the copy selected after Duplicate, delete with children after a confirmation listing them,
// date inputs, community fields only for Community sharing.
import { test, expect } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
});

test('Duplicate selects the copy', async ({ page }) => {
  await page.getByRole('treeitem', { name: /^Version 1\.0\.12/ }).click();
  await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
  const selected = page.getByRole('treeitem', { selected: true });
  await expect(selected).toHaveCount(1);
  await expect(selected).not.toHaveText(/Version\s*1\.0\.12$/);
  await expect(page.getByLabel('Version name')).not.toHaveValue('1.0.12');
});

test('a definition with versions is deleted with them after a confirmation that lists them, nested first', async ({ page }) => {
  await page.getByRole('treeitem', { name: /^Definition windows-2022-datacenter/ }).click();
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: /^Delete with its 1 nested resource/ }).click();
  const confirm = page.getByRole('group', { name: 'Confirm the deletion' });
  await expect(confirm.getByRole('listitem')).toHaveText([
    'contoso_prod › windows-2022-datacenter › 2024.11.1',
    'contoso_prod › windows-2022-datacenter',
  ]);
  await confirm.getByRole('button', { name: 'Delete these 2' }).click();
  await expect(page.getByRole('treeitem', { name: /^Definition windows-2022-datacenter/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('treeitem', { name: /^Definition windows-2022-datacenter/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^Version 2024\.11\.1/ })).toBeVisible();
});

test('end-of-life dates use a date input; community fields show only for Community sharing', async ({ page }) => {
  await page.getByRole('treeitem', { name: /^Version 1\.0\.12/ }).click();
  const eol = page.getByLabel('End-of-life date');
  await expect(eol).toHaveAttribute('type', 'date');
  await eol.fill('2031-05-01');
  await expect(eol).toHaveValue('2031-05-01');
  await page.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  await expect(page.getByLabel('Community: publisher contact email')).toHaveCount(0);
  // The gallery's region is picked from the catalog like a target region.
  await expect(page.getByLabel('Region', { exact: true })).toHaveAttribute('list', 'region-picker');
  expect(await page.locator('#region-picker option[value="westeurope"]').count()).toBe(1);
  await page.getByLabel('Sharing', { exact: true }).selectOption('Community');
  await expect(page.getByLabel('Community: publisher contact email')).toBeVisible();
});
