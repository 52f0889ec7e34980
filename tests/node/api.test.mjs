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
  assert.equal(acg.importPlan(acg.exportPlan(plan, 'arm')).format, 'arm');
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

test('a plan prices with its own prices: estimatePlan, the CSV export and planPrices agree', () => {
  const plan = acg.samplePlan();
  plan.prices = { snapshots: [{ key: 'eastus|Standard HDD|ZRS', amount: '0.07', asOf: 'override', source: 'your override' }] };
  const mine = acg.estimatePlan(plan);
  assert.notEqual(mine.storageMonthly, acg.estimatePlan(acg.samplePlan()).storageMonthly);
  assert.deepEqual(acg.estimatePlan(plan, acg.planPrices(plan)), mine);
  const csv = acg.exportPlan(plan, 'csv').trim().split('\n').slice(1);
  const cents = csv.reduce((sum, line) => sum + Math.round(Number(line.split(',')[7]) * 10000), 0);
  assert.equal(cents, Math.round((Number(mine.storageMonthly) + Number(mine.egressOneTime)) * 10000));
  assert.ok(csv.some((line) => line.includes(',eastus,storage,') && line.includes(',0.07,USD,')));
  assert.deepEqual(acg.importPlan(acg.exportPlan(plan, 'plan')).plan.prices, plan.prices);
});

test('one rounding: displayAmount is the core\'s', () => {
  assert.deepEqual(acg.displayAmount('3.0045'), { amount: '3.00', places: 2 });
  assert.deepEqual(acg.displayAmount('0.0045'), { amount: '0.0045', places: 4 });
  assert.deepEqual(acg.displayAmount(2.5), { amount: '2.50', places: 2 });
  assert.throws(() => acg.displayAmount('lots'), { message: 'amount: not a number (give a decimal string or a number)' });
});

// The embed build: the same functions under the same names, without the plan-wide ones.
const embed = await import(pathToFileURL(join(dist, 'embed', 'acg_embed.js')).href);
embed.initSync({ module: readFileSync(join(dist, 'embed', 'acg_embed_bg.wasm')) });

test('the embed build: widgets\' functions only, same answers as the full API', () => {
  assert.equal(embed.validatePlan, undefined);
  assert.equal(embed.resolveLatest, undefined);
  const regions = 'eastus=2=standard_lrs eastus2=2=standard_lrs centralus=2=standard_lrs';
  assert.deepEqual(embed.estimateWhatIf(10, 'eastus', regions), acg.estimateWhatIf(10, 'eastus', regions));
  assert.deepEqual(embed.checkName('gallery', 'my-gallery'), acg.checkName('gallery', 'my-gallery'));
  assert.equal(embed.compareVersions('1.0.9', '1.0.12'), -1);
  assert.equal(embed.parseVersion('2.0.1').major, 2);
  assert.equal(embed.regions().length, 60);
  const versions = [{ name: '1.0.9', regions: 'eastus westeurope' }, { name: '1.0.12', regions: 'eastus westeurope', excludedIn: 'westeurope' }];
  assert.equal(embed.latestOfVersions(versions, 'eastus', '2026-11-22').latest, '1.0.12');
  assert.equal(embed.latestOfVersions(versions, 'westeurope', '2026-11-22').latest, '1.0.9');
  assert.throws(() => embed.latestOfVersions([{ name: '1.0.0', region: 'eastus' }], 'eastus'), /^Error: versions: .*unknown field `region`/);
  assert.throws(() => embed.latestOfVersions([{ name: '1.0.0', regions: 'eastus', excludedIn: 'westus2' }], 'eastus'),
    { message: 'versions[0].excludedIn: westus2 is not among its regions' });
  assert.throws(() => embed.checkName('disk', 'x'), { message: "kind: 'disk' is not one of gallery, definition, version" });
  assert.equal(embed.sharePlan, undefined);
  assert.deepEqual(embed.displayAmount('3.0045'), acg.displayAmount('3.0045'));
  assert.equal(acg.sharePlan(acg.samplePlan()).startsWith('v1.'), true);
});

