// Compute Gallery Planner widgets for documentation pages: <acg-cost>, <acg-latest>, <acg-name-check>,
// <acg-explain>.
//
// One script tag and one element:
//   <script type="module" src="https://…/embed/acg-embed.js"></script>
//   <acg-cost occupied-gb="10" source="eastus" regions="eastus=2 eastus2=2 centralus=2"></acg-cost>
//
// Each widget is a thin shell over a small build of the JS API compiled from acg-core: the embed build
// (acg_embed.js) for <acg-cost>, <acg-latest> and <acg-name-check>, the explain build (acg_explain.js, the
// troubleshooting guide) for <acg-explain>; each is loaded only when a widget that needs it is on the page.
// A widget reads its attributes, calls the API, and renders the answer into its own shadow root. Nothing here
// computes a price, a name rule, a version order or a match. The rules a host page can rely on:
// - no globals: this is an ES module; it defines three custom elements, each only if the name is free;
// - no dependency on the host's CSS: styles live in the shadow root (constructed stylesheets, so a strict
//   Content-Security-Policy without 'unsafe-inline' is fine); `:host { all: initial }` resets inheritance and
//   the inner box sets its own font and colours, so even `* { … !important }` on the host page stays outside;
// - every string from an attribute or from the API is inserted as text, never as HTML; links are http(s) only;
// - a bad attribute shows an inline message naming the attribute, never an exception on the host page.
const builds = new Map();

/** The API build `name` (`acg_embed` or `acg_explain`), imported and initialised once, on first use. */
function load(name) {
  if (!builds.has(name)) {
    builds.set(name, import(new URL(`./${name}.js`, import.meta.url).href).then(async (m) => {
      await m.default();
      return m;
    }));
  }
  return builds.get(name);
}

const CSS = `
:host { all: initial; display: block; contain: content; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --fg: #1b1f24; --muted: #59636e; --bg: #ffffff; --border: #d0d7de; --accent: #0b5cad; --ok: #1a7f37; --warn: #9a6700; --error: #cf222e;
  color: var(--fg); }
@media (prefers-color-scheme: dark) {
  :host { --fg: #e6edf3; --muted: #9198a1; --bg: #161b22; --border: #30363d; --accent: #4493f8; --ok: #3fb950; --warn: #d29922; --error: #f85149; }
}
:host([hidden]) { display: none; }
.box { color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left; background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; max-width: 40rem; overflow-wrap: break-word; }
h3 { font-size: 1em; margin: 0 0 0.5rem; }
p { margin: 0.25rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 0.5rem; }
dt { color: var(--muted); }
dd { margin: 0; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; margin: 0.25rem 0 0.5rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.2rem 0.5rem 0.2rem 0; border-bottom: 1px solid var(--border); vertical-align: top; }
td.num, th.num { text-align: right; }
ul { margin: 0.25rem 0; padding-left: 1.25rem; }
.muted { color: var(--muted); }
.error { color: var(--error); font-weight: 600; }
.warning { color: var(--warn); }
.ok { color: var(--ok); font-weight: 600; }
.latest { font-size: 1.1em; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95em; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, textarea:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
input { font: inherit; color: inherit; background: transparent; border: 1px solid var(--border); border-radius: 6px; padding: 0.3rem 0.5rem; width: 100%; max-width: 24rem; box-sizing: border-box; }
.foot { margin-top: 0.5rem; font-size: 0.9em; }
textarea { font: 0.9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: inherit; background: transparent; border: 1px solid var(--border); border-radius: 6px; padding: 0.3rem 0.5rem; width: 100%; box-sizing: border-box; resize: vertical; }
.entry { border-top: 1px solid var(--border); margin-top: 0.5rem; padding-top: 0.5rem; }
`;

let sheet;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/** Builds an element; string children become text nodes (never HTML). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : breakable(String(c)));
  }
  return el;
}

/** Replaces an element's children, skipping absent parts (replaceChildren would print null as "null"). */
function put(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
}

/** Text as nodes, with a line-break opportunity (<wbr>) after the punctuation of long tokens (paths, ids,
 * property chains) so that a narrow screen wraps them between their parts, never inside a word. */
