// Loads the planner's WebAssembly; the app mounts itself on <body>. Loading fails loudly: a message and a
// Reload button instead of a blank page (the module is imported dynamically so a missing file is caught too).
function failed(error) {
  document.getElementById('boot')?.remove();
  const box = document.createElement('div');
  box.className = 'load-error';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent = `The planner could not start: ${error?.message ?? error}. Your saved plans are kept in this browser.`;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Reload';
  button.addEventListener('click', () => location.reload());
  box.append(p, button);
  document.body.append(box);
}

// The wasm is fetched and compiled while the glue module loads (index.html preloads both), not after it:
// compileStreaming compiles as the bytes arrive (the server sends `application/wasm`). A host that sends
// another type gets the glue's own fetch instead.
const wasmUrl = new URL('./pkg/acg_web_bg.wasm', import.meta.url);
const compiled = WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => undefined);

import('./pkg/acg_web.js')
  .then(async (m) => {
    const module = await compiled;
    return m.default(module ? { module_or_path: module } : undefined);
  })
  .then(() => document.getElementById('boot')?.remove())
  .catch(failed);
