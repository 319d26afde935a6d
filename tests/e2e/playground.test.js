// The built playground in a real browser: it loads, ticks batches on Play, prints what real
// PySpark prints, draws its chart, and logs no errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { collectErrors } from './browser.js';
import { ROOT, SHOTS, site, browser, useSite, loaded } from './site.js';

useSite();
const SHARED = process.env.EDDY_SHARED ?? resolve(ROOT, '../shared');

async function open() {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(site.url);
  await page.getByRole('heading', { name: 'Eddy' }).waitFor();
  await loaded(page);
  return { page, errors };
}

const batchIndex = async (page) => Number(await page.getByTestId('batch-index').textContent());

test('play ticks batches, draws the chart, and logs no errors', async () => {
  const { page, errors } = await open();
  assert.equal(await batchIndex(page), 0);

  await page.getByTestId('play').click();
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="batch-index"]').textContent) >= 3,
    null,
    { timeout: 15000 },
  );
  await page.getByTestId('pause').click();
  const stopped = await batchIndex(page);
  assert.ok(stopped >= 3, `batches ticked: ${stopped}`);
  await page.waitForTimeout(1500);
  assert.equal(await batchIndex(page), stopped, 'pause stops the clock');

  const console = await page.getByTestId('console').textContent();
  assert.match(console, /Time: 1970-01-01 00:00:03/);

  // The chart has a bar per batch run, as tall as its records (seed (a): 3, 1, 3, ...).
  const bars = await page.getByTestId('chart').evaluate((svg) =>
    [...svg.querySelectorAll('rect.bar')].map((r) => r.getBBox().height));
  assert.equal(bars.length, stopped, `bars: ${bars}`);
  assert.ok(Math.abs(bars[0] / bars[1] - 3) < 0.01, `bars: ${bars}`);

  await page.screenshot({ path: join(SHOTS, 'playground.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('seven steps print exactly what real PySpark printed for seed (a)', async () => {
  const { page, errors } = await open();
  for (let i = 1; i <= 7; i++) {
    await page.getByTestId('step').click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="batch-index"]').textContent) === n,
      i,
    );
  }
  const golden = readFileSync(join(SHARED, 'conformance/seed_a_reduce_add.spark.txt'), 'utf8');
  assert.equal(await page.getByTestId('console').textContent(), golden);

  await page.getByTestId('reset').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="batch-index"]').textContent === '0',
  );
  assert.equal(await page.getByTestId('console').textContent(), '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('step back returns to the previous batch and replays it identically', async () => {
  const { page, errors } = await open();
  const waitFor = (n) =>
    page.waitForFunction(
      (k) => Number(document.querySelector('[data-testid="batch-index"]').textContent) === k,
      n,
    );
  for (let i = 1; i <= 3; i++) {
    await page.getByTestId('step').click();
    await waitFor(i);
  }
  const afterThree = await page.getByTestId('console').textContent();
  await page.getByTestId('step-back').click();
  await waitFor(2);
  const afterTwo = await page.getByTestId('console').textContent();
  assert.ok(afterThree.startsWith(afterTwo) && afterTwo.length < afterThree.length);
  assert.doesNotMatch(afterTwo, /Time: 1970-01-01 00:00:03/);
  await page.getByTestId('step').click();
  await waitFor(3);
  assert.equal(await page.getByTestId('console').textContent(), afterThree);
  assert.deepEqual(errors, []);
  await page.close();
});

// `eddy run`, built by the native test stage, is the reference the page must match.
function eddyRun(program) {
  const bin = process.env.EDDY_BIN ?? join(ROOT, 'target/debug/eddy');
  return execFileSync(bin, ['run', program], { encoding: 'utf8' });
}

