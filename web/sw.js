// sendbench in a web page: the service worker. It keeps the page's own files so the page
// works offline after its first load; it never fetches anything but them. The cache's name
// carries the build's version (written by scripts/web.sh), so a new build replaces the old.
'use strict';

const CACHE = 'sendbench-@VERSION@';
const FILES = ['./', 'index.html', 'style.css', 'app.js', 'worker.js', 'sendbench_web.js', 'sendbench_web_bg.wasm'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(caches.match(event.request, { ignoreSearch: true })
    .then((hit) => hit || fetch(event.request)));
});
