// The web page in a real browser, against the command line. Called by scripts/check-web.sh
// with NODE_PATH at its npm tools:   node check-web.cjs SITE_DIR WORK_DIR
// WORK_DIR holds in/CASE/ (the inputs of each case) and expected/ (what the command line
// made of them). Serves SITE_DIR on 127.0.0.1, runs every job on the page as a person would
// (choosing files on the page's inputs, pressing its buttons), reads back every file the
// page offers and compares it, byte for byte, with the command line's file of that name.
// Fails on any difference, a missing file, an axe-core violation at 320 or 1280 px, a
// hostile file that breaks the page, or a request outside the page's origin.
const fs = require('fs');
const http = require('http');
const path = require('path');
const os = require('os');
const { execFileSync } = require('child_process');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [site, work] = process.argv.slice(2);
const IN = path.join(work, 'in');
const EXP = path.join(work, 'expected');
const problems = [];
const problem = (text) => { problems.push(text); console.log('PROBLEM: ' + text); };
const timings = [];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json',
};

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(site, rel);
    if (!file.startsWith(path.resolve(site) + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const files = (dir, names) => names.map((n) => path.join(IN, dir, n));
const list = (dir) => fs.readdirSync(path.join(IN, dir)).sort();

// Waits for a job to end: its status says "Made" (or "No documents") or its error says why.
async function finished(page, kind, timeout) {
  await page.waitForFunction((kind) => {
    const status = document.getElementById(kind + '-status').textContent;
    const error = document.getElementById(kind + '-error').textContent;
    return /^(Made|No documents)/.test(status) || error.length > 0;
  }, { timeout, polling: 100 }, kind);
  return page.evaluate((kind) => ({
    status: document.getElementById(kind + '-status').textContent,
    error: document.getElementById(kind + '-error').textContent,
    read: document.getElementById(kind + '-read').innerText,
    memory: Number(document.body.dataset.engineMemory || 0),
  }), kind);
}

// Every file the page offers for a job: its name as `build` names it, its download
// name and its bytes.
async function offered(page, kind) {
  const got = await page.evaluate(async (kind) => {
    const out = [];
    for (const a of document.querySelectorAll('#' + kind + '-downloads a[download]')) {
      const bytes = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push({ name: a.dataset.name, download: a.download, b64: btoa(text) });
    }
    return out;
  }, kind);
  return got.map((d) => ({ ...d, bytes: Buffer.from(d.b64, 'base64') }));
}

async function choose(page, selector, paths) {
  const input = await page.$(selector);
  await page.evaluate((s) => {
    const clear = document.querySelector(s).closest('.drop').querySelector('.clear');
    if (clear) clear.click();
  }, selector);
  if (paths.length) await input.uploadFile(...paths);
}

function compare(label, got, expectedOf, mustHave) {
  const names = new Set(got.map((d) => d.name));
  for (const d of got) {
    if (d.download !== d.name.split('/').pop()) problem(`${label}: ${d.name} downloads as ${d.download}`);
    const want = expectedOf(d.name);
    if (want === null) continue;
    if (!fs.existsSync(want)) { problem(`${label}: the page offers ${d.name}, which the command line did not make (${want})`); continue; }
    const bytes = fs.readFileSync(want);
    if (!bytes.equals(d.bytes)) problem(`${label}: ${d.name} differs from the command line's (${d.bytes.length} bytes against ${bytes.length})`);
  }
  for (const name of mustHave) if (!names.has(name)) problem(`${label}: the page does not offer ${name}`);
  console.log(`${label}: ${got.length} files compared with the command line's`);
}

async function schoolCase(page, label, review, previous, expected, fragments) {
  await choose(page, '#school-review', [review]);
  await choose(page, '#school-previous', previous ? [previous] : []);
  const t0 = Date.now();
  await page.click('#school-make');
  const end = await finished(page, 'school', 120000);
  const seconds = (Date.now() - t0) / 1000;
  if (end.error) { problem(`${label}: ${end.error}`); return; }
  timings.push([`school job, ${label} (3 PDFs, 6 pages, 2 toolkits)`, seconds, end.memory]);
  const got = await offered(page, 'school');
  const schools = path.join(EXP, expected, 'schools');
  const stem = got.find((d) => d.name.endsWith('-governors.pdf')).name.replace(/-governors\.pdf$/, '');
  const mustHave = ['governors', 'parents', 'sen-info'].flatMap((a) => [`${stem}-${a}.pdf`, `${stem}-${a}.html`]);
  mustHave.push('blank-toolkit.docx');
  compare(label, got, (name) => {
    if (name === 'blank-toolkit.docx') return path.join(EXP, expected, name);
    if (name.endsWith('-fragment.html')) return fragments ? path.join(EXP, 'fragments', fragments, name.replace(/-fragment\.html$/, '.html')) : null;
    return path.join(schools, name);
  }, mustHave);
  if (got.length !== 11) problem(`${label}: ${got.length} files offered, not 11`);
  return end;
}

async function areaCase(page, label, returns, settings, options, expected) {
  await choose(page, '#area-returns', returns);
  await choose(page, '#area-settings', settings);
  await page.evaluate((o) => {
    document.getElementById('area-by-area').checked = !!o.by_area;
    document.getElementById('area-suppress').value = o.suppress || '';
  }, options);
  const t0 = Date.now();
  await page.click('#area-make');
  const end = await finished(page, 'area', 600000);
  const seconds = (Date.now() - t0) / 1000;
  if (end.error) { problem(`${label}: ${end.error}`); return end; }
  timings.push([`area job, ${label}`, seconds, end.memory]);
  const got = await offered(page, 'area');
  const root = path.join(EXP, expected);
  const made = [];
  for (const dir of ['area', 'areas']) {
    if (fs.existsSync(path.join(root, dir))) for (const n of fs.readdirSync(path.join(root, dir))) made.push(dir + '/' + n);
  }
  const zip = got.find((d) => d.name.endsWith('.zip'));
  const documents = got.filter((d) => d !== zip);
  compare(label, documents, (name) => path.join(root, name), made);
  if (!zip) problem(`${label}: no zip of every file offered`);
  else {
    // Every file in the zip, under its name, equal to the command line's.
    const zipPath = path.join(work, 'page.zip');
    fs.writeFileSync(zipPath, zip.bytes);
    const check = execFileSync('python3', ['-c', `
import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1]); root = sys.argv[2]
bad = [n for n in z.namelist() if not os.path.exists(os.path.join(root, n)) or open(os.path.join(root, n), 'rb').read() != z.read(n)]
print(len(z.namelist()), len(bad), *bad)`, zipPath, root]).toString().trim().split(' ');
    if (Number(check[0]) !== documents.length || check[1] !== '0') problem(`${label}: the zip holds ${check[0]} files, ${check[1]} not as the command line made them: ${check.slice(2).join(' ')}`);
  }
  return end;
}

async function axe(page, label) {
  for (const width of [1280, 320]) {
    await page.setViewport({ width, height: 900 });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }));
    for (const v of result.violations) problem(`axe at ${width} px (${label}): ${v.id}: ${v.help} (${v.nodes.length})`);
    const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    if (scrolls) problem(`at ${width} px (${label}) the page scrolls sideways`);
  }
  await page.setViewport({ width: 1280, height: 900 });
}

