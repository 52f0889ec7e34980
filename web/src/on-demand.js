// The builds the app loads on demand instead of shipping in its own module: the explain build of the JS API
// (embed/acg_explain.js: the troubleshooting guide and its matcher, for the Troubleshoot view) and the
// interchange build (interchange/acg_interchange.js: the importers of other formats than Plan JSON, with the
// ARM evaluator, and the exporters, for the Import / export view). The app warms both up in the background
// after it starts, so it works offline once the app has loaded. Answers go back as JSON text, which the app
// reads with the core's types.
const loaded = new Map();

function load(path) {
  if (!loaded.has(path)) {
    const module = import(new URL(path, document.baseURI).href)
      .then(async (m) => {
        await m.default();
        return m;
      })
      .catch((error) => {
        loaded.delete(path);
        throw error;
      });
    loaded.set(path, module);
  }
  return loaded.get(path);
}

const EXPLAIN = 'embed/acg_explain.js';
const INTERCHANGE = 'interchange/acg_interchange.js';

/** The explanation of `text` as JSON text. */
export async function explainText(text) {
  const m = await load(EXPLAIN);
  return JSON.stringify(m.explainError(text));
}

/** Any format's text imported: the `Imported` as JSON text (throws the import's error). */
export async function importText(text, parameters, name) {
  const m = await load(INTERCHANGE);
  return m.importText(text, parameters, name);
}

/** A plan (JSON text) written in a format: `{ text, notes }` as JSON text. */
export async function exportText(plan, format) {
  const m = await load(INTERCHANGE);
  return m.exportText(plan, format);
}

/** Starts loading both builds; a failure is reported when a view asks for one. */
export function warm() {
  for (const path of [EXPLAIN, INTERCHANGE]) {
    load(path).catch(() => {});
  }
}
