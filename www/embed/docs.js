// The docs page: under each live widget, its snippet (taken from the element itself, so the two never differ)
// with a copy button.
for (const example of document.querySelectorAll('.example')) {
  const widget = example.firstElementChild;
  if (!widget) continue;
  const snippet = `<script type="module" src="https://your-site/embed/acg-embed.js"></script>\n${widget.outerHTML.replace(/ id="[^"]*"/, '')}`;
  const code = document.createElement('code');
  code.textContent = snippet;
  const pre = document.createElement('pre');
  pre.className = 'snippet';
  // Code keeps its lines and scrolls sideways inside its box (focusable, so the keyboard can scroll it too).
  pre.tabIndex = 0;
  pre.setAttribute('role', 'region');
  pre.setAttribute('aria-label', 'Snippet');
  pre.append(code);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Copy snippet';
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select the text to copy';
    }
  });
  example.after(pre, button);
}
