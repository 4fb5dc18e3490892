// Service worker of the check-in kiosk (/kiosk only): keeps the page's shell and its hashed assets so
// that a kiosk restarted while the server is unreachable still opens and takes scans into its offline
// queue. API calls are never cached (they carry personal data and must reach the server).
const CACHE = 'hy-kiosk-v1';
const SHELL = '/kiosk';
/** Old asset versions pile up with each release; keep the newest this many entries. */
const MAX_ENTRIES = 300;

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function trim(cache) {
  const keys = await cache.keys();
  for (const req of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) await cache.delete(req);
}

async function put(request, response) {
  if (!response?.ok || response.type !== 'basic') return;
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
  await trim(cache);
}

// The page lists what it loaded before this worker took control (its first visit).
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'cache' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    Promise.all(
      data.urls
        .filter((u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin)
        .filter((u) => !new URL(u, self.location.origin).pathname.startsWith('/api/'))
        .map(async (u) => {
          try {
            await put(u, await fetch(u, { cache: 'no-cache' }));
          } catch {
            // Offline right now: the next visit caches it.
          }
        }),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (req.mode === 'navigate') {
    // The shell: the network first (a new release), the cached copy when the server is unreachable.
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(req);
          if (res.ok) await put(SHELL, res.clone());
          return res;
        } catch (err) {
          const cached = await caches.match(SHELL);
          if (cached) return cached;
          throw err;
        }
      })(),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    // Hashed assets never change: the cache first.
    event.respondWith(
      (async () => {
        const cached = await caches.match(req);
        if (cached) return cached;
        const res = await fetch(req);
        await put(req, res.clone());
        return res;
      })(),
    );
  }
});
