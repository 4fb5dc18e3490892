// Registers the kiosk's service worker (web/public/kiosk-sw.js): a kiosk restarted while the server is
// unreachable still opens from its cache and keeps taking scans into the offline queue.

/** The worker's script and the page it keeps. */
const SCRIPT = '/kiosk-sw.js';
const SCOPE = '/kiosk';

/** Registers the worker and hands it the assets this first visit loaded before it took control. */
export function registerKioskWorker() {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register(SCRIPT, { scope: SCOPE })
    .then(async () => {
      const reg = await navigator.serviceWorker.ready;
      const assets = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((u) => {
          const url = new URL(u);
          return url.origin === window.location.origin && url.pathname.startsWith('/assets/');
        });
      reg.active?.postMessage({ type: 'cache', urls: [SCOPE, ...assets] });
    })
    .catch(() => {
      // No worker (an old browser, a blocked registration): the kiosk works while its page stays open.
    });
}
