import { test, expect, Page } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const artifacts = join(__dirname, '..', 'artifacts');
mkdirSync(artifacts, { recursive: true });

async function tree(page: Page) {
  return page.getByRole('navigation', { name: 'Galleries, image definitions and versions' });
}

test('first visit shows the sample plan with a way to start empty', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('This is a sample plan')).toBeVisible();
  const t = await tree(page);
  await expect(t.getByRole('treeitem', { name: /^Gallery contoso_prod/ })).toBeVisible();
  await expect(t.getByRole('treeitem', { name: /Version 1\.0\.12/ })).toBeVisible();
  await page.getByRole('button', { name: 'Start empty' }).click();
  await expect(t.getByRole('treeitem', { name: /^Gallery contoso_prod/ })).toHaveCount(0);
});

test('create a gallery, definition and version; a bad gallery name shows Azure\'s message and the fix', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByRole('button', { name: '+ Gallery' }).click();
  const name = page.getByLabel('Gallery name');
  await name.fill('my-gallery');
  await expect(page.getByText('Gallery name is invalid. Allowed characters are English alphanumeric characters, with underscores, and periods allowed in the middle, up to 80 characters total. All other special characters, including dashes, are disallowed.')).toBeVisible();
  await expect(page.getByText('Fix: Use 1 to 80 English letters, digits, underscores and periods, starting and ending with a letter or digit (no dashes).')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('my_gallery');
  await expect(page.getByText('Gallery name is invalid.')).toHaveCount(0);
  await page.getByRole('button', { name: '+ Image definition in my_gallery' }).click();
  await expect(page.getByLabel('Definition name')).toHaveValue('image-1');
  await page.getByRole('button', { name: '+ Version of image-1' }).click();
  await expect(page.getByLabel('Version name')).toHaveValue('1.0.0');
  const t = await tree(page);
  await expect(t.getByRole('treeitem', { name: /Version 1\.0\.0/ })).toBeVisible();
});

