/**
 * The service worker lives at /rider/sw.js so that its scope is the app (the api serves it, no-cache).
 * It is registered only once the first screen is up: its install downloads every file of the app
 * (the camera's decoder too), which on a slow phone network would otherwise compete with the
 * page's own first requests.
 */
let registered = false;

export function registerWorker(): void {
  if (registered || !('serviceWorker' in navigator)) return;
  registered = true;
  void navigator.serviceWorker.register('/rider/sw.js', { scope: '/rider/' });
}
