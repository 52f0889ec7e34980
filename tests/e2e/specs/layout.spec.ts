// Every view at a phone's and a desktop's width, in light and dark: nothing scrolls sideways, no word is broken
// across lines, and axe-core finds nothing serious or critical. Screenshots land in tests/e2e/artifacts/.
import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const artifacts = join(__dirname, '..', 'artifacts');
mkdirSync(artifacts, { recursive: true });

const views: [string, string][] = [
  ['design', '/'], ['issues', '/#/issues'], ['latest', '/#/latest'], ['replicas', '/#/replicas'],
  ['costs', '/#/costs'], ['prices', '/#/prices'], ['io', '/#/io'], ['troubleshoot', '/#/troubleshoot'],
  ['embed-docs', '/embed/'],
];

/** Words (runs of two or more letters) whose text spans more than one line, with the element that holds them. */
async function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const roots: Node[] = [document.body];
    // The widgets render in shadow roots: walk those too.
    document.querySelectorAll('*').forEach((e) => { if (e.shadowRoot) roots.push(e.shadowRoot); });
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        for (const m of text.matchAll(/\p{L}{2,}/gu)) {
          const range = document.createRange();
          range.setStart(n, m.index!);
          range.setEnd(n, m.index! + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) found.push(`"${m[0]}" in <${n.parentElement?.tagName.toLowerCase()} class="${n.parentElement?.className}">`);
        }
      }
    }
    return found;
  });
}

async function open(page: Page, view: string, hash: string) {
  await page.goto(hash);
  if (view === 'embed-docs') {
    await expect(page.locator('h1')).toBeVisible();
    return;
  }
  await expect(page.getByRole('heading', { name: 'Compute Gallery Planner' })).toBeVisible();
  if (view === 'design') await page.locator('.tree .node', { hasText: '1.0.12' }).first().click();
  if (view === 'troubleshoot') await expect(page.getByRole('heading', { name: 'Troubleshoot' })).toBeVisible();
}

for (const width of [360, 1280]) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${width} px, ${scheme}`, () => {
      test.use({ viewport: { width, height: 800 }, colorScheme: scheme });
      for (const [view, hash] of views) {
        test(`${view}: no sideways scroll, no broken word, no serious axe violation`, async ({ page }) => {
          await open(page, view, hash);
          // Let the widgets and lazily loaded parts settle.
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: join(artifacts, `${view}-${width}-${scheme}.png`), fullPage: true });
          const scroll = await page.evaluate(() => ({ width: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
          expect(scroll.width, `${view} scrolls sideways`).toBeLessThanOrEqual(scroll.inner);
          expect(await brokenWords(page), `${view}: words broken across lines`).toEqual([]);
          // Nor does a table hide columns in a box of its own (a clipped "Remove").
          const clipped = await page.evaluate(() => [...document.querySelectorAll('table')]
            .filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => `${t.className}: ${t.scrollWidth} > ${t.clientWidth}`));
          expect(clipped, `${view}: tables scrolling inside`).toEqual([]);
          // A chart's labels, values and ticks lie inside it (an SVG clips what overflows), at a readable size.
          const charts = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].flatMap((svg) => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].flatMap((t) => {
              const r = t.getBoundingClientRect();
              const size = parseFloat(getComputedStyle(t).fontSize) * (box.width / svg.viewBox.baseVal.width);
              const out = r.left < box.left - 1 || r.right > box.right + 1 ? [`"${t.textContent}" outside ${svg.id}`] : [];
              return size < 9.5 ? [...out, `"${t.textContent}" in ${svg.id} is ${size.toFixed(1)} px`] : out;
            });
          }));
          expect(charts, `${view}: chart text`).toEqual([]);
          const axe = await new AxeBuilder({ page }).analyze();
          const bad = axe.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
          expect(bad, `${view}: axe`).toEqual([]);
        });
      }
    });
  }
}