test('the latest matrix changes when a regional exclude flag is toggled, with the what-if', async ({ page }) => {
  await page.goto('/#/latest');
  const cell = page.locator('td.latest-cell[data-definition="ubuntu-22.04-lts"][data-region="eastus"]');
  await expect(cell).toHaveText('1.0.12');
  const row = page.locator('tr', { has: cell });
  await row.getByRole('button', { name: 'Show reasons' }).click();
  await expect(page.getByText('1.0.9 ✓ candidate: lower than 1.0.12')).toBeVisible();
  await page.locator('#exclude-0-0-1-eastus').selectOption('true');
  await expect(cell).toHaveText('1.0.9');
  await expect(page.getByText('contoso_prod › ubuntu-22.04-lts in East US: 1.0.12 → 1.0.9.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell).toHaveText('1.0.12');
});

test('a replica recommendation is applied and undone', async ({ page }) => {
  await page.goto('/#/replicas');
  await page.getByLabel('Over-provisioning margin (%)').fill('10');
  // East US is served by 1.0.12 (2.0.0 is excluded from latest): 8 replicas now, 9 with a 10% margin.
  const row = page.locator('tr', { hasText: 'contoso_prod › ubuntu-22.04-lts › 1.0.12' }).filter({ hasText: 'East US' });
  await expect(row.locator('td.recommended')).toHaveText('9');
  await expect(row.locator('td').nth(2)).toHaveText('8');
  await row.getByRole('button', { name: 'Apply' }).click();
  await expect(row.locator('td').nth(2)).toHaveText('9');
  await expect(row.getByRole('button', { name: 'Applied' })).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect(row.locator('td').nth(2)).toHaveText('8');
});

test('deployment load entered in the replicas view gives a recommendation', async ({ page }) => {
  await page.goto('/#/replicas');
  await page.getByLabel('Over-provisioning margin (%)').fill('0');
  await page.getByLabel('Definition', { exact: true }).selectOption({ label: 'contoso_prod › windows-2022-datacenter' });
  await page.getByLabel('Region', { exact: true }).fill('mars');
  await page.getByRole('button', { name: 'Set load' }).click();
  await expect(page.getByText("Region: 'mars' is not a region of the catalog")).toBeVisible();
  await page.getByLabel('Region', { exact: true }).fill('East US');
  await page.getByLabel('Concurrent VMs').fill('120');
  await page.getByRole('button', { name: 'Set load' }).click();
  const row = page.locator('table.recs tr', { hasText: 'contoso_prod › windows-2022-datacenter › 2024.11.1' }).filter({ hasText: 'East US' });
  await expect(row.locator('td.recommended')).toHaveText('6');
});

test('the docs billing example entered by hand: 60 GB-month, $3.00 a month, 20 GB egress', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByRole('button', { name: '+ Gallery' }).click();
  await page.getByLabel('Region').fill('eastus');
  await page.getByRole('button', { name: '+ Image definition in gallery1' }).click();
  await page.getByRole('button', { name: '+ Version of image-1' }).click();
  await page.getByLabel('Target regions').fill('eastus=2=standard_lrs eastus2=2=standard_lrs centralus=2=standard_lrs');
  await page.getByLabel('Occupied GB (used size of the OS disk)').fill('10');
  await page.getByRole('link', { name: 'Costs' }).click();
  await expect(page.locator('#storage-gb-months')).toHaveText('60 GB-month');
  await expect(page.locator('#storage-monthly')).toHaveText('$3.00 / month');
  await expect(page.locator('#egress-gb')).toHaveText('20 GB');
  await expect(page.locator('#egress-once')).toHaveText('$0.40 once');
});

test('scenario comparison: keep the plan as A, edit it into B, see the change', async ({ page }) => {
  await page.goto('/#/costs');
  await page.getByRole('button', { name: 'Keep this plan as scenario A, then edit it into B' }).click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Replicas' }).click();
  await page.getByLabel('Over-provisioning margin (%)').fill('10');
  const row = page.locator('tr', { hasText: 'contoso_prod › ubuntu-22.04-lts › 1.0.12' }).filter({ hasText: 'East US' });
  await row.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('link', { name: 'Costs' }).click();
  const table = page.locator('#scenario-table');
  // One more replica of 1.0.12 (10 GB) in East US at $0.05 per GB-month.
  await expect(table.locator('tr', { hasText: 'Storage / month' })).toContainText('+$0.50');
  await expect(table.locator('tr', { hasText: 'Storage in East US' })).toContainText('+$0.50');
});

test('a Retail Prices API import changes a price', async ({ page }) => {
  await page.goto('/#/prices');
  const price = page.locator('#price-eastus-Standard-HDD-LRS');
  await expect(price).toHaveValue('0.05');
  const json = JSON.stringify({ Items: [{ currencyCode: 'USD', retailPrice: 0.07, armRegionName: 'eastus', productName: 'Standard HDD Managed Disks', meterName: 'LRS Snapshots', unitOfMeasure: '1 GB/Month', type: 'Consumption', effectiveStartDate: '2026-11-01T00:00:00Z' }] });
  await page.getByLabel(/Retail Prices API JSON/).fill(json);
  await page.getByRole('button', { name: 'Import prices' }).click();
  await expect(page.getByText('eastus Standard HDD LRS snapshots: 0.07 USD per GB-month')).toBeVisible();
  await expect(price).toHaveValue('0.07');
});

test('each export downloads under the plan\'s name, with its notes listed', async ({ page }) => {
  await page.goto('/#/io');
  await page.getByLabel('Format').selectOption('az');
  const download = page.getByRole('link', { name: 'Download' });
  await expect(download).toHaveAttribute('download', 'contoso-image-factory-sample.sh');
  await expect(page.locator('#export-notes')).toContainText('hostCaching has no az argument');
  await page.getByLabel('Format').selectOption('terraform');
  await expect(download).toHaveAttribute('download', 'contoso-image-factory-sample.tf');
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'terraform');
  expect(await page.locator('#export-output').inputValue()).toContain('provider "azurerm" {');
});

test('export then import round trip, and reload keeps the plan', async ({ page }) => {
  await page.goto('/#/io');
  await page.getByLabel('Format').selectOption('arm');
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'arm');
  const arm = await page.locator('#export-output').inputValue();
  expect(arm).toContain('"Microsoft.Compute/galleries/images/versions"');
  await page.getByRole('link', { name: 'Design' }).click();
  await page.getByRole('button', { name: 'Start empty' }).click();
  await expect((await tree(page)).getByRole('treeitem', { name: /^Gallery contoso_prod/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Import / export' }).click();
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill(arm);
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByText('Imported.')).toBeVisible();
  await page.reload();
  await page.getByRole('link', { name: 'Design' }).click();
  const t = await tree(page);
  await expect(t.getByRole('treeitem', { name: /Version 1\.0\.12/ })).toBeVisible();
  await expect(page.getByText('This is a sample plan')).toHaveCount(0);
});

test('a plan file can be chosen for import', async ({ page }) => {
  await page.goto('/#/io');
  const plan = JSON.stringify({ galleries: [{ name: 'from_file', location: 'westeurope' }] });
  await page.getByLabel('Or choose a file').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(plan) });
  await expect(page.getByLabel(/Paste a Plan JSON/)).toHaveValue(plan);
  await page.getByRole('button', { name: /^Import/ }).click();
  await page.getByRole('link', { name: 'Design' }).click();
  await expect((await tree(page)).getByRole('treeitem', { name: /^Gallery from_file/ })).toBeVisible();
});

