// The app's Troubleshoot view matches errors with the explain build of the JS API (embed/acg_explain.js, the
// troubleshooting guide and its matcher), loaded on demand instead of shipped in the app's own module. The app
// warms it up in the background after it starts, so it works offline once the app has loaded.
let api = null;

function load() {
  api ??= import(new URL('embed/acg_explain.js', document.baseURI).href)
    .then(async (m) => {
      await m.default();
      return m;
    })
    .catch((error) => {
      api = null;
      throw error;
    });
  return api;
}

/** The explanation of `text` as JSON text (the app reads it with the core's types). */
export async function explainText(text) {
  const m = await load();
  return JSON.stringify(m.explainError(text));
}

/** Starts loading the explain build; a failure is reported when the view asks for it. */
export function warmExplain() {
  load().catch(() => {});
}