function breakable(text) {
  if (!/\S{20,}/.test(text)) return document.createTextNode(text);
  const out = document.createDocumentFragment();
  for (const part of text.split(/(?<=[./_|=&?:-])(?=[\p{L}\p{N}])/u)) {
    if (out.childNodes.length) out.append(document.createElement('wbr'));
    out.append(document.createTextNode(part));
  }
  return out;
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is refused. */
function safeUrl(text, base) {
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** A problem with one attribute: shown inline, naming the attribute. */
class AttributeError extends Error {}

/** Money as the planner shows it: the core rounds (`displayAmount`: cents, 4 places under a cent), the locale writes. */
function money(acg, amount, currency, locale) {
  const shown = acg.displayAmount(String(amount));
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: shown.places, maximumFractionDigits: shown.places }).format(Number(shown.amount));
  } catch {
    return `${shown.amount} ${currency}`;
  }
}

function number(n, locale) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
}

class Widget extends HTMLElement {
  #scheduled = false;
  /** The API build this widget calls. */
  static build = 'acg_embed';
  /** The loaded API module (set before the first render). */
  acg = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [styles()];
  }

  connectedCallback() {
    this.schedule();
  }

  attributeChangedCallback() {
    this.schedule();
  }

  /** Renders once per batch of attribute changes, after the module has loaded. */
  schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    load(this.constructor.build).then(
      (api) => {
        this.#scheduled = false;
        this.acg = api;
        this.update();
      },
      (error) => {
        this.#scheduled = false;
        this.show(h('p', { class: 'error', role: 'alert' }, `The planner widget could not load: ${error}`));
      },
    );
  }

  update() {
    let content;
    try {
      content = this.render();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      content = h('p', { class: 'error', role: 'alert' }, `${this.localName}: ${message}`);
    }
    this.show(content);
  }

  show(content) {
    this.shadowRoot.replaceChildren(h('div', { class: 'box', part: 'box' }, content));
  }

  /** The locale for numbers and money: the nearest `lang` on the page, else the browser's. */
  get locale() {
    return this.closest('[lang]')?.getAttribute('lang') || navigator.language || 'en';
  }

  required(name) {
    const value = this.getAttribute(name);
    if (value === null || value.trim() === '') throw new AttributeError(`the ${name} attribute is required`);
    return value.trim();
  }

  /** A link to the full planner opening the same inputs (`?sketch=…`, read by the app), on `route`. */
  appLink(inputs, route) {
    const base = this.getAttribute('app') ?? new URL('../', import.meta.url).href;
    const url = safeUrl(base, document.baseURI);
    if (!url) return h('p', { class: 'foot muted' }, 'app: only an http(s) address can be linked');
    url.search = new URLSearchParams(inputs).toString();
    url.hash = `#/${route}`;
    return h('p', { class: 'foot' }, h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, 'Open in the Compute Gallery Planner →'));
  }
}

/**
 * <acg-cost occupied-gb="10" source="eastus" regions="eastus=2 eastus2=2 centralus=2">
 * The monthly snapshot storage and the one-time egress of one image version.
 */
class CostWidget extends Widget {
  static observedAttributes = ['occupied-gb', 'source', 'regions', 'app', 'heading'];

  render() {
    const gbText = this.required('occupied-gb');
    const gb = Number(gbText);
    if (!Number.isFinite(gb) || gb < 0) throw new AttributeError(`occupied-gb: '${gbText}' is not a number of GB of 0 or more`);
    const source = this.required('source');
    const regions = this.getAttribute('regions') ?? source;
    const e = this.acg.estimateWhatIf(gb, source, regions);
    const loc = this.locale;
    const rows = e.byRegion.map((r) => h('tr', {},
      h('td', { class: 'mono' }, r.key),
      h('td', { class: 'num' }, money(this.acg, r.storageMonthly, e.currency, loc)),
      h('td', { class: 'num' }, money(this.acg, r.egressOneTime, e.currency, loc))));
    return [
      h('h3', {}, this.getAttribute('heading') ?? 'Monthly cost of one image version'),
      h('dl', {},
        h('dt', {}, 'Snapshot storage'), h('dd', { 'data-field': 'storage' }, `${number(e.storageGbMonths, loc)} GB-month · ${money(this.acg, e.storageMonthly, e.currency, loc)} / month`),
        h('dt', {}, 'First copy to each region'), h('dd', { 'data-field': 'egress' }, `${number(e.egressGb, loc)} GB · ${money(this.acg, e.egressOneTime, e.currency, loc)} once`)),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Region'), h('th', { scope: 'col', class: 'num' }, 'Storage / month'), h('th', { scope: 'col', class: 'num' }, 'Egress once'))),
        h('tbody', {}, rows)),
      e.notes.length ? h('ul', { class: 'warning' }, e.notes.map((n) => h('li', {}, n))) : null,
      h('p', { class: 'muted' }, `${e.estimated ? 'Estimated prices' : 'Prices'}: ${e.priceOrigin}`),
      this.appLink({ sketch: 'whatIf', occupiedGb: gbText, source, regions }, 'costs'),
    ];
  }
}

