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

test('a field is checked after a pause or when it loses focus, not while typing; Ctrl+Z takes the burst back', async ({ page }) => {
  await page.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  const region = page.getByLabel('Region', { exact: true });
  const issues = page.locator('#gallery-location-issues');
  const before = await region.inputValue();
  await region.fill('');
  await region.pressSequentially('West Eu', { delay: 30 });
  // Just typed: no "unknown region" yet, and the summary has not counted one.
  await expect(issues).toHaveText('', { timeout: 100 });
  await expect(region).toHaveAttribute('aria-invalid', 'false', { timeout: 100 });
  // After the pause: checked, and what was typed is still there.
  await expect(issues).toContainText('REG-02');
  await expect(region).toHaveValue('West Eu');
  // Typing on and leaving the field (Tab) checks at once.
  await region.pressSequentially('rope');
  await region.press('Tab');
  await expect(issues).toHaveText('', { timeout: 300 });
  await expect(region).toHaveValue('West Europe');
  // One undo step for the whole burst, from the field itself.
  await region.focus();
  await region.press('Control+z');
  await expect(region).toHaveValue(before);
});

test('Costs explains month 1 with the projection\'s figures next to a chart with a legend, an axis and values', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Costs' }).click();
  const firstMonth = page.locator('table').filter({ hasText: 'Cumulative' }).locator('tbody tr').first();
  const total = await firstMonth.locator('td[data-label="Total"]').innerText();
  const egress = await firstMonth.locator('td[data-label="Egress"]').innerText();
  const today = (await page.locator('#storage-monthly').innerText()).replace(' / month', '');
  await expect(page.locator('#month-one')).toContainText(`Month 1 is ${total} against ${today} a month today: ${egress} is the egress of copying`);
  const chart = page.getByRole('img', { name: /Cost per month over the projection/ });
  await expect(chart.locator('.legend')).toHaveText(['Storage', 'Egress (copies)']);
  await expect(chart.locator('.chart-value').first()).toHaveText(total);
  await expect(chart.locator('.chart-tick')).toHaveCount(2);
  await expect(page.getByRole('img', { name: /Snapshot storage per month, by region/ }).locator('.chart-label').filter({ hasText: 'East US' })).toHaveCount(1);
});

test('Prices filter by region and storage type, regions by their names', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Prices' }).click();
  const rows = page.locator('table.prices').first().locator('tbody tr');
  const all = await rows.count();
  await page.getByLabel('Region', { exact: true }).selectOption({ label: 'West Europe' });
  await expect(rows.locator('td[data-label="Region"]')).toHaveText(Array(await rows.count()).fill('West Europe'));
  expect(await rows.count()).toBeLessThan(all);
  await page.getByLabel('Storage type').selectOption('Standard HDD LRS');
  await expect(rows).toHaveCount(1);
  await expect(page.locator('#prices-shown')).toHaveText(`1 of ${all} snapshot prices shown.`);
  await expect(rows.locator('td[data-label="As of"]')).not.toBeEmpty();
});

test('the target regions text is read when typing pauses: no refusal while typing, the typed text kept when refused', async ({ page }) => {
  await page.getByRole('treeitem', { name: /^Version 1\.0\.12/ }).click();
  const field = page.getByLabel('Target regions', { exact: true });
  const error = page.locator('#version-target-regions-error');
  await field.fill('');
  await field.pressSequentially('eastus=x', { delay: 30 });
  await expect(error).toHaveText('', { timeout: 100 });
  await expect(error).not.toHaveText('');
  await expect(field).toHaveValue('eastus=x');
  await field.press('Backspace');
  await field.pressSequentially('2');
  await field.press('Tab');
  await expect(error).toHaveText('');
  await expect(field).toHaveValue('eastus=2');
  await expect(page.locator('table.regions tbody th[scope="row"]')).toHaveText(['East US (eastus)']);
});
