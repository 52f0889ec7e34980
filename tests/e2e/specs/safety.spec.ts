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
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
    await expect(page.getByRole('heading', { name: 'Compute Gallery Planner' })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Design' }).click();
  await page.getByRole('treeitem', { name: /^Gallery <img src=x onerror/ }).click();
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
  // Autosave is debounced: let tab A's save land (IndexedDB, then the stamp other tabs hear) before tab B opens.
  await expect.poll(() => a.evaluate(() => localStorage.getItem('acg.plan.saved'))).not.toBeNull();
  const b = await context.newPage();
  await b.goto('/');
  await a.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  await a.getByLabel('Gallery name').fill('renamed_in_a');
  await expect(b.getByText('This plan was changed in another tab.')).toBeVisible();
  await b.getByRole('button', { name: "Load the other tab's plan" }).click();
  await expect(b.getByRole('treeitem', { name: /^Gallery renamed_in_a/ })).toBeVisible();
});

test('a save from before IndexedDB (localStorage) opens, moves to IndexedDB and survives a reload', async ({ page }) => {
  const before = {
    workspaceVersion: 1, active: 0,
    plans: [{ name: 'Kept from localStorage', plan: { galleries: [{ name: 'migrated_gallery', location: 'eastus' }] } }],
  };
  await page.addInitScript((text) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('acg.plan', text);
      sessionStorage.setItem('seeded', '1');
    }
  }, JSON.stringify(before));
  await page.goto('/');
  await expect(page.getByRole('treeitem', { name: /^Gallery migrated_gallery/ })).toBeVisible();
  await expect(page.getByLabel('Plan name')).toHaveValue('Kept from localStorage');
  await page.getByRole('treeitem', { name: /^Gallery migrated_gallery/ }).click();
  await page.getByLabel('Gallery name').fill('migrated_and_edited');
  // Saved in IndexedDB; the localStorage copy, now older, is gone.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('acg.plan'))).toBeNull();
  await page.reload();
  await expect(page.getByRole('treeitem', { name: /^Gallery migrated_and_edited/ })).toBeVisible();
  await expect(page.getByLabel('Plan name')).toHaveValue('Kept from localStorage');
});

test('named plans: add, rename, switch; each keeps its own content across a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  await page.getByRole('button', { name: 'New plan' }).click();
  await expect(page.getByLabel('Plan name')).toHaveValue('Untitled plan');
  await page.getByLabel('Plan name').fill('Staging');
  await page.getByLabel('Plan name').press('Enter');
  await page.getByRole('button', { name: '+ Gallery' }).click();
  await page.getByLabel('Gallery name').fill('staging_gallery');
  await page.reload();
  await expect(page.getByLabel('Plan', { exact: true })).toHaveValue('1');
  await expect(page.getByRole('treeitem', { name: /^Gallery staging_gallery/ })).toBeVisible();
  await page.getByLabel('Plan', { exact: true }).selectOption({ index: 0 });
  await expect(page.getByRole('treeitem', { name: /^Gallery contoso_prod/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^Gallery staging_gallery/ })).toHaveCount(0);
  await page.getByLabel('Plan name').fill('Staging');
  await page.getByLabel('Plan name').press('Enter');
  await expect(page.getByText("another plan is already called 'Staging'")).toBeVisible();
});

for (const [what, saved, reason] of [
  ['a damaged save', '{"workspaceVersion": 1, "plans": [', 'the save is not JSON'],
  ['a save from a newer planner', '{"workspaceVersion": 9, "plans": []}', 'this save was written by a newer version of the planner (workspaceVersion 9)'],
]) {
  test(`${what} is kept, explained and offered for download; nothing overwrites it`, async ({ page }) => {
    // Seeded before the app starts (once: later reloads see what the app left).
    await page.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('acg.plan', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, saved);
    await page.goto('/');
    await expect(page.getByRole('alert').filter({ hasText: reason })).toBeVisible();
    await expect(page.getByLabel('The saved plans as they were')).toHaveValue(saved);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the save as it was' }).click()]);
    expect(download.suggestedFilename()).toBe('compute-gallery-plans-unreadable.json');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(saved);
    // Editing the sample shown meanwhile does not overwrite the save.
    await page.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
    await page.getByLabel('Gallery name').fill('edited');
    expect(await page.evaluate(() => localStorage.getItem('acg.plan'))).toBe(saved);
    expect(await page.evaluate(() => localStorage.getItem('acg.plan.unreadable'))).toBe(saved);
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: reason })).toBeVisible();
  });
}

test('a very long name does not widen the page at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  await page.getByRole('treeitem', { name: /^Gallery contoso_prod/ }).click();
  const long = 'a'.repeat(300);
  await page.getByLabel('Gallery name').fill(long);
  await expect(page.getByRole('heading', { name: `Gallery ${long}` })).toBeVisible();
  for (const view of ['Design', 'Issues', 'Latest', 'Costs']) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `view ${view}`).toBeLessThanOrEqual(0);
  }
});

test('when the app cannot load, it says so with a Reload button; without app.js the page still says what to do', async ({ page }) => {
  await page.route('**/pkg/acg_web_bg.wasm', (route) => route.abort());
  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'The planner could not start' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  await page.unroute('**/pkg/acg_web_bg.wasm');
  await page.route('**/app.js', (route) => route.abort());
  await page.goto('/');
  await expect(page.getByText('Loading the Compute Gallery Planner… If nothing appears, reload the page.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'reload the page' })).toBeVisible();
});

test('the name-check widget never prints null or undefined', async ({ page }) => {
  await page.goto('/embed/');
  for (const kind of ['gallery', 'definition', 'version']) {
    for (const value of ['good_name', '1.0.0', 'bad-name!', '']) {
      const text = await page.evaluate(async ([kind, value]) => {
        const e = document.createElement('acg-name-check');
        e.setAttribute('kind', kind);
        e.setAttribute('value', value);
        document.body.append(e);
        for (let i = 0; i < 50 && !e.shadowRoot?.querySelector('#result p'); i++) await new Promise((r) => setTimeout(r, 50));
        const t = e.shadowRoot!.textContent ?? '';
        e.remove();
        return t;
      }, [kind, value]);
      expect(text, `${kind} '${value}'`).toContain('Azure');
      expect(text, `${kind} '${value}'`).not.toMatch(/null|undefined/);
    }
  }
});
