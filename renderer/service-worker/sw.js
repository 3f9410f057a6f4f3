// The browser build's service worker: keeps the app shell (HTML, scripts, styles, icons) so the
// app opens with the server unreachable. Stories themselves are kept by the app in IndexedDB;
// the API and the collaboration socket are never cached here. The build replaces the two
// placeholders below with the shell's files and a version that changes with them.
const SHELL = self.__NEWSROOM_SHELL__;
const CACHE = `newsroom-shell-${self.__NEWSROOM_VERSION__}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('newsroom-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Only the shell: same origin, GET, and never the API (live data, tokens) or the socket.
  if (request.method !== 'GET' || url.origin !== self.location.origin || /^\/(api|collab)(\/|$)/.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // The newest app when the server answers; the kept one when it does not.
    event.respondWith(fetch(request).catch(() => caches.match('/', { cacheName: CACHE }).then((hit) => hit ?? Response.error())));
    return;
  }
  // Hashed assets never change: the kept copy first, the network for anything not kept.
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
});
