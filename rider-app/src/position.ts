/**
 * GPS while on duty: `watchPosition` fixes are batched (every 15 s, or 20 fixes) into the outbox,
 * which sends the latest first when the network is back. A page cannot track in the background:
 * when hidden, the browser stops the watch; the app says so, and the box's own reports remain the
 * record.
 */
import { ref } from 'vue';
import type { PositionFix } from '../../web-shared/api/rider';
import { queueFixes } from './store';

const BATCH_MS = 15_000;
const BATCH_MAX = 20;

export const hidden = ref(typeof document !== 'undefined' && document.visibilityState === 'hidden');
export const geoError = ref<string | null>(null);

let watchId: number | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let buffer: PositionFix[] = [];
let sentFirst = false;

function push(): void {
  const b = buffer;
  buffer = [];
  void queueFixes(b);
}

export function startTracking(): void {
  if (watchId !== null || !('geolocation' in navigator)) return;
  sentFirst = false;
  watchId = navigator.geolocation.watchPosition((p) => {
    geoError.value = null;
    buffer.push({
      at: new Date(p.timestamp).toISOString(), lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy * 10) / 10,
      ...(p.coords.speed != null && p.coords.speed >= 0 ? { speedMps: p.coords.speed } : {}),
      ...(p.coords.heading != null && p.coords.heading >= 0 && p.coords.heading <= 360 ? { headingDeg: p.coords.heading } : {}),
    });
    // The first fix goes at once, so the dispatcher sees the rider as soon as the shift starts.
    if (buffer.length >= BATCH_MAX || !sentFirst) { sentFirst = true; push(); }
  }, (e) => { geoError.value = e.message; }, { enableHighAccuracy: true, maximumAge: 5000, timeout: 30_000 });
  timer = setInterval(() => { if (buffer.length) push(); }, BATCH_MS);
}

export function stopTracking(): void {
  if (watchId !== null) navigator.geolocation.clearWatch(watchId);
  watchId = null;
  if (timer) clearInterval(timer);
  timer = null;
  if (buffer.length) push();
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    hidden.value = document.visibilityState === 'hidden';
    if (hidden.value && buffer.length) push();
  });
}