test('every preset, run to its end, prints exactly what eddy run prints', async () => {
  const { page, errors } = await open();
  const options = await page.getByTestId('preset-select').locator('option').all();
  assert.ok(options.length >= 10, `presets: ${options.length}`);
  for (let i = 0; i < options.length; i++) {
    await page.getByTestId('preset-select').selectOption(String(i));
    await page.waitForFunction(
      () => document.querySelector('[data-testid="batch-index"]').textContent === '0',
    );
    await loaded(page);
    const source = await page.getByTestId('editor').inputValue();
    const batches = Number(/^# batches: (\d+)/m.exec(source)[1]);
    for (let b = 1; b <= batches; b++) {
      await page.getByTestId('step').click();
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="batch-index"]').textContent) === n,
        b,
      );
    }
    const id = await page.getByTestId('preset-select').evaluate((s) => s.selectedIndex);
    const file = readdirSync(join(ROOT, 'static/presets')).filter((f) => f.endsWith('.py')).sort();
    assert.ok(id >= 0 && file.length > 0);
    // The page's program is the preset file with the same text.
    const match = file.map((f) => join(ROOT, 'static/presets', f))
      .find((f) => readFileSync(f, 'utf8') === source);
    assert.ok(match, `preset ${i} is one of static/presets`);
    assert.equal(await page.getByTestId('console').textContent(), eddyRun(match), match);
  }
  await page.screenshot({ path: join(SHOTS, 'preset-last.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an edited program with an error shows it at its line', async () => {
  const { page, errors } = await open();
  // Python 2's print statement, as old tutorials write it: the error says what to write.
  await page.getByTestId('editor').fill('from pyspark import SparkContext\nsc = SparkContext()\nprint "hello"\n');
  await page.getByTestId('run').click();
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.textContent(), /line 3/);
  assert.match(await error.textContent(), /SyntaxError: Python 2's print statement: write print\(\.\.\.\)/);
  assert.equal(await page.locator('.error-line').textContent(), '3');
  await page.screenshot({ path: join(SHOTS, 'syntax-error.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

// "\N{NAME}": the worker carries no table of Unicode names (crates/unicode-names) and fetches
// data/unicode-names.txt the first time a program spells one, once.
const NAMED = [
  '# batches: 1',
  'from time import sleep',
  'from pyspark import SparkContext',
  'from pyspark.streaming import StreamingContext',
  'sc = SparkContext()',
  'ssc = StreamingContext(sc, 1)',
  'print("\\N{BULLET} caf\\N{LATIN SMALL LETTER E WITH ACUTE}")',
  'ssc.queueStream([sc.parallelize(["\\N{bullet} x", "\\N{HANGUL SYLLABLE GA}"])]).pprint()',
  'ssc.start()',
  'sleep(1)',
  'ssc.stop()',
  '',
].join('\n');

test('"\\N{BULLET}" prints a bullet: the worker fetches the Unicode names once', async () => {
  const { page, errors } = await open();
  const fetched = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/data/unicode-names.txt') fetched.push(r.url());
  });
  for (let run = 0; run < 2; run++) {
    await page.getByTestId('editor').fill(NAMED);
    await page.getByTestId('run').click();
    await loaded(page);
    await page.getByTestId('step').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="batch-index"]').textContent === '1');
    assert.equal(
      await page.getByTestId('console').textContent(),
      '• café\n-------------------------------------------\nTime: 1970-01-01 00:00:01\n' +
        '-------------------------------------------\n• x\n가\n\n',
    );
  }
  assert.equal(fetched.length, 1, `names fetched: ${fetched}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"\\N{BULLET}" without the names file: the error says the table could not be loaded', async () => {
  const page = await browser.newPage();
  await page.route('**/data/unicode-names.txt', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(site.url);
  await loaded(page);
  await page.getByTestId('editor').fill(NAMED);
  await page.getByTestId('run').click();
  const error = page.getByTestId('error');
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /line 7/);
  assert.match(
    text,
    /SyntaxError: \(unicode error\) \\N\{BULLET\}: the table of Unicode character names could not be loaded \(GET http:\/\/127\.0\.0\.1:\d+\/data\/unicode-names\.txt: HTTP 404\)/,
  );
  await page.unroute('**/data/unicode-names.txt');
  await page.close();
});

test('keys drive the clock, the scrubber seeks, and a share link reopens the same view', async () => {
  const { page, errors } = await open();
  const waitFor = (n) =>
    page.waitForFunction(
      (k) => Number(document.querySelector('[data-testid="batch-index"]').textContent) === k,
      n,
    );
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await waitFor(1);
  await page.keyboard.press('ArrowRight');
  await waitFor(2);
  await page.keyboard.press('ArrowLeft');
  await waitFor(1);
  await page.keyboard.press('Home');
  await waitFor(0);
  await page.getByTestId('scrub').fill('4');
  await waitFor(4);
  const console = await page.getByTestId('console').textContent();

  await page.getByTestId('preset-select').selectOption('2');
  await loaded(page);
  await page.getByTestId('editor').fill((await page.getByTestId('editor').inputValue()) + '\nprint("shared!")\n');
  await page.getByTestId('run').click();
  await loaded(page);
  await page.getByTestId('scrub').fill('3');
  await waitFor(3);
  const before = await page.getByTestId('console').textContent();
  await page.getByTestId('share').click();
  const href = await page.getByTestId('share-link').inputValue();
  assert.match(href, /#v1\./);
  assert.notEqual(before, console);

  const other = await browser.newPage();
  await other.goto(href);
  await other.getByRole('heading', { name: 'Eddy' }).waitFor();
  await loaded(other);
  assert.equal(await other.getByTestId('batch-index').textContent(), '3');
  assert.equal(await other.getByTestId('console').textContent(), before);
  assert.match(await other.getByTestId('editor').inputValue(), /print\("shared!"\)/);
  await other.screenshot({ path: join(SHOTS, 'shared-link.png'), fullPage: true });
  await other.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('a course page embeds a preset with the panels its author chose', async () => {
  const { page, errors } = await open();
  await page.getByTestId('embed').click();
  const code = await page.getByTestId('embed-code').inputValue();
  assert.match(code, /<iframe src=".*\?embed&preset=seed_a_reduce_add&panels=console,chart,windows"/);

  const course = await browser.newPage();
  const courseErrors = collectErrors(course);
  await course.goto(`${site.url}embed-example.html`);
  const frame = course.frameLocator('[data-testid="eddy-embed"]');
  await frame.getByTestId('console').waitFor();
  await frame.locator('[data-testid="step"]:not([disabled])').waitFor();
  assert.equal(await frame.getByTestId('editor').count(), 0, 'the embed hides the editor');
  assert.equal(await frame.getByTestId('preset-select').count(), 0);
  for (let i = 1; i <= 6; i++) await frame.getByTestId('step').click();
  await frame.getByTestId('windows').first().waitFor();
  assert.match(await frame.getByTestId('console').textContent(), /Time: 1970-01-01 00:00:06/);
  assert.match(await frame.getByTestId('windows').first().textContent(), /incremental/);
  await course.screenshot({ path: join(SHOTS, 'embed-example.png'), fullPage: true });
  assert.deepEqual(courseErrors, []);
  assert.deepEqual(errors, []);
  await course.close();
  await page.close();
});

test('dropped files become batches of textFileStream, as eddy run reads them', async () => {
  const { page, errors } = await open();
  const ids = await page.getByTestId('preset-select').locator('option').allTextContents();
  await page.getByTestId('preset-select').selectOption(String(ids.findIndex((t) => t.startsWith('Files:'))));
  await loaded(page);
  await page.getByTestId('drop').setInputFiles([
    { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('to be or not\nto be\n') },
    { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from('be quick\n') },
  ]);
  await page.locator('.dropped li').nth(1).waitFor();
  await loaded(page);
  for (let i = 1; i <= 3; i++) await page.getByTestId('step').click();
  const console = await page.getByTestId('console').textContent();
  assert.match(console, /Time: 1970-01-01 00:00:01\n-+\n2\n/);
  assert.match(console, /\('be', 2\)/);
  assert.match(console, /Time: 1970-01-01 00:00:02\n-+\n1\n/);
  assert.match(console, /\('quick', 1\)/);
  await page.screenshot({ path: join(SHOTS, 'dropped-files.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a program with 100k-record batches runs in the worker: the page never blocks over 50 ms', async () => {
  const { page, errors } = await open();
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const program = [
    '# batches: 3',
    'from operator import add',
    'from time import sleep',
    'from pyspark import SparkContext',
    'from pyspark.streaming import StreamingContext',
    'sc = SparkContext()',
    'ssc = StreamingContext(sc, 1)',
    'stream = ssc.queueStream([sc.parallelize(range(i * 100000, (i + 1) * 100000)) for i in range(3)])',
    'stream.map(lambda x: (x % 7, 1)).reduceByKey(add).pprint()',
    'ssc.start()',
    'sleep(3)',
    'ssc.stop()',
    '',
  ].join('\n');
  await page.getByTestId('editor').fill(program);
  const started = Date.now();
  await page.getByTestId('run').click();
  // While the worker runs, the page keeps answering: the scrubber and typing still work.
  await page.getByTestId('running').waitFor();
  await page.getByTestId('editor').press('End');
  await loaded(page);
  const runMs = Date.now() - started;
  for (let i = 1; i <= 3; i++) await page.getByTestId('step').click();
  assert.match(await page.getByTestId('console').textContent(), /\(0, 14286\)/);
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  writeFileSync(join(SHOTS, 'worker-run.json'), JSON.stringify({ runMs, longestMainThreadTaskMs: longest }));
  assert.ok(longest <= 50, `longest main-thread task ${longest} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('first load: sizes of what the page downloads and time to interactive', async () => {
  const page = await browser.newPage();
  const sizes = {};
  const bodies = {};
  const pending = [];
  page.on('response', (r) => {
    pending.push(
      r.body().then(
        (body) => {
          const path = new URL(r.url()).pathname;
          sizes[path] = body.length;
          bodies[path] = body;
        },
        // a redirect or an aborted request has no body
        () => {},
      ),
    );
  });
  const t0 = Date.now();
  await page.goto(site.url);
  await page.getByTestId('step').waitFor();
  const interactiveMs = Date.now() - t0;
  await loaded(page);
  const firstRunMs = Date.now() - t0;
  // Every body read, the worker's too (its response may still be reading when the run is in).
  await Promise.all(pending);
  // What the page needs at first, as a server compresses it (issue 7: under 1.5 MB gzip): GNU
  // gzip -9, as `scripts/test.sh` reports sizes. (Node's own zlib comes out ~6% larger on wasm
  // than gzip, Python's zlib or a web server's zlib.)
  const gzip = (body) => execFileSync('gzip', ['-9c'], { input: body, maxBuffer: 1 << 26 }).length;
  const wasmAndJs = Object.keys(bodies).filter((path) => /\.(wasm|js)$/.test(path));
  assert.ok(wasmAndJs.some((p) => p.includes('worker')), `the worker was loaded: ${wasmAndJs}`);
  const gzipped = wasmAndJs.reduce((sum, path) => sum + gzip(bodies[path]), 0);
  writeFileSync(
    join(SHOTS, 'first-load.json'),
    JSON.stringify({ interactiveMs, firstRunMs, wasmAndJsGzip: gzipped, sizes }, null, 1),
  );
  assert.ok(interactiveMs < 5000, `interactive after ${interactiveMs} ms`);
  assert.ok(gzipped < 1_500_000, `the page's wasm and JS are ${gzipped} bytes gzip`);
  // The bundled data sets (and the Unicode names) are fetched when a program needs them, not
  // with the page.
  assert.deepEqual(Object.keys(sizes).filter((p) => p.startsWith('/data/')), []);
  await page.close();
});

// Steps the page through every batch of its program and returns the console.
async function runToEnd(page) {
  const source = await page.getByTestId('editor').inputValue();
  const batches = Number(/^# batches: (\d+)/m.exec(source)[1]);
  for (let b = 1; b <= batches; b++) {
    await page.getByTestId('step').click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="batch-index"]').textContent) === n,
      b,
    );
  }
  return page.getByTestId('console').textContent();
}

// What `eddy run` prints for the page's program (written beside a link to the data sets, which
// programs open by relative paths).
async function eddyRunOf(page, name) {
  const dir = join(ROOT, 'target/palette-e2e');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'data'))) symlinkSync(join(ROOT, 'static/data'), join(dir, 'data'));
  const file = join(dir, `${name}.py`);
  writeFileSync(file, await page.getByTestId('editor').inputValue());
  return eddyRun(file);
}

// After the palette or the Inputs panel wrote the program, its run arrives.
async function rewritten(page, needle) {
  await page.waitForFunction(
    (s) => document.querySelector('[data-testid="editor"]').value.includes(s),
    needle,
  );
  await loaded(page);
}

test('the palette builds a pipeline that prints what eddy run prints, and the Inputs panel edits its queue', async () => {
  const { page, errors } = await open();
  // A new pipeline from a queue of batches.
  await page.getByTestId('source-kind').selectOption('queue');
  await page.getByTestId('source-batches').fill('4');
  await page.getByTestId('source-batches').dispatchEvent('change');
  await page.getByTestId('new-pipeline').click();
  await rewritten(page, 'stream = ssc.queueStream([sc.parallelize(b) for b in batches])');
  assert.match(await page.getByTestId('editor').inputValue(), /^# batches: 4\n/);

  // map: each word to (word, 1), without printing it.
  await page.getByTestId('palette-op').selectOption('map');
  await page.getByTestId('palette-param-0').selectOption('lambda x: (x, 1)');
  await page.getByTestId('palette-name').fill('pairs');
  await page.getByTestId('palette-pprint').uncheck();
  assert.equal(await page.getByTestId('palette-preview').textContent(), 'pairs = stream.map(lambda x: (x, 1))');
  await page.getByTestId('palette-add').click();
  await rewritten(page, 'pairs = stream.map(lambda x: (x, 1))\n');

  // reduceByKey(add) on the new stream (the palette moves on to it), printed.
  assert.equal(await page.getByTestId('palette-input').inputValue(), 'pairs');
  await page.getByTestId('palette-op').selectOption('reduceByKey');
  assert.equal(await page.getByTestId('palette-param-0').inputValue(), 'add');
  await page.getByTestId('palette-name').fill('counts');
  await page.getByTestId('palette-add').click();
  await rewritten(page, 'counts = pairs.reduceByKey(add)\ncounts.pprint()\n');
  const program = await page.getByTestId('editor').inputValue();
  assert.match(program, /\nfrom operator import add\n/);

  // A window with its own lambda, over 2 batches.
  await page.getByTestId('palette-input').selectOption('pairs');
  await page.getByTestId('palette-op').selectOption('reduceByKeyAndWindow');
  await page.getByTestId('palette-param-0').selectOption({ label: 'your own function…' });
  await page.getByTestId('palette-lambda-0').fill('lambda a, b: a + b');
  await page.getByTestId('palette-param-2').fill('2');
  await page.getByTestId('palette-name').fill('last_two');
  assert.match(await page.getByTestId('palette-preview').textContent(),
    /^last_two = pairs\.reduceByKeyAndWindow\(lambda a, b: a \+ b, None, 2, 1\)/);
  await page.getByTestId('palette-add').click();
  await rewritten(page, 'last_two = pairs.reduceByKeyAndWindow(lambda a, b: a + b, None, 2, 1)\n');
  await page.screenshot({ path: join(SHOTS, 'palette-built.png'), fullPage: true });

  // The graph has the new steps; run every batch: the console is `eddy run`'s.
  const graph = await page.getByTestId('graph').textContent();
  for (const op of ['queueStream', 'map', 'reduceByKey', 'reduceByKeyAndWindow', 'pprint']) {
    assert.ok(graph.includes(op), `${op} in the graph: ${graph}`);
  }
  const console = await runToEnd(page);
  assert.equal(console, await eddyRunOf(page, 'palette-built'));
  assert.match(console, /\('apple', 2\)/);

  // Inputs: batch 2 becomes two kiwis; the program and the console change.
  await page.getByTestId('queue-0-batch-1').fill('["kiwi", "kiwi"]');
  await page.getByTestId('queue-0-apply').click();
  await rewritten(page, '    ["kiwi", "kiwi"],\n');
  const kiwi = await runToEnd(page);
  assert.match(kiwi, /\('kiwi', 2\)/);
  assert.equal(kiwi, await eddyRunOf(page, 'palette-kiwi'));

  // A fifth batch: the program's clock grows to run it.
  await page.getByTestId('queue-0-add').click();
  await page.getByTestId('queue-0-batch-4').fill('["fig"]');
  await page.getByTestId('queue-0-apply').click();
  await rewritten(page, '    ["fig"],\n]');
  assert.match(await page.getByTestId('editor').inputValue(), /^# batches: 5\n[^]*\nsleep\(5\)\n/);
  assert.equal(await runToEnd(page), await eddyRunOf(page, 'palette-fig'));

  // A row that is not a Python value is refused with the reason, and nothing changes.
  await page.getByTestId('queue-0-batch-0').fill('["apple"');
  await page.getByTestId('queue-0-apply').click();
  assert.equal(await page.getByTestId('queue-0-error').textContent(), 'batch 1: `[` is not closed (add ])');
  await page.screenshot({ path: join(SHOTS, 'queue-inputs.png'), fullPage: true });

  // Every control of the palette and the Inputs panel has a name a screen reader reads out.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('.palette-panel :is(input, select, button), .queue-panel :is(input, select, button)')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing in the program redraws its graph without running it, and the palette offers its new streams', async () => {
  const { page, errors } = await open();
  const source = await page.getByTestId('editor').inputValue();
  await page.getByTestId('editor').fill(
    source.replace('\nssc.start()', 'doubled = inputStream.map(lambda x: x * 2)\ndoubled.pprint()\n\nssc.start()'),
  );
  await page.getByTestId('graph-sketch').waitFor();
  const graph = await page.getByTestId('graph').textContent();
  assert.ok(graph.includes('map'), graph);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="palette-input"] option')].some((o) => o.value === 'doubled'));
  assert.equal(await batchIndex(page), 0);
  await page.screenshot({ path: join(SHOTS, 'graph-sketch.png'), fullPage: true });
  // A queue the program computes says why it is not editable here.
  const ids = await page.getByTestId('preset-select').locator('option').allTextContents();
  await page.getByTestId('preset-select').selectOption(String(ids.findIndex((t) => t.startsWith('Windows: window(4, 2)'))));
  await loaded(page);
  assert.match(await page.getByTestId('queue-0-locked').textContent(), /range\(1, 8\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('new pipelines from files, the SML2010 data set and the order generator run', async () => {
  const { page, errors } = await open();
  for (const [kind, needle] of [
    ['files', 'lines = ssc.textFileStream("input")'],
    ['sml2010', 'stream.pprint(3)'],
    ['orders', 'rate = 3  # orders per batch'],
  ]) {
    await page.getByTestId('source-kind').selectOption(kind);
    if (kind === 'orders') {
      await page.getByTestId('source-rate').fill('3');
      await page.getByTestId('source-rate').dispatchEvent('change');
    }
    await page.getByTestId('new-pipeline').click();
    await rewritten(page, needle);
    assert.equal(await runToEnd(page), await eddyRunOf(page, `palette-${kind}`));
  }
  assert.match(await page.getByTestId('console').textContent(), /2016-03-22 20:25:28,1,/);
  // The generator's rate is a number the Inputs panel changes.
  assert.match(await page.getByTestId('queue-0-locked').textContent(), /not a list written in the program/);
  await page.getByTestId('setting-rate').fill('2');
  await page.getByTestId('setting-seed').fill('11');
  await page.getByTestId('settings-apply').click();
  await rewritten(page, 'rate = 2  # orders per batch\nseed = 11\n');
  // The changed lines are marked in the margin and scrolled into the editor's view.
  const marked = await page.locator('.gutter .marked').allTextContents();
  assert.deepEqual(marked, ['12', '13']);
  const inView = await page.evaluate(() => {
    const box = document.querySelector('.editor').getBoundingClientRect();
    const line = [...document.querySelectorAll('.gutter .marked')].pop().getBoundingClientRect();
    return line.top >= box.top && line.bottom <= box.bottom;
  });
  assert.ok(inView, 'the changed lines are in view');
  const orders = await runToEnd(page);
  assert.match(orders, /\n2016-03-22 20:25:29,3,/);
  assert.equal(orders, await eddyRunOf(page, 'palette-orders-rate'));
  await page.screenshot({ path: join(SHOTS, 'palette-orders.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('Export .py downloads the program as the PySpark file it is', async () => {
  const { page, errors } = await open();
  const source = await page.getByTestId('editor').inputValue();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const preset = readdirSync(join(ROOT, 'static/presets'))
    .filter((f) => f.endsWith('.py'))
    .find((f) => readFileSync(join(ROOT, 'static/presets', f), 'utf8') === source);
  assert.ok(preset, 'the page opens with a preset');
  // The preset's own name, and its text: the program real PySpark ran for its golden.
  assert.equal(file.suggestedFilename(), preset);
  assert.equal(readFileSync(await file.path(), 'utf8'), source);

  const edited = source.replace('ssc.start()', 'print("edited")\nssc.start()');
  await page.getByTestId('editor').fill(edited);
  // The picker no longer names the preset: the program is the learner's now.
  const picked = () =>
    page.getByTestId('preset-select').evaluate((s) => s.options[s.selectedIndex].textContent);
  assert.equal(await picked(), 'Your program (edited)');
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  assert.equal(again.suggestedFilename(), 'eddy_program.py');
  assert.equal(readFileSync(await again.path(), 'utf8'), edited);
  await page.getByTestId('editor').fill(source);
  assert.match(await picked(), /^Seed \(a\)/, "the preset's own text names the preset again");
  assert.deepEqual(errors, []);
  await page.close();
});