test('a share link restores the plan in a fresh browser without touching its saved plan', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByRole('button', { name: '+ Gallery' }).click();
  await page.getByLabel('Gallery name').fill('shared_gallery');
  await page.getByRole('button', { name: 'Share link' }).click();
  const url = await page.getByLabel('Share link', { exact: true }).inputValue();
  expect(url).toContain('?plan=v1.');
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByText('Opened from a share link.')).toBeVisible();
  await expect((await tree(other)).getByRole('treeitem', { name: /^Gallery shared_gallery/ })).toBeVisible();
  expect(await other.evaluate(() => localStorage.getItem('acg.plan'))).toBeNull();
  await fresh.close();
});

test('every view passes axe-core without serious or critical violations; screenshots', async ({ page }) => {
  const axe = readFileSync(join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const [view, hash] of [['design', '/'], ['issues', '/#/issues'], ['latest', '/#/latest'], ['replicas', '/#/replicas'], ['costs', '/#/costs'], ['prices', '/#/prices'], ['io', '/#/io']]) {
    await page.goto(hash);
    await expect(page.getByRole('heading', { name: 'Compute Gallery Planner' })).toBeVisible();
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => {
      // @ts-ignore axe is injected above
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`);
    });
    expect(violations, `view ${view}`).toEqual([]);
    await page.screenshot({ path: join(artifacts, `${view}.png`), fullPage: true });
  }
});

test('target regions as a table: search the catalog, add, set replicas and the regional exclude, remove, undo', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  await page.getByRole('treeitem', { name: /Version 1\.0\.12/ }).click();
  const add = page.getByLabel('Add a target region');
  // The picker lists the form's one region catalog (the source region's field has it too).
  await expect(add).toHaveAttribute('list', 'region-picker');
  await expect(page.locator('datalist')).toHaveCount(1);
  expect(await page.locator('#region-picker option[value="northeurope"]').count()).toBe(1);
  await add.fill('Atlantis');
  await page.getByRole('button', { name: 'Add region' }).click();
  await expect(page.getByText("'Atlantis' is not an Azure region of the catalog: pick one from the list.")).toBeVisible();
  await add.fill('North Europe');
  await page.getByRole('button', { name: 'Add region' }).click();
  const row = page.getByRole('row', { name: /North Europe \(northeurope\)/ });
  await expect(row).toBeVisible();
  await expect(page.getByLabel('Target regions', { exact: true })).toHaveValue(/northeurope/);
  await page.getByLabel('Replicas in North Europe').fill('3');
  await page.getByLabel('Replicas in North Europe').press('Enter');
  await expect(page.getByLabel('Target regions', { exact: true })).toHaveValue(/northeurope=3/);
  await page.getByLabel('Latest in North Europe').selectOption('exclude');
  await expect(page.getByLabel('Latest in North Europe')).toHaveValue('exclude');
  await page.getByRole('button', { name: 'Remove North Europe' }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('row', { name: /North Europe \(northeurope\)/ })).toBeVisible();
});

test('money and quantities follow the reader\'s locale', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto('/#/costs');
  await expect(page.locator('#storage-monthly')).toHaveText(/^\d[\d.]*,\d{2}\s\$ \/ month$/);
  await context.close();
});

test('the remaining properties: sharing, soft delete, features, purchase plan, safety, encryption reach the ARM export', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  const t = await tree(page);
  await t.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  await page.getByLabel('Sharing', { exact: true }).selectOption('Community');
  await page.getByLabel('Community: publisher contact email').fill('images@contoso.example');
  await page.getByLabel('Community: publisher contact email').press('Tab');
  await page.getByLabel('Soft delete (recycle bin for deleted images)').selectOption('true');
  await t.getByRole('treeitem', { name: /^Definition ubuntu-22\.04-lts/ }).first().click();
  await page.getByLabel('Architecture').selectOption('Arm64');
  await page.getByLabel('Accelerated networking').selectOption('True');
  await page.getByLabel('Purchase plan: name').fill('plan-x');
  await page.getByLabel('Purchase plan: name').press('Tab');
  await page.getByLabel('vCPUs: at least').fill('2');
  await page.getByLabel('vCPUs: at least').press('Tab');
  await t.getByRole('treeitem', { name: /Version 1\.0\.12/ }).click();
  await page.getByLabel('Block deletion before end of life').selectOption('true');
  await page.getByLabel('Disk encryption set in East US').fill('/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-eastus');
  await page.getByLabel('Disk encryption set in East US').press('Tab');
  await page.getByRole('link', { name: 'Import / export' }).click();
  await page.getByLabel('Format').selectOption('arm');
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'arm');
  const arm = await page.locator('#export-output').inputValue();
  for (const expected of ['"permissions": "Community"', '"publisherContact": "images@contoso.example"', '"isSoftDeleteEnabled": true',
    '"architecture": "Arm64"', '"name": "IsAcceleratedNetworkSupported"', '"name": "plan-x"', '"blockDeletionBeforeEndOfLife": true',
    '"diskEncryptionSetId": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-eastus"']) {
    expect(arm).toContain(expected);
  }
  expect(arm).toMatch(/"vCPUs": \{\s*"min": 2/);
});
