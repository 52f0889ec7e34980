// The documentation widgets (www/embed/) on their docs page, in real Chromium.
import { test, expect, Page } from '@playwright/test';
import { watch } from './watch';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const artifacts = join(__dirname, '..', 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** Adds an element with attributes to the docs page (attributes set as data, never parsed as HTML). */
async function add(page: Page, tag: string, attrs: Record<string, string>, id: string) {
  await page.evaluate(({ tag, attrs, id }) => {
    const el = document.createElement(tag);
    el.id = id;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector('main')!.append(el);
  }, { tag, attrs, id });
  return page.locator(`#${id}`);
}

test('the docs page renders every widget with the docs\' numbers', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/embed/');
  const cost = page.locator('#cost');
  await expect(cost.locator('[data-field="storage"]')).toHaveText('60 GB-month · $3.00 / month');
  await expect(cost.locator('[data-field="egress"]')).toHaveText('20 GB · $0.40 once');
  await expect(cost.getByRole('row', { name: /centralus/ })).toContainText('$1.00');

  const latest = page.locator('#latest');
  await expect(latest.locator('section[data-region="eastus"] [data-field="latest"]')).toHaveText('1.0.12');
  await expect(latest.locator('section[data-region="westeurope"] [data-field="latest"]')).toHaveText('1.0.12');
  await expect(latest.locator('section[data-region="eastus"]')).toContainText('1.1.0 skipped');

  const name = page.locator('#name');
  await expect(name.getByText('✗ Azure rejects this name')).toBeVisible();
  await expect(name.getByText(/All other special characters, including dashes, are disallowed/)).toBeVisible();
  await name.getByLabel('Gallery name').fill('my_gallery');
  await expect(name.getByText('✓ Azure accepts this gallery name')).toBeVisible();

  // Each snippet is the live element's own markup.
  await expect(page.locator('pre.snippet').first()).toContainText('<acg-cost occupied-gb="10" source="eastus"');
  await page.screenshot({ path: join(artifacts, 'embed.png'), fullPage: true });
  expect(problems).toEqual([]);
});

test('two widgets on one page do not interfere', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/embed/');
  const a = await add(page, 'acg-cost', { 'occupied-gb': '100', source: 'westeurope', regions: 'westeurope=1' }, 'cost-a');
  const b = await add(page, 'acg-cost', { 'occupied-gb': '10', source: 'westeurope', regions: 'westeurope=3' }, 'cost-b');
  await expect(a.locator('[data-field="storage"]')).toContainText('100 GB-month');
  await expect(b.locator('[data-field="storage"]')).toContainText('30 GB-month');
  await page.evaluate(() => document.getElementById('cost-b')!.setAttribute('regions', 'westeurope=5'));
  await expect(b.locator('[data-field="storage"]')).toContainText('50 GB-month');
  await expect(a.locator('[data-field="storage"]')).toContainText('100 GB-month');
  await expect(page.locator('#cost [data-field="storage"]')).toHaveText('60 GB-month · $3.00 / month');
  // The host page's CSS does not reach inside a widget.
  await page.evaluate(() => {
    const hostile = new CSSStyleSheet();
    hostile.replaceSync('* { color: rgb(255, 0, 0) !important; font-size: 40px !important; } table, dd, p { display: none !important; }');
    document.adoptedStyleSheets = [hostile];
  });
  await expect(a.locator('[data-field="storage"]')).toBeVisible();
  const color = await a.locator('[data-field="storage"]').evaluate((el) => getComputedStyle(el).color);
  expect(color).not.toBe('rgb(255, 0, 0)');
  expect(problems).toEqual([]);
});

test('bad attributes show an inline message naming the attribute; the page keeps working', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/embed/');
  await expect(await add(page, 'acg-cost', { 'occupied-gb': 'lots', source: 'eastus' }, 'bad-gb'))
    .toContainText("acg-cost: occupied-gb: 'lots' is not a number of GB of 0 or more");
  await expect(await add(page, 'acg-cost', { 'occupied-gb': '10' }, 'no-source')).toContainText('acg-cost: the source attribute is required');
  await expect(await add(page, 'acg-cost', { 'occupied-gb': '10', source: 'eastus', regions: 'eastus=two' }, 'bad-regions'))
    .toContainText("acg-cost: regions: target region 1 'eastus=two'");
  await expect(await add(page, 'acg-latest', { region: 'eastus', versions: '[{"name": 1}' }, 'bad-json')).toContainText('acg-latest: versions: not JSON');
  await expect(await add(page, 'acg-name-check', { kind: 'disk' }, 'bad-kind'))
    .toContainText("acg-name-check: kind: 'disk' is not one of gallery, definition, version");
  await expect(page.locator('#bad-gb').getByRole('alert')).toBeVisible();
  // The docs' widgets are untouched.
  await expect(page.locator('#cost [data-field="storage"]')).toHaveText('60 GB-month · $3.00 / month');
  expect(problems).toEqual([]);
});

