/**
 * The alarm's sound and vibration: a two-tone beep made with Web Audio (no audio file to fetch,
 * so it works offline), repeated until the rider acknowledges. The page has had a tap (the
 * login), so the browser lets it play.
 */
let ctx: AudioContext | null = null;
let timer: ReturnType<typeof setInterval> | null = null;

function beepOnce(): void {
  ctx ??= new AudioContext();
  void ctx.resume();
  const now = ctx.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + i * 0.25);
    gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.25 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.25 + 0.22);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + i * 0.25);
    osc.stop(now + i * 0.25 + 0.24);
  }
  navigator.vibrate?.([300, 150, 300]);
}

type Counted = Window & { __riderBeeps?: number };

/** Starts the alarm sound (idempotent); counts beeps on `window.__riderBeeps`, which the browser test reads. */
export function startAlarmSound(): void {
  if (timer) return;
  const tick = () => {
    try { beepOnce(); } catch { /* no audio device: the vibration and the screen remain */ }
    (window as Counted).__riderBeeps = ((window as Counted).__riderBeeps ?? 0) + 1;
  };
  tick();
  timer = setInterval(tick, 1500);
}

export function stopAlarmSound(): void {
  if (timer) clearInterval(timer);
  timer = null;
  navigator.vibrate?.(0);
}
