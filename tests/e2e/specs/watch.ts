// Shared by the specs: what must never happen on a page, collected while a test runs.
import { Page } from '@playwright/test';

/** Collects dialogs, uncaught errors and console errors of `page`: a test ends expecting none. */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  return problems;
}