test('hostile attributes are shown as text, links stay http(s), nothing runs', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/embed/');
  const payloads = ['<img src=x onerror="window.__pwned=1">', '"><script>window.__pwned=2</script>', 'javascript:window.__pwned=3'];
  for (const [i, p] of payloads.entries()) {
    await add(page, 'acg-name-check', { kind: 'version', value: p, app: p }, `name-${i}`);
    await add(page, 'acg-cost', { 'occupied-gb': '1', source: p, regions: p, heading: p, app: p }, `cost-${i}`);
    const versions = JSON.stringify([{ name: p, regions: 'eastus' }, { name: '1.0.0', regions: 'eastus', publishedDate: p }]);
    await add(page, 'acg-latest', { region: 'eastus', versions, heading: p, app: 'javascript:window.__pwned=4' }, `latest-${i}`);
  }
  await expect(page.locator('#name-0 input')).toHaveValue(payloads[0]);
  await expect(page.locator('#latest-0')).toContainText(payloads[0]);
  // Every link inside every widget is http(s).
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('acg-cost, acg-latest, acg-name-check')]
    .flatMap((w) => [...w.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  expect(await page.evaluate(() => document.querySelectorAll('img').length + [...document.querySelectorAll('acg-cost, acg-latest, acg-name-check')]
    .reduce((n, w) => n + w.shadowRoot!.querySelectorAll('img, script').length, 0))).toBe(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});

test('a widget links to the full planner with the same inputs', async ({ page }) => {
  await page.goto('/embed/');
  const href = await page.locator('#cost').getByRole('link', { name: /Open in the Compute Gallery Planner/ }).getAttribute('href');
  expect(href).toMatch(/\?sketch=whatIf&occupiedGb=10&source=eastus&regions=eastus%3D2%3Dstandard_lrs\+eastus2%3D2%3Dstandard_lrs\+centralus%3D2%3Dstandard_lrs#\/costs$/);
  await page.goto(href!);
  await expect(page.getByText('Opened from a share link.')).toBeVisible();
  await expect(page.locator('#storage-gb-months')).toHaveText('60 GB-month');
  await expect(page.locator('#storage-monthly')).toHaveText('$3.00 / month');
  // The latest widget's link opens its versions on the Latest view.
  await page.goto('/embed/');
  await page.goto((await page.locator('#latest').getByRole('link').getAttribute('href'))!);
  await expect(page.getByText('Opened from a share link.')).toBeVisible();
  await expect(page.locator('body')).toContainText('1.0.12');
  // A broken link says what is wrong and opens nothing.
  await page.goto('/?sketch=whatIf&occupiedGb=lots&source=eastus#/costs');
  await expect(page.getByText("The share link could not be opened: occupiedGb: 'lots' is not a number of GB of 0 or more")).toBeVisible();
});

test('the docs page passes axe-core without serious or critical violations', async ({ page }) => {
  await page.goto('/embed/');
  await expect(page.locator('#cost [data-field="storage"]')).toBeVisible();
  await page.evaluate(readFileSync(join(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    // @ts-ignore axe is injected above
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`);
  });
  expect(violations).toEqual([]);
});

test('a widget rounds money as the app does: the core\'s display amount', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/embed/');
  // 10.015 GB x 6 replicas x $0.05 = $3.0045 a month: shown as $3.00, as the app shows it.
  const cost = await add(page, 'acg-cost', { 'occupied-gb': '10.015', source: 'eastus', regions: 'eastus=2=standard_lrs eastus2=2=standard_lrs centralus=2=standard_lrs' }, 'rounding');
  await expect(cost.locator('[data-field="storage"]')).toHaveText('60.09 GB-month · $3.00 / month');
  await page.goto('/?sketch=whatIf&occupiedGb=10.015&source=eastus&regions=eastus%3D2%3Dstandard_lrs+eastus2%3D2%3Dstandard_lrs+centralus%3D2%3Dstandard_lrs#/costs');
  await expect(page.locator('#storage-monthly')).toHaveText('$3.00 / month');
  expect(problems).toEqual([]);
});
