// One document, one truth (#18): a price override travels with the plan through reload, a share link and the
// exports, and every view gives the same figure; Replicas and Issues size the version `latest` serves.
import { test, expect, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** The `acg` CLI of this checkout (built by cargo when missing). */
function acg(args: string[]): string {
  return execFileSync('cargo', ['run', '--quiet', '-p', 'acg-cli', '--', ...args], { cwd: root, encoding: 'utf8' });
}

/** Decimal text in millionths, exactly (the CSV's and the JSON's amounts have at most 6 places here). */
function micros(text: string): number {
  const [whole, frac = ''] = text.trim().split('.');
  expect(frac.length).toBeLessThanOrEqual(6);
  return Number(whole) * 1_000_000 + Number(frac.padEnd(6, '0'));
}

/** Millionths as the planner shows money: to cents, half away from zero. */
function dollars(m: number): string {
  return `$${(Math.round(m / 10_000) / 100).toFixed(2)}`;
}

async function costs(page: Page): Promise<{ storage: string; egress: string }> {
  await page.getByRole('link', { name: 'Costs' }).click();
  await expect(page.locator('#storage-monthly')).toBeVisible();
  return {
    storage: (await page.locator('#storage-monthly').textContent()) ?? '',
    egress: (await page.locator('#egress-once').textContent()) ?? '',
  };
}

async function exported(page: Page, format: string): Promise<string> {
  await page.getByRole('link', { name: 'Import / export' }).click();
  await page.getByLabel('Format').selectOption(format);
  // The exporters answer once loaded: the text shown is this format's when the output says so.
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', format);
  return page.locator('#export-output').inputValue();
}

test('a price override is part of the plan: reload, share link, CSV and acg estimate give the Costs figures', async ({ page, browser }) => {
  // `cargo run` of the CLI may have to build it first.
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  const catalog = await costs(page);
  await page.getByRole('link', { name: 'Prices' }).click();
  await page.locator('#price-eastus-Standard-HDD-ZRS').fill('0.07');
  await expect(page.locator('#prices-active')).toContainText("This plan's prices: 1 override, over the embedded catalog.");
  const mine = await costs(page);
  expect(mine.storage).not.toEqual(catalog.storage);
  await expect(page.locator('#prices-active')).toBeVisible();

  await page.reload();
  expect(await costs(page)).toEqual(mine);
  await expect(page.locator('#prices-active')).toBeVisible();

  await page.getByRole('button', { name: 'Share link' }).click();
  const url = await page.getByLabel('Share link', { exact: true }).inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByText('Opened from a share link.')).toBeVisible();
  expect(await costs(other)).toEqual(mine);
  await expect(other.locator('#prices-active')).toBeVisible();

  // The cost CSV of the shared plan adds up to the Costs figures, line by line with the override.
  const csv = (await exported(other, 'csv')).trim().split('\n').slice(1).map((l) => l.split(','));
  expect(csv.some((f) => f[1] === 'eastus' && f[2] === 'storage' && f[5] === '0.07')).toBe(true);
  const sum = (category: string) => csv.filter((f) => f[2] === category).reduce((s, f) => s + micros(f[7]), 0);
  expect(`${dollars(sum('storage'))} / month`).toEqual(mine.storage);
  expect(`${dollars(sum('egress'))} once`).toEqual(mine.egress);

  // `acg estimate` on the exported Plan JSON: the same totals.
  const planJson = await exported(other, 'plan');
  expect(JSON.parse(planJson).name).toEqual('Contoso image factory (sample)');
  const file = join(mkdtempSync(join(tmpdir(), 'acg-e2e-')), 'plan.json');
  writeFileSync(file, planJson);
  const estimate = JSON.parse(acg(['estimate', file, '--format', 'json']));
  expect(micros(String(estimate.storageMonthly))).toEqual(sum('storage'));
  expect(micros(String(estimate.egressOneTime))).toEqual(sum('egress'));
  expect(acg(['export', file, '--to', 'csv'])).toEqual(`${(await exported(other, 'csv'))}`);
  await fresh.close();

  // Reset: back to the catalog, and the banner goes.
  await page.getByRole('link', { name: 'Prices' }).click();
  await page.getByRole('button', { name: 'Reset to the embedded catalog' }).first().click();
  await expect(page.locator('#prices-active')).toHaveCount(0);
  expect(await costs(page)).toEqual(catalog);
});

