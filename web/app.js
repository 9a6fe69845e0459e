// sendbench in a web page: the page's side. It keeps the files a person chose, hands them
// to the worker (worker.js), which runs sendbench's own library compiled to WebAssembly, and
// offers what comes back as downloads. Nothing is sent anywhere: the files are read here,
// in this tab, and the documents are made here.
'use strict';

// The most bytes of one file: sendbench's own limit for a return or a survey export. A
// bigger file is refused before it is read, so a mistaken choice costs nothing.
const MAX_FILE_BYTES = 64 * 1024 * 1024;
// How long a job may run before the page stops it (a worker's own timer: the engine cannot
// be interrupted from inside). A school's documents take seconds; a county's thousands of
// documents take minutes.
const SCHOOL_TIME_LIMIT_MS = 5 * 60 * 1000;
const AREA_TIME_LIMIT_MS = 60 * 60 * 1000;

const $ = (id) => document.getElementById(id);
const chosen = {}; // input id -> [{ name, file }]
let urls = { school: [], area: [] }; // blob URLs to free when results are replaced

// ---------------------------------------------------------------- the worker

let worker = null;
let engineReady = null;
let nextId = 1;
const pending = new Map(); // id -> { resolve, reject, progress, timer }

// Opened from a folder (file://), a browser starts no worker from a file and fetches no
// file: the page's own copy of the engine (engine-file.js, loaded as a script) gives the
// worker's code and the module's bytes instead.
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('cannot load ' + src + ': keep every file of the folder together'));
    document.head.append(s);
  });
}

async function fileWorker() {
  if (!self.SENDBENCH_FILE) await loadScript('engine-file.js');
  const code = 'self.SENDBENCH_INLINE = true;\n' + self.SENDBENCH_FILE.worker;
  const w = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  const text = atob(self.SENDBENCH_FILE.wasm);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  w.postMessage({ wasm: bytes.buffer }, [bytes.buffer]);
  return w;
}

function startWorker() {
  engineReady = new Promise((resolve, reject) => {
    pending.set(0, { resolve, reject, progress: null, timer: null });
  });
  if (location.protocol === 'file:') {
    fileWorker().then(listen, (e) => failAll('The document engine could not start: ' + e.message));
  } else {
    listen(new Worker('worker.js'));
  }
  engineReady.then(
    () => say('engine', 'The document engine is ready. Your files stay on this computer.'),
    (e) => say('engine', 'The document engine could not start: ' + e.message));
}

function listen(w) {
  worker = w;
  worker.onmessage = (event) => {
    const m = event.data;
    const job = pending.get(m.id);
    if (!job) return;
    if (m.type === 'progress') {
      if (job.progress) job.progress(m.done, m.total, m.what);
      return;
    }
    clearTimeout(job.timer);
    pending.delete(m.id);
    // The engine's memory (WebAssembly memory only grows: its peak so far), for the record.
    if (m.memory) document.body.dataset.engineMemory = m.memory;
    if (m.type === 'done') job.resolve(m);
    else job.reject(new Error(m.message));
    if (m.fatal) restartWorker();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll('The document engine stopped: ' + (event.message || 'no reason given') +
      '. The page has started it again; try again, or with another file.');
    restartWorker();
  };
}

function failAll(message) {
  for (const [id, job] of pending) {
    clearTimeout(job.timer);
    job.reject(new Error(message));
    pending.delete(id);
  }
}

function restartWorker() {
  if (worker) worker.terminate();
  startWorker();
}

// Runs a job in the worker; `transfer` are the files' buffers, handed over, not copied.
async function run(message, transfer, progress, limitMs) {
  await engineReady;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('It took longer than ' + Math.round(limitMs / 60000) +
        ' minutes, so the page stopped it. Try fewer files at once, or the command-line sendbench.'));
      restartWorker();
    }, limitMs);
    pending.set(id, { resolve, reject, progress, timer });
    worker.postMessage({ ...message, id }, transfer);
  });
}

// ---------------------------------------------------------------- choosing and dropping

function say(id, text) { $(id).textContent = text; }