// types.d.ts (the typescript_custom_section) must describe what the functions return: every key a result
// has is declared, and every key declared as required is there.
const dts = readFileSync(join(import.meta.dirname, '..', '..', 'crates', 'acg-wasm', 'src', 'types.d.ts'), 'utf8');
function topLevel(body, sep) {
  const parts = []; let depth = 0; let cur = '';
  for (const ch of body) {
    if ('{[(<'.includes(ch)) depth++;
    if ('}])>'.includes(ch)) depth--;
    if (ch === sep && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}
const interfaces = new Map();
for (const [, name, body] of dts.matchAll(/^export interface (\w+) \{(.*)\}\s*$/gm)) {
  const fields = new Map(); let open = false;
  for (const member of topLevel(body, ';')) {
    if (member.startsWith('[')) { open = true; continue; }
    const m = /^(\w+)(\??):/.exec(member);
    assert.ok(m, `types.d.ts: cannot read member '${member}' of ${name}`);
    fields.set(m[1], m[2] !== '?');
  }
  interfaces.set(name, { fields, open });
}
function conforms(value, name, where = name) {
  const iface = interfaces.get(name);
  assert.ok(iface, `types.d.ts has no interface ${name}`);
  for (const key of Object.keys(value)) {
    assert.ok(iface.open || iface.fields.has(key), `${where}: key '${key}' is not declared in ${name}`);
  }
  for (const [key, required] of iface.fields) {
    if (required) assert.ok(key in value, `${where}: ${name}.${key} is declared required but missing`);
  }
}

test('types.d.ts describes every result the API returns', () => {
  const plan = acg.samplePlan();
  conforms(plan, 'Plan');
  conforms(plan.galleries[0], 'Gallery');
  conforms(acg.parseVersion('1.0.0'), 'ParsedVersion');
  acg.checkName('gallery', 'my-gallery').forEach((i) => conforms(i, 'NameIssue'));
  const report = acg.validatePlan(plan, '2026-11-22');
  conforms(report, 'Report');
  report.issues.forEach((i, n) => conforms(i, 'Issue', `issues[${n}]`));
  const r = acg.resolveLatest(plan, 'contoso_prod', 'ubuntu-22.04-lts', 'eastus', '2026-11-22');
  conforms(r, 'Resolution');
  r.versions.forEach((v) => conforms(v, 'VersionVerdict'));
  conforms(embed.latestOfVersions([{ name: '1.0.0', regions: 'eastus' }], 'eastus'), 'Resolution');
  acg.latestMatrix(plan).forEach((c) => conforms(c, 'MatrixCell'));
  conforms(acg.recommendReplicas({ concurrentVms: 300 }), 'Recommendation');
  conforms(acg.recommendReplicas({ concurrentVms: 3000 }), 'Recommendation');
  conforms(acg.displayAmount('1'), 'DisplayAmount');
  conforms(acg.planPrices(plan), 'PriceBook');
  const e = acg.estimatePlan(plan);
  conforms(e, 'Estimate');
  e.lines.forEach((l) => conforms(l, 'Line'));
  const retail = acg.importRetailPrices(JSON.stringify([{ currencyCode: 'EUR', retailPrice: 0.046, armRegionName: 'westeurope', productName: 'Standard HDD Managed Disks', meterName: 'LRS Snapshots', unitOfMeasure: '1 GB/Month', type: 'Consumption' }]));
  conforms(retail, 'RetailImport');
  conforms(retail.prices, 'PriceBook');
  acg.regions().forEach((g) => conforms(g, 'Region'));
  conforms(acg.importPlan(JSON.stringify(plan)), 'Imported');
  acg.parseTargetRegions('eastus=2=standard_zrs westus2').forEach((t) => conforms(t, 'TargetRegion'));
  const broken = JSON.parse(JSON.stringify(plan));
  broken.galleries[0].images[0].versions[0].publishingProfile.targetRegions.splice(0, 1);
  const found = acg.explainError("(InvalidParameter) Gallery image version publishing profile regions 'westeurope' must contain the location of image version 'eastus'.", broken, '2026-11-30');
  conforms(found, 'Explanation');
  found.errors.forEach((e) => conforms(e, 'PastedError'));
  found.matches.forEach((m) => { conforms(m, 'ExplainMatch'); m.resources.forEach((r) => { conforms(r, 'ExplainResource'); r.issues.forEach((i) => conforms(i, 'Issue')); }); });
  assert.equal(found.matches[0].resources[0].issues[0].code, 'VER-06');
  const edited = acg.applyEdit(plan, { duplicate: { at: 'galleries[0].images[0]' } }, '2026-11-30');
  conforms(edited, 'Edited');
  conforms(edited.applied, 'Applied');
});

test('applyEdit: the app\'s edits for scripts, with Azure\'s refusals and an exact undo', () => {
  const plan = acg.samplePlan();
  const { plan: next, applied } = acg.applyEdit(plan, { setField: { at: 'galleries[0]', field: 'description', text: 'Golden images' } }, '2026-11-30');
  assert.equal(next.galleries[0].description, 'Golden images');
  assert.deepEqual(applied.changed, { kind: 'resource', at: 'galleries[0]' });
  assert.deepEqual(acg.applyEdit(next, applied.undo, '2026-11-30').plan, plan);
  const added = acg.applyEdit(plan, { addTargetRegion: { version: 'galleries[0].images[0].versions[0]', region: 'Japan East' } });
  assert.equal(added.plan.galleries[0].images[0].versions[0].publishingProfile.targetRegions.at(-1).name, 'japaneast');
  assert.throws(() => acg.applyEdit(plan, { delete: { at: 'galleries[0].images[0]' } }),
    { message: 'galleries[0].images[0]: IMG-22 Can not delete resource before nested resources are deleted.' });
  assert.throws(() => acg.applyEdit(plan, { delete: { at: 'galleries[0].name' } }), /^Error: change: .*'galleries\[0\]\.name' is not the address of a resource/);
  assert.throws(() => acg.applyEdit(plan, { setField: { at: 'galleries[0]', field: 'sku', text: 'x' } }), { message: "galleries[0]: ADDRESS A gallery has no field 'SKU'." });
});

test('types.d.ts names every change the core reads, and no other', () => {
  const union = /^export type Change = (.*);$/m.exec(dts)[1];
  const declared = new Set(topLevel(union, '|').map((member) => /^(?:"(\w+)"|\{ (\w+): )/.exec(member)).map((m) => m[1] ?? m[2]));
  let message = '';
  try { acg.applyEdit(acg.samplePlan(), { noSuchChange: {} }); } catch (e) { message = e.message; }
  const known = new Set([...message.matchAll(/`(\w+)`/g)].map((m) => m[1]).filter((n) => n !== 'noSuchChange'));
  assert.ok(known.size > 20, message);
  assert.deepEqual([...declared].sort(), [...known].sort());
});

test('errors name the field of a wrong value in the browser builds too', () => {
  const plan = acg.samplePlan();
  plan.galleries[0].images[1].osType = 7;
  assert.throws(() => acg.validatePlan(plan), /^Error: plan: at galleries\[0\]\.images\[1\]\.osType: invalid type: integer `7`/);
});

// The explain build: explainError alone, for <acg-explain>.
const explainBuild = await import(pathToFileURL(join(dist, 'embed', 'acg_explain.js')).href);
explainBuild.initSync({ module: readFileSync(join(dist, 'embed', 'acg_explain_bg.wasm')) });

test('explainError: the guide entry of a pasted error, in the full API and the explain build', () => {
  const text = 'Error: creating Image Version: unexpected status 400 (400 Bad Request) with error: InvalidParameter: Duplicate regions are not allowed in target publishing regions';
  const found = acg.explainError(text);
  assert.equal(found.matches[0].azureMessage, 'V31');
  assert.equal(found.errors[0].code, 'InvalidParameter');
  assert.deepEqual(explainBuild.explainError(text), found);
  assert.equal(embed.explainError, undefined);
  assert.equal(explainBuild.latestOfVersions, undefined);
  assert.deepEqual(acg.explainError("Resource group 'rg' could not be found.").matches, []);
  assert.throws(() => explainBuild.explainError(text, acg.samplePlan()), { message: 'plan: this build explains without a plan; use the full API (api/acg.js)' });
  assert.throws(() => acg.explainError(''), { message: 'text: nothing to explain: paste the error message Azure, az, PowerShell or Terraform printed' });
});

// The interchange build: the app's importers and exporters, JSON text in and out, loaded on demand.
const interchange = await import(pathToFileURL(join(dist, 'interchange', 'acg_interchange.js')).href);
interchange.initSync({ module: readFileSync(join(dist, 'interchange', 'acg_interchange_bg.wasm')) });

test('the interchange build imports and exports as the full API does, in JSON text', () => {
  const plan = acg.samplePlan();
  for (const format of ['plan', 'arm', 'bicep', 'az', 'terraform', 'csv']) {
    const exported = JSON.parse(interchange.exportText(JSON.stringify(plan), format));
    assert.equal(exported.text, acg.exportPlan(plan, format), format);
    assert.ok(Array.isArray(exported.notes));
  }
  assert.match(JSON.parse(interchange.exportText(JSON.stringify(plan), 'az')).notes.join('\n'), /hostCaching has no az argument/);
  const arm = acg.exportPlan(plan, 'arm');
  assert.deepEqual(JSON.parse(interchange.importText(arm)), acg.importPlan(arm));
  const body = JSON.stringify({ location: 'westus2', properties: {} });
  assert.deepEqual(JSON.parse(interchange.importText(body, undefined, 'g1')), acg.importPlan(body, undefined, 'g1'));
  assert.throws(() => interchange.importText('{"foo": 1}'), { message: /^nothing in the file is a gallery/ });
  assert.throws(() => interchange.exportText('{}', 'yaml'), { message: "format: 'yaml' is not one of plan, arm, bicep, az, terraform, csv" });
  assert.equal(interchange.validatePlan, undefined);
  assert.equal(acg.importText, undefined);
});

test('the docs page lists every function of the JS API', () => {
  const docs = readFileSync(join(dist, 'embed', 'index.html'), 'utf8');
  const functions = Object.keys(acg).filter((k) => typeof acg[k] === 'function' && !['default', 'initSync'].includes(k));
  assert.equal(functions.length, 23);
  for (const f of functions) assert.match(docs, new RegExp(`<code>${f}\\(`), `www/embed/index.html does not document ${f}`);
});
