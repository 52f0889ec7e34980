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

import('./pkg/acg_web.js')
  .then((m) => m.default())
  .then(() => document.getElementById('boot')?.remove())
  .catch(failed);
