// Importing what Azure users keep: a public quickstart template with its parameters file, and a REST body
// without names. The app says what it read; nothing typed is lost.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const realworld = join(__dirname, '..', '..', 'fixtures', 'realworld');

test('a quickstart template with a parameters file: names from the parameters, the rest said as expressions', async ({ page }) => {
  await page.goto('/#/io');
  await expect(page.getByText(/^This is a sample plan/)).toBeVisible();
  const template = readFileSync(join(realworld, 'quickstart-sig-image-definition-create.json'), 'utf8');
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill(template);
  await page.getByText("A template's parameters, or names for a bare REST body").click();
  await page.getByLabel(/Deployment parameters file/).fill(JSON.stringify({
    parameters: { galleryName: { value: 'contosoGallery' }, galleryImageDefinitionName: { value: 'ubuntu2204' } },
  }));
  await page.getByRole('button', { name: /^Import/ }).click();
  const report = page.getByRole('status').filter({ hasText: 'Imported.' });
  await expect(report).toContainText('1 gallery, 1 definition, 0 versions');
  await expect(report).toContainText('location: [resourceGroup().location]');
  // The plan is the imported one now: no "sample plan" banner over it.
  await expect(page.getByText(/^This is a sample plan/)).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Design' }).click();
  const tree = page.getByRole('navigation', { name: 'Galleries, image definitions and versions' });
  await expect(tree.getByRole('treeitem', { name: /^Gallery contosoGallery/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Definition ubuntu2204/ })).toBeVisible();
});

test('a bare REST body asks for its real names; given, they are used', async ({ page }) => {
  await page.goto('/#/io');
  const body = JSON.stringify({ location: 'westus2', properties: { description: 'from a REST body' } });
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill(body);
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByText(/name\(s\) were invented because the document carries none/)).toBeVisible();
  await page.getByLabel(/Names for a REST body/).fill('myGallery');
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported.' })).toContainText('1 gallery');
  await expect(page.getByText(/name\(s\) were invented/)).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Design' }).click();
  await expect(page.getByRole('navigation', { name: 'Galleries, image definitions and versions' }).getByRole('treeitem', { name: /^Gallery myGallery/ })).toBeVisible();
});

test('a document that yields nothing known is an error naming the formats tried, and the plan stays', async ({ page }) => {
  await page.goto('/#/io');
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill('{"foo": 1}');
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('alert')).toContainText('Error');
  await expect(page.getByText('Imported.')).toHaveCount(0);
  await expect(page.getByLabel(/Paste a Plan JSON, an ARM template/)).toHaveValue('{"foo": 1}');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Design' }).click();
  await expect(page.getByRole('navigation', { name: 'Galleries, image definitions and versions' }).getByRole('treeitem', { name: /^Gallery contoso_prod/ })).toBeVisible();
});

test('the importers and exporters load on demand: if they cannot, the view says so, keeps the text, and works once they can', async ({ page }) => {
  await page.route('**/interchange/acg_interchange_bg.wasm', (route) => route.abort());
  await page.goto('/#/io');
  await expect(page.getByRole('alert').filter({ hasText: 'The exporters could not be loaded' })).toBeVisible();
  const template = readFileSync(join(realworld, 'quickstart-sig-image-definition-create.json'), 'utf8');
  const text = page.getByLabel(/Paste a Plan JSON, an ARM template/);
  await text.fill(template);
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The importers could not be loaded' })).toContainText('your text is kept');
  await expect(page.getByText('Imported.')).toHaveCount(0);
  await expect(text).toHaveValue(template);
  await page.unroute('**/interchange/acg_interchange_bg.wasm');
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported.' })).toContainText('1 gallery, 1 definition');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'arm');
  expect(await page.locator('#export-output').inputValue()).toContain('"Microsoft.Compute/galleries/images"');
});