(async () => {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const netlog = path.join(work, 'netlog.json');
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-domain-reliability', '--no-pings',
      `--user-data-dir=${fs.mkdtempSync(path.join(os.tmpdir(), 'sb-web-'))}`,
      `--log-net-log=${netlog}`, '--net-log-capture-mode=Default'],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (e) => problem('a script error on the page: ' + e.message));
  const t0 = Date.now();
  await page.goto(origin + '/', { waitUntil: 'load' });
  await page.waitForFunction(() => /ready|could not/.test(document.getElementById('engine').textContent), { timeout: 120000 });
  const engine = await page.$eval('#engine', (e) => e.textContent);
  if (!/ready/.test(engine)) problem('the engine did not start: ' + engine);
  timings.push(['first load until the engine is ready', (Date.now() - t0) / 1000, 0]);
  await axe(page, 'before any job');

  // A school's jobs.
  for (const name of list('examples')) {
    await schoolCase(page, 'examples/' + name, path.join(IN, 'examples', name), null, 'examples', 'examples');
  }
  await schoolCase(page, 'docx/riverside-academy.docx', path.join(IN, 'docx', 'riverside-academy.docx'), null, 'docx', null);
  await schoolCase(page, 'previous/oakfield-primary.toml beside last year',
    path.join(IN, 'previous', 'oakfield-primary.toml'), path.join(IN, 'previous', 'oakfield-primary-2024-25.toml'),
    'previous', 'previous');

  // A hostile file: a clear message, and the page still works.
  await choose(page, '#school-previous', []);
  await choose(page, '#school-review', [path.join(IN, 'hostile', 'bomb.docx')]);
  await page.click('#school-make');
  const bomb = await finished(page, 'school', 120000);
  if (!bomb.error || /unreachable|RuntimeError|undefined/.test(bomb.error)) problem('the zip bomb gave no clear message: ' + JSON.stringify(bomb));
  else console.log('zip bomb: ' + bomb.error.split('\n')[0]);
  await schoolCase(page, 'examples/oakfield-primary.toml after the zip bomb', path.join(IN, 'examples', 'oakfield-primary.toml'), null, 'examples', 'examples');

  // An officer's jobs.
  await areaCase(page, 'the examples\' area', files('examples', list('examples')), [], {}, 'examples');
  await areaCase(page, 'a SmartSurvey export', files('survey', list('survey')), [], {}, 'survey');
  await areaCase(page, 'a county by local area (SurveyMonkey export and options file)', files('county', list('county')),
    [path.join(work, 'area-options.toml')], { by_area: true }, 'county');
  await axe(page, 'with every result shown');
  if (process.env.SCREENSHOT) {
    // The page as a school sees it after making its documents (for README).
    await page.setViewport({ width: 900, height: 900 });
    await page.evaluate(() => { document.getElementById('area-results').hidden = true; window.scrollTo(0, 0); });
    const box = await page.$eval('#school-results', (e) => { const r = e.getBoundingClientRect(); return r.bottom + window.scrollY; });
    await page.screenshot({ path: process.env.SCREENSHOT, clip: { x: 0, y: 0, width: 900, height: Math.min(box + 16, 2400) } });
    await page.evaluate(() => { document.getElementById('area-results').hidden = false; });
    await page.setViewport({ width: 1280, height: 900 });
  }
  if (process.env.BENCH_AREA) {
    // Many returns' area publication, timed: the page's own measure of the officer's job.
    const dir = process.env.BENCH_AREA;
    const all = fs.readdirSync(dir).sort().map((n) => path.join(dir, n));
    await choose(page, '#area-settings', []);
    await choose(page, '#area-returns', all);
    await page.evaluate(() => { document.getElementById('area-by-area').checked = false; });
    const t = Date.now();
    await page.click('#area-make');
    const end = await finished(page, 'area', 1800000);
    if (end.error) problem('the benchmark\'s area job: ' + end.error);
    timings.push([`area job, ${all.length} returns (bench)`, (Date.now() - t) / 1000, end.memory]);
  }

  await choose(page, '#area-settings', []);
  await choose(page, '#area-returns', [path.join(IN, 'hostile', 'huge.csv')]);
  await page.evaluate(() => { document.getElementById('area-by-area').checked = false; });
  await page.click('#area-make');
  const huge = await finished(page, 'area', 600000);
  const hugeSaid = huge.error || huge.read;
  if (!/huge\.csv/.test(hugeSaid)) problem('the 50 MB CSV gave no clear message: ' + JSON.stringify(huge).slice(0, 500));
  else console.log('50 MB CSV: ' + hugeSaid.split('\n').slice(0, 3).join(' / '));
  await areaCase(page, 'the examples\' area after the 50 MB CSV', files('examples', list('examples')), [], {}, 'examples');

  // Offline after the first load: the server is stopped, the page reloaded, and its service
  // worker serves the page, the worker and the module from its cache.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => null));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 60000 });
  server.close();
  server.closeAllConnections();
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => /ready|could not/.test(document.getElementById('engine').textContent), { timeout: 120000 });
  const offline = await page.$eval('#engine', (e) => e.textContent);
  if (!/ready/.test(offline)) problem('offline, the engine did not start: ' + offline);
  else await schoolCase(page, 'offline, after the first load: examples/riverside-academy.toml', path.join(IN, 'examples', 'riverside-academy.toml'), null, 'examples', 'examples');

  // The folder opened from disk (file://), as a person double-clicks index.html: the engine
  // starts from the page's own copy, and a school's job gives the same files.
  const local = await browser.newPage();
  local.on('pageerror', (e) => problem('a script error on the page opened from its folder: ' + e.message));
  await local.goto('file://' + path.resolve(site, 'index.html'), { waitUntil: 'load' });
  await local.waitForFunction(() => /ready|could not/.test(document.getElementById('engine').textContent), { timeout: 180000 });
  const localEngine = await local.$eval('#engine', (e) => e.textContent);
  if (!/ready/.test(localEngine)) problem('opened from its folder, the engine did not start: ' + localEngine);
  else await schoolCase(local, 'opened from its folder (file://): examples/oakfield-primary.toml', path.join(IN, 'examples', 'oakfield-primary.toml'), null, 'examples', 'examples');

  await browser.close();

  // Every request the page made (its own, its worker's and its service worker's: each
  // names the page's origin as its initiator), from the browser's network log: none may go
  // outside the page's origin. The browser's own requests (its clock, its sign-in), which
  // no page starts, are counted apart.
  const log = JSON.parse(fs.readFileSync(netlog, 'utf8').replace(/,\s*\]\s*}\s*$/, ']}'));
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const pageUrls = new Set();
  const browserOwn = new Set();
  for (const e of log.events) {
    if (e.type !== startJob || !e.params || typeof e.params.url !== 'string') continue;
    if (e.params.initiator === origin || e.params.initiator === 'null' || e.params.url.startsWith('file:')) pageUrls.add(e.params.url);
    else if (!e.params.url.startsWith(origin + '/')) browserOwn.add(e.params.url.split('?')[0]);
    else pageUrls.add(e.params.url);
  }
  const outside = [...pageUrls].filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith('file://' + path.resolve(site) + '/'));
  for (const u of outside) problem('a request outside the page\'s origin: ' + u);
  console.log(`requests: the page's ${pageUrls.size} addresses, ${outside.length} outside ${origin}; the browser's own, started by no page: ${[...browserOwn].join(', ') || 'none'}`);

  for (const [what, s, memory] of timings) {
    console.log(`time: ${what}: ${s.toFixed(2)} s${memory ? `; the engine's memory ${(memory / 1048576).toFixed(0)} MB` : ''}`);
  }
  if (problems.length) {
    console.log(`${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('the web page: every file equal to the command line\'s, 0 problems');
})().catch((e) => { console.error(e); process.exit(1); });
