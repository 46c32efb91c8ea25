/**
 * When a box's door may be opened (COMPLIANCE A.20, D.44): at pickup and at handover, each a
 * place and a time. Pure; the evidence is read by door-evidence.ts and the result reaches the
 * excursion engine as `ctx.doorExpected` through telemetry's custody port.
 *
 * The rule, stated once: an opening at device time t of a custody leg is expected when
 *  - pickup: t is within [from − pickupBefore, from + pickupAfter] of the leg's start (the pickup
 *    scan happens at the facility, so the scan is both the place and the time), or
 *  - handover: the leg's rider sent an accepted fix within `handoverRadiusM` of the shipment's
 *    delivery point at some time f with t in [f − fixBefore, f + fixAfter] (the rider is at the
 *    customer's door: a fix a moment after the opening counts, as phones report every few
 *    seconds), or the shipment became `arriving` (its first fix within TRACKING_ARRIVING_M of
 *    its stop) at a time a with t in [a, a + arrivingFor].
 * Everywhere else (mid-route, a stop at a shop) an opening is unexpected, and the profile's
 * unexpected allowance (default: none) applies.
 */
export interface DoorWindow {
  from: Date;
  to: Date;
  why: 'pickup' | 'handover';
}

/** What is known of one custody leg's pickup and handover, as times only (no place leaves the database). */
export interface DoorEvidence {
  /** Start of the custody leg (the pickup scan, or a relay's handover). */
  legFrom: Date;
  /** Device times of the rider's accepted fixes within the handover radius of the delivery point. */
  fixesNear: Date[];
  /** When the shipment became `arriving`; null when it has not. */
  arrivingAt: Date | null;
}

export interface DoorWindowSettings {
  pickupBeforeMs: number;
  pickupAfterMs: number;
  fixBeforeMs: number;
  fixAfterMs: number;
  arrivingForMs: number;
}

/** The leg's expected-opening windows, sorted and merged where they touch or overlap. */
export function doorWindows(e: DoorEvidence, s: DoorWindowSettings): DoorWindow[] {
  const raw: Array<{ from: number; to: number; why: DoorWindow['why'] }> = [
    { from: e.legFrom.getTime() - s.pickupBeforeMs, to: e.legFrom.getTime() + s.pickupAfterMs, why: 'pickup' },
  ];
  for (const f of e.fixesNear) raw.push({ from: f.getTime() - s.fixBeforeMs, to: f.getTime() + s.fixAfterMs, why: 'handover' });
  if (e.arrivingAt) raw.push({ from: e.arrivingAt.getTime(), to: e.arrivingAt.getTime() + s.arrivingForMs, why: 'handover' });
  raw.sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Array<{ from: number; to: number; why: DoorWindow['why'] }> = [];
  for (const w of raw) {
    const last = out.at(-1);
    if (last && w.from <= last.to && w.why === last.why) last.to = Math.max(last.to, w.to);
    else out.push({ ...w });
  }
  return out.map((w) => ({ from: new Date(w.from), to: new Date(w.to), why: w.why }));
}