function kb(bytes) {
  return bytes < 1024 * 1024
    ? Math.max(1, Math.ceil(bytes / 1024)) + ' KB'
    : (bytes / (1024 * 1024)).toFixed(1) + ' MB';
}

function showChosen(inputId) {
  const list = chosen[inputId] || [];
  const out = $(inputId + '-chosen');
  out.textContent = '';
  if (!list.length) return;
  out.append(list.length === 1
    ? 'Chosen: ' + list[0].name + ' (' + kb(list[0].file.size) + ') '
    : 'Chosen: ' + list.length + ' files (' + kb(list.reduce((n, f) => n + f.file.size, 0)) + ') ');
  const clear = document.createElement('button');
  clear.type = 'button';
  clear.className = 'secondary clear';
  clear.textContent = 'Remove';
  clear.setAttribute('aria-label', 'Remove the ' + (list.length === 1 ? 'file' : 'files') + ' chosen for: ' +
    $(inputId).labels[0].firstChild.textContent.trim());
  clear.addEventListener('click', () => {
    $(inputId).value = '';
    choose(inputId, []);
    $(inputId).focus();
  });
  out.append(clear);
}

function choose(inputId, files) {
  chosen[inputId] = files;
  showChosen(inputId);
}

// Every file under a dropped folder, with its path inside it, as a folder's returns are read.
async function entryFiles(entry, path) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    return [{ name: path + file.name, file }];
  }
  if (!entry.isDirectory) return [];
  const reader = entry.createReader();
  const entries = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    entries.push(...batch);
  }
  const out = [];
  for (const e of entries) out.push(...await entryFiles(e, path + entry.name + '/'));
  return out;
}

async function dropped(event, input) {
  const items = [...(event.dataTransfer.items || [])];
  const entries = items.map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  let files;
  if (entries.length) {
    files = [];
    for (const e of entries) files.push(...await entryFiles(e, ''));
  } else {
    files = [...event.dataTransfer.files].map((file) => ({ name: file.name, file }));
  }
  if (!input.multiple) files = files.slice(0, 1);
  choose(input.id, files);
}

function setUpDropZones() {
  for (const zone of document.querySelectorAll('.drop')) {
    const input = $(zone.dataset.for);
    input.addEventListener('change', () => {
      choose(input.id, [...input.files].map((file) => ({
        name: file.webkitRelativePath || file.name, file,
      })));
    });
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      dropped(e, input).catch((err) => say(input.id + '-chosen', 'Cannot read what was dropped: ' + err.message));
    });
  }
}

// The files' bytes, refusing any file over the limit before reading it.
async function readAll(list) {
  for (const f of list) {
    if (f.file.size > MAX_FILE_BYTES) {
      throw new Error(f.name + ' is ' + kb(f.file.size) +
        '; a return or survey export is far smaller (the limit is 64 MB). Choose the right file.');
    }
  }
  return Promise.all(list.map(async (f) => ({ name: f.name, bytes: await f.file.arrayBuffer() })));
}

// ---------------------------------------------------------------- results

// What a file is, in words, from the name `build` gives it.
function describe(name) {
  const base = name.split('/').pop();
  const kinds = [
    [/-governors\.pdf$/, "Governors' report (PDF)"],
    [/-governors\.html$/, "Governors' report (web page)"],
    [/-governors-fragment\.html$/, "Governors' report (to paste into a web page)"],
    [/-parents\.pdf$/, "Parents' summary (PDF)"],
    [/-parents\.html$/, "Parents' summary (web page)"],
    [/-parents-fragment\.html$/, "Parents' summary (to paste into the school's website)"],
    [/-sen-info\.pdf$/, 'SEN information summary (PDF)'],
    [/-sen-info\.html$/, 'SEN information summary (web page)'],
    [/-sen-info-fragment\.html$/, "SEN information summary (to paste into the school's website)"],
    [/-toolkit-.*\.docx$/, "Next year's toolkit, filled in from this review (Word)"],
    [/^blank-toolkit\.docx$/, 'Blank toolkit (Word)'],
    [/\.pdf$/, 'Report (PDF)'],
    [/\.html$/, 'Web page'],
    [/\.xlsx$/, 'Spreadsheet (Excel)'],
    [/\.meta\.csv$/, 'Open data: what the columns mean (CSV)'],
    [/\.csv$/, 'Open data (CSV)'],
    [/\.zip$/, 'Everything, as one zip file'],
  ];
  for (const [re, words] of kinds) if (re.test(base)) return words;
  return 'File';
}

