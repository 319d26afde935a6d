// Seeing and sharing a run: the state over time, the models' error and k-means charts (each
// with its table), the console's outputs as CSV, and a large dropped file that loads with
// visible progress without freezing the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectErrors } from './browser.js';
import { ROOT, SHOTS, site, browser, useSite, loaded } from './site.js';

useSite();

/** The page with preset `id` loaded (by its link) and `batches` batches shown. */
async function openPreset(id, batches) {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${site.url}?preset=${id}`);
  await page.getByRole('heading', { name: 'Eddy' }).waitFor();
  await loaded(page);
  await page.getByTestId('scrub').fill(String(batches));
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="batch-index"]').textContent) === n,
    batches,
  );
  return { page, errors };
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The records of every pprint block in console text, as [time, record]. */
function pprintRecords(console) {
  const out = [];
  const lines = console.split('\n');
  for (let i = 0; i + 2 < lines.length; i++) {
    const time = /^Time: (.*)$/.exec(lines[i + 1]);
    if (!(lines[i].startsWith('-----') && time && lines[i + 2].startsWith('-----'))) continue;
    let j = i + 3;
    for (; j < lines.length && lines[j] !== ''; j++) {
      if (lines[j] !== '...') out.push([time[1], lines[j]]);
    }
    i = j;
  }
  return out;
}

test('the state chart draws each key over the batches, with its table and the deleted keys marked', async () => {
  const { page, errors } = await openPreset('seed_d_update_state_running_totals', 5);
  const chart = page.getByTestId('state-chart');
  await chart.waitFor();
  // Six players, six lines: Alice, Bob, Carlos, Dan, Erin, Frank.
  assert.equal(await chart.locator('polyline').count(), 6);
  const table = page.getByTestId('state-history');
  assert.equal(await table.locator('tbody tr').count(), 6);
  const carlos = await table.locator('tbody tr', { hasText: "'Carlos'" }).textContent();
  assert.match(carlos, /90.*100.*120/);
  await page.getByTestId('state-over-time').screenshot({ path: join(SHOTS, 'state-over-time.png') });
  await page.locator('.state-panel').screenshot({ path: join(SHOTS, 'state-panel.png') });

  // A state whose update function returns None: the deleted key's line ends with a cross.
  const drop = await openPreset('update_state_drop_none', 4);
  await drop.page.getByTestId('state-chart').first().waitFor();
  assert.ok(await drop.page.locator('[data-testid="state-chart"] .ended').count() >= 1, 'a deleted key is marked');
  await drop.page.locator('.state-panel').screenshot({ path: join(SHOTS, 'state-deleted.png') });
  assert.deepEqual(drop.errors, []);
  await drop.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('the regressions chart their error per batch, with a table of the same numbers', async () => {
  for (const [id, batches] of [['seed_e_linreg_sgd', 7], ['ml_humidity_regression_sml2010', 7]]) {
    const { page, errors } = await openPreset(id, batches);
    const chart = page.getByTestId('mse-chart');
    await chart.waitFor();
    assert.equal(await chart.locator('polyline').count() >= 1, true, id);
    const rows = page.locator('[data-testid="mse-table"] tbody tr');
    assert.equal(await rows.count(), batches, id);
    assert.match(await rows.first().textContent(), /^1\d*\.?\d+ \(\d+\)$/, id);
    await page.getByTestId('mse').screenshot({ path: join(SHOTS, `mse-${id}.png`) });
    await page.locator('.models-panel').screenshot({ path: join(SHOTS, `models-${id}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('k-means shows the batch\'s points, the centres and their paths', async () => {
  const { page, errors } = await openPreset('seed_f_kmeans', 3);
  const chart = page.getByTestId('kmeans-chart');
  await chart.waitFor();
  // 12 points in batch 3, three centres each with a ring where it started and a path.
  assert.equal(await chart.locator('circle[fill-opacity]').count(), 12);
  assert.equal(await chart.locator('.centre polyline').count(), 3);
  assert.equal(await page.locator('[data-testid="kmeans-table"] tbody tr').count(), 3);
  await page.getByTestId('kmeans').screenshot({ path: join(SHOTS, 'kmeans.png') });
  await page.locator('.models-panel').screenshot({ path: join(SHOTS, 'models-seed_f_kmeans.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a window on the inverse path names the keys sitting at zero', async () => {
  const { page, errors } = await openPreset('rbkw_inv_5_1_zero_keys', 7);
  const note = page.getByTestId('zero-keys');
  await note.waitFor();
  // Batches 1 and 2 (Alice's 100, Bob's 60 + 60) have left the window of batch 7.
  assert.match(await note.textContent(), /^2 keys sitting at 0: 'Alice', 'Bob'\./);
  assert.match(await page.getByTestId('console').textContent(), /\('Alice', 0\)\n/);
  await page.locator('.windows-panel').screenshot({ path: join(SHOTS, 'windows-zero-keys.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the CSV download holds every pprint record of the batches shown, as the console shows them', async () => {
  const { page, errors } = await openPreset('seed_e_linreg_sgd', 3);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-csv').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'outputs.csv');
  const text = readFileSync(await download.path(), 'utf8');
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['batch', 'time', 'output', 'record']);
  const console = await page.getByTestId('console').textContent();
  const expected = pprintRecords(console);
  assert.equal(expected.length, 3 * 9);
  assert.deepEqual(rows.slice(1).map((r) => [r[1], r[3]]), expected);
  assert.ok(rows.slice(1).every((r) => /^pprint #\d+$/.test(r[2])));
  assert.deepEqual([...new Set(rows.slice(1).map((r) => r[0]))], ['1', '2', '3']);
  writeFileSync(join(SHOTS, 'outputs-seed_e.csv'), text);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 40 MB dropped file loads with visible progress and no main-thread task over 50 ms', async () => {
  const { page, errors } = await openPreset('files_word_count', 0);
  const program = [
    '# batches: 2',
    'from time import sleep',
    'from pyspark import SparkContext',
    'from pyspark.streaming import StreamingContext',
    'sc = SparkContext()',
    'ssc = StreamingContext(sc, 1)',
    'ssc.textFileStream("input").count().pprint()',
    'ssc.start()',
    'sleep(2)',
    'ssc.stop()',
    '',
  ].join('\n');
  await page.getByTestId('editor').fill(program);
  await page.getByTestId('run').click();
  await loaded(page);
  // 40 MB of text: 800k lines of 50 bytes.
  const line = 'the quick brown fox jumps over the lazy dog 01234\n';
  const lines = 800000;
  const big = Buffer.from(line.repeat(lines));
  assert.ok(big.length >= 40e6);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
    // Every progress message the page shows while the file loads.
    window.__progress = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="drop-progress"]');
      if (p && window.__progress.at(-1) !== p.textContent) window.__progress.push(p.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const started = Date.now();
  // From a file on disk: Chromium gets the path, so the test does not build the file in the page.
  const dir = mkdtempSync(join(tmpdir(), 'eddy-big-'));
  writeFileSync(join(dir, 'big.txt'), big);
  await page.getByTestId('drop').setInputFiles(join(dir, 'big.txt'));
  await page.locator('.dropped li').first().waitFor({ timeout: 60000 });
  await loaded(page);
  const loadMs = Date.now() - started;
  rmSync(dir, { recursive: true });
  await page.getByTestId('step').click();
  assert.match(await page.getByTestId('console').textContent(), new RegExp(`\\n${lines}\\n`));
  const progress = await page.evaluate(() => window.__progress);
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  writeFileSync(join(SHOTS, 'large-file.json'), JSON.stringify({ bytes: big.length, loadMs, longestMainThreadTaskMs: longest, progress }, null, 1));
  await page.screenshot({ path: join(SHOTS, 'large-file.png'), fullPage: true });
  assert.ok(progress.some((p) => /big\.txt/.test(p)), `progress shown: ${JSON.stringify(progress)}`);
  assert.ok(longest <= 50, `longest main-thread task ${longest} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});
