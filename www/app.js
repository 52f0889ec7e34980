// Loads the planner's WebAssembly; the app mounts itself on <body>.
import init from './pkg/acg_web.js';

init().catch((error) => {
  const p = document.createElement('p');
  p.className = 'load-error';
  p.textContent = `The planner could not start: ${error}`;
  document.body.append(p);
});
