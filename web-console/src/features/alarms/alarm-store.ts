/**
 * The open alarms of the signed-in user, shared by the title bar (count, sound) and the alarm
 * page: one REST snapshot re-read after a feed loss, feed events applied by id (a repeated event
 * changes nothing). Started by the shell for roles that may open the alarm page.
 */
import { computed, ref } from 'vue';
import { api } from '../../../../web-shared/api/endpoints';
import type { Alarm, Severity } from '../../../../web-shared/api/types';
import { openFeed, type Feed, type FeedState } from '../../../../web-shared/feed/feed';
import { sortAlarms } from './alarm-order';

export const alarms = ref<Alarm[]>([]);
export const alarmFeedState = ref<FeedState>('connecting');
export const alarmLoadError = ref('');
/** Unacknowledged alarms: what the title bar counts. */
export const activeCount = computed(() => alarms.value.filter((a) => a.status === 'active').length);

let feed: Feed | undefined;
let users = 0;

export async function loadAlarms(): Promise<void> {
  try {
    alarms.value = sortAlarms((await api.alarms({ open: 'true', limit: 500 })).alarms);
    alarmLoadError.value = '';
  } catch (e) {
    alarmLoadError.value = (e as Error).message;
  }
}

/** Applies one alarm as the server now has it; resolved ones leave the list. */
export function applyAlarm(a: Alarm, change?: string): void {
  const rest = alarms.value.filter((x) => x.id !== a.id);
  const isNew = rest.length === alarms.value.length;
  alarms.value = a.status === 'resolved' ? rest : sortAlarms([a, ...rest]);
  if (isNew && a.status === 'active' && (change === 'created' || change === 'reactivated')) chime(a.severity as Severity);
}

/** Starts the shared feed (reference counted: the shell and a page may both ask). */
export function startAlarms(): () => void {
  if (users++ === 0) {
    void loadAlarms();
    feed = openFeed({
      on: { alarm: (e: { alarm?: Alarm; change?: string }) => { if (e.alarm) applyAlarm(e.alarm, e.change); } },
      onResync: () => { void loadAlarms(); },
      onState: (s) => { alarmFeedState.value = s; },
    });
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--users === 0) { feed?.close(); feed = undefined; alarms.value = []; }
  };
}

/** Plays: critical three beeps, major two, lower one; made with WebAudio so no sound file is loaded. */
export const soundOn = ref(true);
let audio: AudioContext | undefined;
export const chimes = ref(0);
function chime(severity: Severity): void {
  chimes.value++;
  if (!soundOn.value || typeof AudioContext === 'undefined') return;
  try {
    audio ??= new AudioContext();
    const n = severity === 'critical' ? 3 : severity === 'major' ? 2 : 1;
    for (let i = 0; i < n; i++) {
      const o = audio.createOscillator(), g = audio.createGain();
      const at = audio.currentTime + i * 0.3;
      o.frequency.value = severity === 'critical' ? 880 : 660;
      g.gain.setValueAtTime(0.2, at);
      g.gain.exponentialRampToValueAtTime(0.001, at + 0.25);
      o.connect(g).connect(audio.destination);
      o.start(at);
      o.stop(at + 0.25);
    }
  } catch { /* a browser that refuses audio before a gesture still shows the alarm */ }
}
