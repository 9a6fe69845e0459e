// sendbench in a web page: the worker. It loads sendbench's library (compiled to
// WebAssembly by scripts/web.sh, with wasm-bindgen's glue) and runs one job at a time, so
// the page stays usable while documents are made.
'use strict';

// Served from a web server, the worker loads the glue and the module by their names. Opened
// from a folder (file://), where a browser lets a page start no worker from a file and fetch
// nothing, the page makes this worker from its own copy (engine-file.js), with the glue
// before this code, and posts the module's bytes as the first message.
const inline = self.SENDBENCH_INLINE === true;
if (!inline) importScripts('sendbench_web.js');
const module = inline
  ? new Promise((resolve) => {
    self.addEventListener('message', function first(event) {
      if (event.data && event.data.wasm) {
        self.removeEventListener('message', first);
        resolve(event.data.wasm);
      }
    });
  })
  : Promise.resolve('sendbench_web_bg.wasm');

let engine = null;
const memory = () => (engine ? engine.memory.buffer.byteLength : 0);
const ready = module.then((m) => wasm_bindgen({ module_or_path: m })).then(
  (exports) => { engine = exports; self.postMessage({ id: 0, type: 'done' }); },
  (e) => self.postMessage({ id: 0, type: 'error', message: String(e && e.message || e) }));

function files(list) {
  const out = new wasm_bindgen.Files();
  for (const f of list || []) out.add(f.name, new Uint8Array(f.bytes));
  return out;
}

function documents(made) {
  const out = [];
  for (let i = 0; i < made.count(); i++) out.push({ name: made.name(i), bytes: made.bytes(i).buffer });
  return out;
}

self.onmessage = async (event) => {
  const m = event.data;
  if (m.wasm) return;
  await ready;
  const { id } = m;
  let made = null;
  const given = [];
  const take = (list) => { const f = files(list); given.push(f); return f; };
  try {
    if (m.job === 'school') {
      made = wasm_bindgen.school(take(m.files), take(m.previous));
    } else if (m.job === 'blank') {
      made = wasm_bindgen.blank_toolkit();
    } else if (m.job === 'area') {
      const progress = (done, total, what) => self.postMessage({ id, type: 'progress', done, total, what });
      made = wasm_bindgen.area(take(m.files), take(m.settings), m.choices, progress);
    } else {
      throw new Error('unknown job ' + m.job);
    }
    const docs = documents(made);
    const zip = m.job === 'area' && docs.length > 1 ? made.zip().buffer : null;
    const transfer = docs.map((d) => d.bytes);
    if (zip) transfer.push(zip);
    self.postMessage({ id, type: 'done', report: made.report(), documents: docs, zip, memory: memory() }, transfer);
  } catch (e) {
    // A RuntimeError is the engine itself stopping (out of memory, say): its state cannot
    // be trusted after it, so the page starts a new worker.
    const fatal = e instanceof WebAssembly.RuntimeError;
    let why = '';
    try { why = fatal ? wasm_bindgen.last_panic() : ''; } catch (ignored) { /* the engine is gone */ }
    const message = fatal
      ? 'The document engine stopped (' + (why || e.message) + '). The files may be too large for the browser; the page has started the engine again, so you can try again with fewer or smaller files.'
      : String(e && e.message || e);
    self.postMessage({ id, type: 'error', message, fatal, memory: memory() });
  } finally {
    // After the engine stops, what it held cannot be freed; a new worker takes its place.
    try {
      if (made) made.free();
      for (const f of given) f.free();
    } catch (ignored) { /* the engine is gone */ }
  }
};
