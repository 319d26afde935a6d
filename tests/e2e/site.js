// What every browser test file shares: where the built site and the screenshots are, the site
// served and the browser launched once per file (`useSite()`), and waiting for a run.
import { before, after } from 'node:test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.js';
import { launch } from './browser.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.EDDY_DIST ?? join(ROOT, 'target/dist');
export const SHOTS = join(ROOT, 'target/screenshots');

// Live bindings: set by `useSite()`'s `before`, read by the tests.
export let site;
export let browser;

/** Serves the built site and launches Chromium for this file's tests, closing both after. */
export function useSite() {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await serve(DIST);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
}

/** Programs run in a Web Worker: waits until the page has the run (no "Running…" status). */
export const loaded = (page) =>
  page.waitForFunction(
    () => document.querySelector('[data-testid="step"]') && !document.querySelector('[data-testid="running"]'),
    null,
    { timeout: 60000 },
  );