test('Replicas and Issues size the version latest serves in the region, never above 50', async ({ page }) => {
  await page.goto('/#/latest');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  // Exclude 1.0.12 in East US: latest there is 1.0.9 (2.0.0 is excluded globally).
  const cell = page.locator('td.latest-cell[data-definition="ubuntu-22.04-lts"][data-region="eastus"]');
  await page.locator('tr', { has: cell }).getByRole('button', { name: 'Show reasons' }).click();
  await page.locator('#exclude-0-0-1-eastus').selectOption('true');
  await expect(cell).toHaveText('1.0.9');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Replicas' }).click();
  const row = page.locator('table.recs tr[data-definition="ubuntu-22.04-lts"][data-region="eastus"]');
  await expect(row.locator('td.version')).toContainText('contoso_prod › ubuntu-22.04-lts › 1.0.9');
  await expect(row.locator('td.recommended')).toHaveText('8');
  await page.getByRole('link', { name: /^Issues/ }).click();
  await expect(page.getByText('Version 1.0.9, which latest gives in East US, has 3 replicas there, but the deployment load calls for 8 under Best practices (1 per 20 VMs) with a 0% margin.')).toBeVisible();

  // 1,200 concurrent VMs: 60 needed, 50 recommended, with the split advice; Issues says 50 too.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Replicas' }).click();
  await page.getByLabel('Definition', { exact: true }).selectOption({ label: 'contoso_prod › ubuntu-22.04-lts' });
  await page.getByLabel('Region', { exact: true }).fill('eastus');
  await page.getByLabel('Concurrent VMs').fill('1200');
  await page.getByRole('button', { name: 'Set load' }).click();
  await expect(row.locator('td.recommended')).toContainText('50');
  await expect(row.locator('td.recommended')).toContainText('the load calls for 60');
  await expect(row.getByText('The load calls for 60 replicas in one region, above the maximum of 50 per region: split it in 2 parts of at most 50 replicas, by deploying part of it from another region nearby, or from a second gallery or image definition.')).toBeVisible();
  await row.getByRole('button', { name: 'Apply' }).click();
  await expect(row.locator('td').nth(2)).toHaveText('50');
  await page.getByRole('link', { name: /^Issues/ }).click();
  await expect(page.getByText(/^Version 1\.0\.9, which latest gives in East US/)).toHaveCount(0);

  // A region where no version is replicated says so, with Azure's message, instead of a number.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Replicas' }).click();
  await page.getByLabel('Definition', { exact: true }).selectOption({ label: 'contoso_prod › ubuntu-22.04-lts' });
  await page.getByLabel('Region', { exact: true }).fill('japaneast');
  await page.getByLabel('Concurrent VMs').fill('20');
  await page.getByRole('button', { name: 'Set load' }).click();
  await expect(page.locator('table.recs tr.unserved')).toContainText('is not available in japaneast region.');
});

test('the plan\'s name travels: rename, export, share; the target-regions text reads back what it writes', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByLabel('Plan name').fill('Images 2027');
  await page.getByLabel('Plan name').press('Enter');
  await page.getByRole('button', { name: '+ Gallery' }).click();
  await page.getByLabel('Region').fill('West Europe');
  await page.getByRole('button', { name: '+ Image definition in gallery1' }).click();
  await page.getByRole('button', { name: '+ Version of image-1' }).click();
  const field = page.getByLabel('Target regions', { exact: true });
  await expect(field).toHaveValue('westeurope=1');
  await field.fill('westeurope=1 eastus');
  await field.press('Tab');
  await expect(page.getByRole('row', { name: /East US \(eastus\)/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /West Europe \(westeurope\)/ })).toBeVisible();
  await expect(field).toHaveValue('westeurope=1 eastus');
  expect(await exported(page, 'bicep')).toContain("from the plan 'Images 2027'");
  await page.getByRole('button', { name: 'Share link' }).click();
  const url = await page.getByLabel('Share link', { exact: true }).inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await other.getByRole('button', { name: 'Save to this browser' }).click();
  await expect(other.getByLabel('Plan name')).toHaveValue('Images 2027');
  await fresh.close();
  // An imported Plan JSON's name names the open plan.
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill(JSON.stringify({ name: 'From a file', galleries: [] }));
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('From a file');
});

test('a transfer price override is part of the plan too, and changes the egress', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  const before = await costs(page);
  await page.getByRole('link', { name: 'Prices' }).click();
  // East US to West Europe is priced as North America to any other continent.
  const price = page.getByLabel('Transfer from North America to any other continent price');
  await expect(price).toHaveValue('0.05');
  await price.fill('0.09');
  await expect(page.locator('#prices-active')).toContainText("This plan's prices: 1 override, over the embedded catalog.");
  const after = await costs(page);
  expect(after.storage).toEqual(before.storage);
  expect(after.egress).not.toEqual(before.egress);
  await page.reload();
  expect(await costs(page)).toEqual(after);
  const planJson = JSON.parse(await exported(page, 'plan'));
  expect(planJson.prices.transferOut).toEqual([{ key: 'North America', amount: '0.09', asOf: 'override', source: 'your override' }]);
});
