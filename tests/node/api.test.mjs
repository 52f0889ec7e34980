// The JS API from Node: the built ES module, initialized synchronously from the wasm bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.ACG_DIST ?? join(import.meta.dirname, '..', '..', 'dist');
const acg = await import(pathToFileURL(join(dist, 'api', 'acg.js')).href);
acg.initSync({ module: readFileSync(join(dist, 'api', 'acg_bg.wasm')) });

test('versions compare as numbers', () => {
  assert.deepEqual(acg.parseVersion('1.0.12'), { name: '1.0.12', major: 1, minor: 0, patch: 12 });
  assert.equal(acg.compareVersions('1.0.9', '1.0.12'), -1);
  assert.throws(() => acg.parseVersion('1.0.x'), { message: "version name: the Patch part 'x' is not a number: only digits 0-9 are allowed" });
});

test('names, regions and the az syntax', () => {
  assert.equal(acg.checkName('gallery', 'my-gallery')[0].azureMessage, 'G1');
  assert.equal(acg.regions().length, 60);
  assert.deepEqual(acg.parseTargetRegions('eastus=2 westus2'), [{ name: 'eastus', regionalReplicaCount: 2 }, { name: 'westus2' }]);
});

test('the sample plan: validation, latest, export and import', () => {
  const plan = acg.samplePlan();
  assert.equal(acg.validatePlan(plan, '2026-11-22').issues.length, 2);
  assert.equal(acg.resolveLatest(plan, 'contoso_prod', 'ubuntu-22.04-lts', 'eastus', '2026-11-22').latest, '1.0.12');
  assert.equal(acg.latestMatrix(plan).length, 7);
  const bicep = acg.exportPlan(plan, 'bicep');
  assert.match(bicep, /resource gallery_contoso_prod 'Microsoft.Compute\/galleries@2025-03-03'/);
  assert.equal(acg.importPlan(acg.exportPlan(plan, 'arm')).format, 'armTemplate');
  assert.throws(() => acg.validatePlan({ galleries: 'none' }), /^Error: plan: /);
});

test('replicas and the docs billing example', () => {
  assert.equal(acg.recommendReplicas({ concurrentVms: 1000, marginPercent: 0 }).recommended, 50);
  const e = acg.estimateWhatIf(10, 'eastus', 'eastus=2=standard_lrs eastus2=2=standard_lrs centralus=2=standard_lrs');
  assert.equal(e.storageGbMonths, 60);
  assert.equal(e.storageMonthly, '3.00');
  assert.equal(e.egressGb, 20);
  const imported = acg.importRetailPrices(JSON.stringify([{ currencyCode: 'EUR', retailPrice: 0.046, armRegionName: 'westeurope', productName: 'Standard HDD Managed Disks', meterName: 'LRS Snapshots', unitOfMeasure: '1 GB/Month', type: 'Consumption' }]));
  assert.equal(imported.prices.currency, 'EUR');
  assert.equal(acg.estimatePlan(acg.samplePlan(), imported.prices).currency, 'EUR');
  const v = { name: '1.0.0', location: 'eastus', publishingProfile: { targetRegions: [{ name: 'eastus', regionalReplicaCount: 3 }] }, occupiedGb: { osDisk: 10 } };
  assert.equal(acg.estimateVersion(v).storageMonthly, '1.50');
});