/** The versions of an <acg-latest>: the `versions` attribute, or a JSON script inside the element. */
function versionsOf(el) {
  const attr = el.getAttribute('versions');
  const inline = el.querySelector(':scope > script[type="application/json"]')?.textContent;
  const text = attr ?? inline;
  if (text === null || text === undefined || text.trim() === '') {
    throw new AttributeError('versions: give the versions as JSON, in the versions attribute or a <script type="application/json"> inside the element');
  }
  let list;
  try {
    list = JSON.parse(text);
  } catch (error) {
    throw new AttributeError(`versions: not JSON (${error.message})`);
  }
  if (!Array.isArray(list)) throw new AttributeError('versions: expected a JSON array of versions');
  return list;
}

/**
 * <acg-latest region="eastus westeurope" versions='[{"name":"1.0.0","regions":"eastus westeurope"}, …]'>
 * Which version "latest" resolves to in each region, and why each other version is not it.
 */
class LatestWidget extends Widget {
  static observedAttributes = ['versions', 'region', 'today', 'app', 'heading'];

  connectedCallback() {
    super.connectedCallback();
    // Inline JSON may be parsed after the element is upgraded.
    this.observer ??= new MutationObserver(() => this.schedule());
    this.observer.observe(this, { childList: true, subtree: true, characterData: true });
  }

  disconnectedCallback() {
    this.observer?.disconnect();
  }

  render() {
    const versions = versionsOf(this);
    const regions = this.required('region').split(/\s+/);
    const today = this.getAttribute('today') ?? undefined;
    if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new AttributeError(`today: '${today}' is not a date in the form YYYY-MM-DD`);
    const sections = regions.map((region) => {
      const r = this.acg.latestOfVersions(versions, region, today);
      return h('section', { 'data-region': r.region },
        h('p', { class: 'latest' },
          h('span', { class: 'muted' }, `latest in ${r.region} → `),
          r.latest ? h('strong', { class: 'ok', 'data-field': 'latest' }, r.latest) : h('strong', { class: 'error', 'data-field': 'latest' }, 'none')),
        r.latest ? null : h('p', { class: 'error' }, r.azureMessage ?? r.message ?? ''),
        h('ul', {}, r.versions.map((v) => h('li', {},
          h('code', {}, v.name), ' ',
          h('span', { class: v.candidate ? 'ok' : 'muted' }, v.candidate ? (v.name === r.latest ? 'chosen' : 'candidate') : 'skipped'),
          ` — ${v.reason}`))),
        r.note ? h('p', { class: 'muted' }, r.note) : null);
    });
    return [h('h3', {}, this.getAttribute('heading') ?? 'Which version "latest" gives'), sections, this.appLink({ sketch: 'versions', versions: JSON.stringify(versions) }, 'latest')];
  }
}

const KINDS = { gallery: 'Gallery name', definition: 'Image definition name', version: 'Image version name' };

/**
 * <acg-name-check kind="gallery" value="my-gallery">
 * A name field that shows Azure's rules for it as you type.
 */
class NameCheckWidget extends Widget {
  static observedAttributes = ['kind', 'value', 'app'];
  #typed = null;

  attributeChangedCallback(name) {
    if (name === 'value') this.#typed = null;
    super.attributeChangedCallback();
  }

