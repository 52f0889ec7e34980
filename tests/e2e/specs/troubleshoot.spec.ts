// Explaining an error Azure printed: the app's Troubleshoot view and the <acg-explain> widget, in Chromium.
import { test, expect } from '@playwright/test';
import { watch } from './watch';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const artifacts = join(__dirname, '..', 'artifacts');
mkdirSync(artifacts, { recursive: true });

// What `az vm create` prints when the sample's newest Ubuntu version is not replicated to the region asked for.
const L2 = 'ERROR: (GalleryImageNotAvailableInRegion) The gallery image /subscriptions/8f2c3e4a-1b5d-4c6e-9f70-2a1b3c4d5e6f/resourceGroups/rg-image-factory/providers/Microsoft.Compute/galleries/contoso_prod/images/ubuntu-22.04-lts/versions/1.0.12 is not available in japaneast region. Please contact image owner to replicate to this region, or change your requested region.';

test('the Troubleshoot view explains a pasted error and leads to the resource it names', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Troubleshoot' }).click();
  await expect(page.getByRole('heading', { name: 'Troubleshoot an Azure error' })).toBeVisible();
  await page.getByLabel('Error text').fill(L2);
  const entry = page.locator('.guide-entry.best');
  await expect(entry.getByRole('heading')).toContainText('Guide entry L2');
  await expect(entry).toContainText('The version selected for deployment does not exist or does not have a replica in the indicated region');
  await expect(entry).toContainText('Checked in advance by');
  await expect(entry.locator('.values')).toContainText('region: japaneast');
  await expect(entry.getByRole('link', { name: /in the troubleshooting guide/ })).toHaveAttribute('href', /^https:\/\/learn\.microsoft\.com\/.*#creating-or-updating-a-vm-or-scale-sets-from-an-image-version$/);
  // The entries that also match are folded away under the best one.
  await expect(page.locator('details.others summary')).toHaveText('2 other entries of the guide also match');
  await page.evaluate(readFileSync(join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    // @ts-ignore axe is injected above
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`);
  });
  expect(violations).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(artifacts, 'troubleshoot-1280.png'), fullPage: true });
  // The resource the error names is a button into Design.
  await entry.getByRole('button', { name: 'contoso_prod › ubuntu-22.04-lts › 1.0.12' }).click();
  await expect(page.getByRole('heading', { name: 'Version 1.0.12 of ubuntu-22.04-lts' })).toBeVisible();
  await expect(page.getByLabel('Version name', { exact: true })).toHaveValue('1.0.12');
  expect(problems).toEqual([]);
});

test('an error the guide lacks gets no guess; hostile text stays text; keyboard only', async ({ page }) => {
  const problems = watch(page);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/#/troubleshoot');
  await page.getByRole('button', { name: 'Try an example' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.guide-entry.best h4')).toContainText('Guide entry V1');
  await page.getByLabel('Error text').fill('{"error": {"code": "ResourceGroupNotFound", "message": "Resource group \'<img src=x onerror=window.__pwned=1>\' could not be found."}}');
  await expect(page.getByText('No entry of the troubleshooting guide matches this error.')).toBeVisible();
  await expect(page.locator('.explained h3')).toContainText("ResourceGroupNotFound Resource group '<img src=x onerror=window.__pwned=1>' could not be found.");
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: join(artifacts, 'troubleshoot-360.png'), fullPage: true });
  expect(problems).toEqual([]);
});

test('the <acg-explain> widget explains its error and what readers paste', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/embed/');
  const w = page.locator('#explain');
  // The docs page's example: a real error from hashicorp/terraform-provider-azurerm#8124.
  await expect(w.locator('[data-entry="D1"]')).toContainText('Guide entry D1');
  await expect(w.locator('[data-entry="D1"] [data-field="fix"]')).toHaveText('Create a new image definition instead');
  await expect(w.locator('[data-entry="D1"]')).toContainText('property: purchasePlan.name');
  await w.getByLabel('Error text').fill('Code="InvalidParameter" Message="Duplicate regions are not allowed in target publishing regions." Target="galleryImageVersion.properties.publishingProfile.targetRegions"');
  await expect(w.locator('[data-entry="V31"]')).toContainText('Guide entry V31');
  await w.getByLabel('Error text').fill('The storage account named contosostorage is already taken.');
  await expect(w.locator('[data-field="none"]')).toHaveText('No entry of the troubleshooting guide matches this error.');
  // Its link opens the planner's Troubleshoot view with the same text.
  const href = await w.getByRole('link', { name: /Open in the Compute Gallery Planner/ }).getAttribute('href');
  expect(href).toMatch(/\?error=The\+storage\+account.*#\/troubleshoot$/);
  await page.goto(href!);
  await expect(page.getByLabel('Error text')).toHaveValue('The storage account named contosostorage is already taken.');
  expect(problems).toEqual([]);
});
