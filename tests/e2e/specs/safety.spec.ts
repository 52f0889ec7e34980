import { test, expect } from '@playwright/test';

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '"><script>window.__pwned=2</script>',
  'javascript:window.__pwned=3',
  "'; window.__pwned=4; '",
];

test('hostile names and descriptions are shown as text and never run', async ({ page }) => {
  const problems: string[] = [];
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const plan = {
    galleries: PAYLOADS.map((p, i) => ({
      name: p, location: 'eastus', description: p, tags: { [p]: p },
      images: [{ name: `${p}-${i}`, osType: 'Linux', osState: 'Generalized', identifier: { publisher: p, offer: p, sku: p }, description: p,
        versions: [{ name: p, publishingProfile: { targetRegions: [{ name: p }] }, occupiedGb: { osDisk: 1 } }] }],
    })),
  };
  await page.goto('/#/io');
  await page.getByLabel(/Paste a Plan JSON/).fill(JSON.stringify(plan));
  await page.getByRole('button', { name: /^Import/ }).click();
  for (const view of ['Design', 'Issues', 'Latest', 'Replicas', 'Costs', 'Import / export']) {
    await page.getByRole('link', { name: view }).click();
    await expect(page.getByRole('heading', { name: 'Compute Gallery Planner' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Design' }).click();
  await page.getByRole('button', { name: /^Gallery <img src=x onerror/ }).click();
  await expect(page.getByLabel('Gallery name')).toHaveValue(PAYLOADS[0]);
  await expect(page.getByRole('heading', { name: `Gallery ${PAYLOADS[0]}` })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(problems).toEqual([]);
});

test('two tabs: a save in one is announced in the other instead of being overwritten', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('/');
  await a.getByRole('button', { name: 'Keep the sample' }).click();
  const b = await context.newPage();
  await b.goto('/');
  await a.getByRole('button', { name: /^Gallery contoso_prod/ }).click();
  await a.getByLabel('Gallery name').fill('renamed_in_a');
  await expect(b.getByText('This plan was changed in another tab.')).toBeVisible();
  await b.getByRole('button', { name: "Load the other tab's plan" }).click();
  await expect(b.getByRole('button', { name: /^Gallery renamed_in_a/ })).toBeVisible();
});