  render() {
    const kind = this.getAttribute('kind') ?? 'gallery';
    if (!(kind in KINDS)) throw new AttributeError(`kind: '${kind}' is not one of gallery, definition, version`);
    const value = this.#typed ?? this.getAttribute('value') ?? '';
    const id = 'name';
    const input = h('input', { id, type: 'text', spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'result' });
    input.value = value;
    const result = h('div', { id: 'result', 'aria-live': 'polite' });
    const link = h('div', {});
    const check = () => {
      const name = input.value;
      const issues = this.acg.checkName(kind, name);
      const errors = issues.filter((i) => i.severity === 'error');
      put(result, 
        errors.length === 0
          ? h('p', { class: 'ok' }, `✓ Azure accepts this ${KINDS[kind].toLowerCase()}`)
          : h('p', { class: 'error' }, `✗ Azure rejects this name`),
        issues.length ? h('ul', {}, issues.map((i) => h('li', { class: i.severity },
          h('strong', {}, i.severity === 'error' ? 'Error' : i.severity === 'warning' ? 'Warning' : 'Note'), ` (${i.code}): ${i.message}`,
          i.azureMessage ? h('p', { class: 'muted' }, `Azure: ${i.azureMessage}`) : null,
          i.mitigation ? h('p', {}, `Fix: ${i.mitigation}`) : null))) : null);
      put(link, this.appLink({ sketch: 'name', kind, name }, 'issues'));
    };
    input.addEventListener('input', () => {
      this.#typed = input.value;
      check();
    });
    check();
    return [h('label', { for: id }, KINDS[kind]), input, result, link];
  }
}

/**
 * <acg-explain error="(InvalidParameter) Gallery image version publishing profile regions …">
 * What Microsoft's troubleshooting guide says of an error Azure printed: its entry, cause, fix and the values in
 * the message. Readers can paste their own error into the box.
 */
class ExplainWidget extends Widget {
  static observedAttributes = ['error', 'app', 'heading'];
  static build = 'acg_explain';
  #typed = null;

  attributeChangedCallback(name) {
    if (name === 'error') this.#typed = null;
    super.attributeChangedCallback();
  }

  render() {
    const id = 'error';
    const input = h('textarea', { id, rows: 4, spellcheck: 'false', 'aria-describedby': 'result' });
    input.value = this.#typed ?? this.getAttribute('error') ?? '';
    const result = h('div', { id: 'result', 'aria-live': 'polite' });
    const link = h('div', {});
    const explainNow = () => {
      const text = input.value;
      if (text.trim() === '') {
        put(result, h('p', { class: 'muted' }, 'Paste the error message Azure, az, PowerShell or Terraform printed.'));
        put(link, );
        return;
      }
      const found = this.acg.explainError(text);
      put(result, ...found.errors.map((error, i) => {
        const matches = found.matches.filter((m) => m.error === i);
        return h('section', {},
          h('p', {}, error.code ? h('code', {}, error.code) : null, error.code ? ' ' : null, error.message),
          matches.length === 0
            ? h('p', { class: 'muted', 'data-field': 'none' }, 'No entry of the troubleshooting guide matches this error.')
            : matches.map((m, k) => h('div', { class: 'entry', 'data-entry': m.azureMessage },
              h('p', {}, h('strong', { class: k === 0 ? 'ok' : 'muted' }, k === 0 ? `Guide entry ${m.azureMessage}` : `Also close: ${m.azureMessage}`), ` · ${m.sectionTitle}`),
              h('dl', {},
                h('dt', {}, 'Cause'), h('dd', { 'data-field': 'cause' }, m.cause),
                h('dt', {}, 'Fix'), h('dd', { 'data-field': 'fix' }, m.fix),
                Object.keys(m.values).length ? [h('dt', {}, 'In this error'), h('dd', {}, Object.entries(m.values).map(([key, v]) => h('span', {}, `${key}: `, h('code', {}, v), ' ')))] : null,
                m.rules.length ? [h('dt', {}, 'Planner rules'), h('dd', {}, m.rules.join(', '))] : null),
              safeUrl(m.guideUrl) ? h('p', {}, h('a', { href: safeUrl(m.guideUrl).href, target: '_blank', rel: 'noopener noreferrer' }, 'The troubleshooting guide')) : null)));
      }));
      put(link, this.appLink({ error: text.slice(0, 2000) }, 'troubleshoot'));
    };
    input.addEventListener('input', () => {
      this.#typed = input.value;
      explainNow();
    });
    explainNow();
    return [h('h3', {}, this.getAttribute('heading') ?? 'What does this Azure error mean?'), h('label', { for: id }, 'Error text'), input, result, link];
  }
}

for (const [name, widget] of [['acg-cost', CostWidget], ['acg-latest', LatestWidget], ['acg-name-check', NameCheckWidget], ['acg-explain', ExplainWidget]]) {
  if (!customElements.get(name)) customElements.define(name, widget);
}