test('the interchange build is fetched in the background after start, so the view works offline later', async ({ page }) => {
  const warmed = page.waitForResponse((r) => r.url().endsWith('/interchange/acg_interchange_bg.wasm') && r.ok());
  await page.goto('/');
  await page.getByRole('button', { name: 'Keep the sample' }).click();
  await warmed;
  // Offline from here on for the interchange build: what was fetched is used.
  await page.route('**/interchange/**', (route) => route.abort());
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import / export' }).click();
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'arm');
  expect(await page.locator('#export-output').inputValue()).toContain('"Microsoft.Compute/galleries"');
});

test('an import can add to the plan: namesakes take the new resources, a version already there stops it, Undo takes it out', async ({ page }) => {
  await page.goto('/#/io');
  const doc = JSON.stringify({ schemaVersion: 2, name: 'more', galleries: [{ name: 'contoso_prod', location: 'eastus', images: [
    { name: 'ubuntu-22.04-lts', osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'contoso', offer: 'ubuntu', sku: '22_04-lts' }, versions: [{ name: '3.0.0' }] },
  ] }, { name: 'second_gallery', location: 'westeurope' }] });
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill(doc);
  await page.getByLabel(/Add to it/).check();
  await page.getByRole('button', { name: /^Import and add/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported.' })).toContainText('Gallery contoso_prod is already in the plan');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Design' }).click();
  const tree = page.getByRole('navigation', { name: 'Galleries, image definitions and versions' });
  await expect(tree.getByRole('treeitem', { name: /^Version 3\.0\.0/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Version 1\.0\.12/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Gallery second_gallery/ })).toBeVisible();
  // Again: 3.0.0 is in the plan now, and Azure refuses a second version of that name.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Import / export' }).click();
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill(doc);
  await page.getByLabel(/Add to it/).check();
  await page.getByRole('button', { name: /^Import and add/ }).click();
  await expect(page.getByRole('alert')).toContainText('ubuntu-22.04-lts:3.0.0 already exists in gallery contoso_prod');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Design' }).click();
  await expect(tree.getByRole('treeitem', { name: /^Version 3\.0\.0/ })).toHaveCount(0);
  await expect(tree.getByRole('treeitem', { name: /^Version 1\.0\.12/ })).toBeVisible();
});

test('a big plan is exported when asked, not as soon as it is imported; an edit asks again', async ({ page }) => {
  await page.goto('/#/io');
  const versions = Array.from({ length: 2_001 }, (_, i) => ({ name: `1.${Math.floor(i / 100)}.${i % 100}` }));
  const doc = JSON.stringify({ schemaVersion: 2, name: 'many versions', galleries: [{ name: 'big_gallery', location: 'eastus', images: [
    { name: 'linux', osType: 'Linux', osState: 'Generalized', identifier: { publisher: 'contoso', offer: 'ubuntu', sku: 'lts' }, versions },
  ] }] });
  await page.getByLabel(/Paste a Plan JSON, an ARM template/).fill(doc);
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported.' })).toContainText('2001 versions');
  await expect(page.getByText('This plan has 2001 versions: writing its export takes a few seconds')).toBeVisible();
  await expect(page.locator('#export-output')).not.toHaveAttribute('data-format');
  // Nothing to copy or download yet (an empty file under the plan's name would pass for the export).
  await expect(page.getByRole('button', { name: 'Copy' })).toBeDisabled();
  await expect(page.getByRole('link', { name: 'Download' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Write the export' }).click();
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'arm');
  await expect(page.getByRole('button', { name: 'Copy' })).toBeEnabled();
  await expect(page.getByRole('link', { name: 'Download' })).toHaveAttribute('download', 'many-versions.json');
  expect(await page.locator('#export-output').inputValue()).toContain('"name": "big_gallery/linux/1.20.0"');
  // Another format of the same plan is written at once; after an edit (the import undone, then redone) the
  // plan is asked for again, and the sample plan, small, is written at once.
  await page.getByLabel('Format').selectOption('bicep');
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'bicep');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.locator('#export-output')).toHaveAttribute('data-format', 'bicep');
  expect(await page.locator('#export-output').inputValue()).toContain('contoso_prod');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Write the export' })).toBeVisible();
  await expect(page.locator('#export-output')).not.toHaveAttribute('data-format');
});