function link(kind, name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  urls[kind].push(url);
  const a = document.createElement('a');
  a.href = url;
  // Named as `sendbench build` names the file (a browser cannot put a folder in a name).
  a.download = name.split('/').pop();
  a.dataset.name = name;
  a.textContent = a.download;
  return a;
}

function mime(name) {
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.html')) return 'text/html';
  if (name.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.zip')) return 'application/zip';
  return 'application/octet-stream';
}

function downloads(kind, target, documents) {
  for (const u of urls[kind]) URL.revokeObjectURL(u);
  urls[kind] = [];
  target.textContent = '';
  const ul = document.createElement('ul');
  ul.className = 'downloads';
  for (const d of documents) {
    const li = document.createElement('li');
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = describe(d.name) + ', ' + kb(d.bytes.byteLength) + ': ';
    li.append(what, link(kind, d.name, d.bytes, mime(d.name)));
    if (d.name.endsWith('-fragment.html')) {
      const copy = document.createElement('button');
      copy.type = 'button';
      copy.className = 'secondary copy';
      copy.textContent = 'Copy the HTML';
      copy.setAttribute('aria-label', 'Copy the HTML of ' + d.name.split('/').pop());
      copy.addEventListener('click', () => copyText(kind, new TextDecoder().decode(d.bytes)));
      li.append(' ', copy);
    }
    ul.append(li);
  }
  target.append(ul);
}

async function copyText(kind, text) {
  try {
    await navigator.clipboard.writeText(text);
    say(kind + '-status', 'Copied. Paste it into your website\'s editor in its HTML (code) view.');
  } catch (e) {
    say(kind + '-error', 'The browser did not allow copying: download the file and open it in a text editor instead.');
  }
}

function list(title, items) {
  const wrap = document.createElement('div');
  if (!items.length) return wrap;
  const h = document.createElement('h4');
  h.textContent = title + ' (' + items.length + ')';
  const ul = document.createElement('ul');
  for (const text of items) {
    const li = document.createElement('li');
    li.textContent = text;
    ul.append(li);
  }
  wrap.append(h, ul);
  return wrap;
}

function paragraph(text, className) {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

function showResults(kind) {
  $(kind + '-results').hidden = false;
  $(kind + '-results-heading').focus();
}

// ---------------------------------------------------------------- the jobs

function busy(kind, yes) {
  for (const b of document.querySelectorAll('#' + kind + '-form button')) b.disabled = yes;
}

async function schoolJob(event) {
  event.preventDefault();
  say('school-error', '');
  const review = chosen['school-review'] || [];
  if (!review.length) {
    say('school-error', 'Choose your school\'s filled toolkit (.docx) or assessment (.toml) first.');
    $('school-review').focus();
    return;
  }
  busy('school', true);
  say('school-status', 'Making the documents…');
  const started = performance.now();
  try {
    const files = await readAll(review);
    const previous = await readAll(chosen['school-previous'] || []);
    const m = await run({ job: 'school', files, previous },
      [...files, ...previous].map((f) => f.bytes), null, SCHOOL_TIME_LIMIT_MS);
    const report = JSON.parse(m.report);
    const read = $('school-read');
    read.textContent = '';
    read.append(paragraph('Read ' + review[0].name + ': ' + report.school + '.'));
    if (report.draft) {
      read.append(paragraph('The review is not finished (' + report.draft +
        '): each document says so on every page, marked as a draft.', 'draft'));
    } else {
      read.append(paragraph('The review is complete.'));
    }
    read.append(list('Check these', report.warnings));
    downloads('school', $('school-downloads'), m.documents);
    showResults('school');
    say('school-status', 'Made ' + m.documents.length + ' documents in ' +
      ((performance.now() - started) / 1000).toFixed(1) + ' s.');
  } catch (e) {
    say('school-status', '');
    say('school-error', e.message);
  } finally {
    busy('school', false);
  }
}

async function blankJob() {
  say('school-error', '');
  busy('school', true);
  try {
    const m = await run({ job: 'blank' }, [], null, SCHOOL_TIME_LIMIT_MS);
    const d = m.documents[0];
    const a = link('school', d.name, d.bytes, mime(d.name));
    document.body.append(a);
    a.click();
    a.remove();
    say('school-status', 'The blank toolkit is downloading (' + d.name + ').');
  } catch (e) {
    say('school-error', e.message);
  } finally {
    busy('school', false);
  }
}

function choices() {
  const n = $('area-suppress').value.trim();
  return JSON.stringify({
    title: $('area-title').value,
    collection: $('area-collection').value,
    suppress_below: n === '' ? null : Number(n),
    by_area: $('area-by-area').checked,
    every_year: $('area-every-year').checked,
    strict: $('area-strict').checked,
  });
}

function intakeLists(report) {
  const files = report.intake.files;
  const where = (f) => f.path + (f.row ? ' (' + f.row + ')' : '');
  return [
    list('Not valid: fix these and run again', files.filter((f) => f.fate === 'invalid').map((f) => where(f) + ': ' + f.reason)),
    list('Not used: duplicates', files.filter((f) => f.fate === 'duplicate').map((f) => where(f) + ': ' + f.reason + ' (kept ' + f.kept + ')')),
    list('Skipped', files.filter((f) => f.fate === 'skipped').map((f) => where(f) + ': ' + f.reason)),
    list('Documents not made', report.failures.map((f) => f.what + ': ' + f.error)),
    list('Check these', report.warnings),
    list('Used', files.filter((f) => f.fate === 'used').map((f) => where(f) + ': ' + f.school + (f.year ? ', ' + f.year : ''))),
  ];
}

async function areaJob(event) {
  event.preventDefault();
  say('area-error', '');
  const returns = [...(chosen['area-returns'] || []), ...(chosen['area-folder'] || [])];
  if (!returns.length) {
    say('area-error', 'Choose the returns or the survey export first.');
    $('area-returns').focus();
    return;
  }
  const n = $('area-suppress').value.trim();
  if (n !== '' && !(Number.isInteger(Number(n)) && Number(n) >= 3 && Number(n) <= 1000)) {
    say('area-error', 'Withhold figures resting on fewer schools than: give a whole number from 3 to 1000, or leave it empty.');
    $('area-suppress').focus();
    return;
  }
  busy('area', true);
  const bar = $('area-progress');
  bar.hidden = false;
  bar.value = 0;
  say('area-status', 'Reading ' + returns.length + ' file' + (returns.length === 1 ? '' : 's') + '…');
  const started = performance.now();
  try {
    const files = await readAll(returns);
    const settings = await readAll(chosen['area-settings'] || []);
    const progress = (done, total, what) => {
      bar.max = Math.max(total, 1);
      bar.value = done;
      say('area-status', done < total ? 'Making ' + (done + 1) + ' of ' + total + ': ' + what + '…' : 'Finishing…');
    };
    const m = await run({ job: 'area', files, settings, choices: choices() },
      [...files, ...settings].map((f) => f.bytes), progress, AREA_TIME_LIMIT_MS);
    const report = JSON.parse(m.report);
    const read = $('area-read');
    read.textContent = '';
    read.append(paragraph(report.summary), ...intakeLists(report));
    const documents = m.documents.slice();
    if (m.zip) documents.push({ name: 'sendbench-area.zip', bytes: m.zip });
    downloads('area', $('area-downloads'), documents);
    showResults('area');
    say('area-status', m.documents.length
      ? 'Made ' + m.documents.length + ' files in ' + ((performance.now() - started) / 1000).toFixed(1) + ' s.'
      : 'No documents were made: see what was read, above.');
  } catch (e) {
    say('area-status', '');
    say('area-error', e.message);
  } finally {
    bar.hidden = true;
    busy('area', false);
  }
}

startWorker();
setUpDropZones();
$('school-form').addEventListener('submit', schoolJob);
$('blank-make').addEventListener('click', blankJob);
$('area-form').addEventListener('submit', areaJob);
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  // Keeps the page's own files for use offline; it fetches nothing else.
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
