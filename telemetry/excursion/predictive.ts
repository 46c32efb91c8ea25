/**
 * Predictive pre-alarm: a least-squares line through the readings of the last `windowMs` says
 * the box will cross its alarm limit before the shipment's remaining ETA (the ingest gives each
 * reading its custody's ETA; the default horizon when there is none or it has passed) → PREDICTED_EXCURSION with the minutes left. Clears when the trend recovers (with
 * 25 % hysteresis on the horizon so noise does not flap it) or once the limit is actually
 * crossed, where the real excursion rules take over.
 */
import { makeEvent } from './events';
import type { AlarmProfile } from './profile';
import type { EvalReading, ExcursionEvent, RuleCtx, RuleResult } from './types';
import { coldest, warmest } from './types';

export interface PredictionState {
  /** [ts, warmest °C, coldest °C] within the window, ts ascending */
  points: Array<[number, number, number]>;
  raised: boolean;
  side: 'high' | 'low' | null;
}

export const emptyPrediction = (): PredictionState => ({ points: [], raised: false, side: null });

const MIN = 60_000;
const HYSTERESIS = 1.25;

/** Least squares over (x minutes before the last point, y °C): slope °C/min and fitted value at the last point. */
export function linearTrend(points: Array<[number, number]>): { slopePerMin: number; fittedNow: number } | null {
  const n = points.length;
  if (n < 2) return null;
  const t0 = points[n - 1][0];
  let sx = 0;
  let sy = 0;
  for (const [t, y] of points) {
    sx += (t - t0) / MIN;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (const [t, y] of points) {
    const dx = (t - t0) / MIN - mx;
    sxy += dx * (y - my);
    sxx += dx * dx;
  }
  if (sxx === 0) return null;
  const slopePerMin = sxy / sxx;
  return { slopePerMin, fittedNow: my - slopePerMin * mx };
}

/** Minutes until the fitted line reaches the limit, or null if it moves away from it. */
function minutesToCross(side: 'high' | 'low', fit: { slopePerMin: number; fittedNow: number }, limit: number): number | null {
  const towards = side === 'high' ? fit.slopePerMin > 0 : fit.slopePerMin < 0;
  if (!towards) return null;
  return Math.max(0, (limit - fit.fittedNow) / fit.slopePerMin);
}

/** Advances PREDICTED_EXCURSION by one reading (ts order); muted during the ignore period. */
export function updatePrediction(state: PredictionState, r: EvalReading, p: AlarmProfile, ctx: RuleCtx): RuleResult<PredictionState> {
  const cfg = p.prediction;
  const points = [...state.points, [r.ts, warmest(r), coldest(r)] as [number, number, number]].filter(([t]) => t > r.ts - cfg.windowMs);
  const next: PredictionState = { points, raised: state.raised, side: state.side };
  const events: ExcursionEvent[] = [];
  const clear = (reason: string) => {
    events.push(makeEvent('PREDICTED_EXCURSION', 'clear', r.ts, p, { side: next.side, reason }));
    next.raised = false;
    next.side = null;
  };
  if (!cfg.enabled) return { state: next, events };

  const crossed = warmest(r) > p.high || coldest(r) < p.low;
  const horizonMs = Math.max(0, r.ctx?.remainingEtaMs ?? cfg.horizonMs);
  let best: { side: 'high' | 'low'; minutes: number; slope: number; limit: number } | null = null;
  if (!crossed && points.length >= cfg.minPoints && r.ts - points[0][0] >= cfg.minSpanMs) {
    for (const side of ['high', 'low'] as const) {
      const fit = linearTrend(points.map(([t, hi, lo]) => [t, side === 'high' ? hi : lo]));
      if (!fit) continue;
      const limit = side === 'high' ? p.high : p.low;
      const minutes = minutesToCross(side, fit, limit);
      if (minutes === null) continue;
      const allowance = state.raised && state.side === side ? horizonMs * HYSTERESIS : horizonMs;
      if (minutes * MIN < allowance && (!best || minutes < best.minutes)) best = { side, minutes, slope: fit.slopePerMin, limit };
    }
  }

  if (state.raised && (crossed || !best || best.side !== state.side)) clear(crossed ? 'crossed' : 'recovered');
  if (best && !next.raised && r.ts >= ctx.mutedUntil) {
    next.raised = true;
    next.side = best.side;
    events.push(
      makeEvent('PREDICTED_EXCURSION', 'raise', r.ts, p, {
        side: best.side,
        minutesLeft: Math.round(best.minutes * 10) / 10,
        slopeCPerMin: Math.round(best.slope * 1000) / 1000,
        limit: best.limit,
        horizonMs,
        // "will pass 8 °C in ~12 min; delivery is due in 25 min": the second half when the ETA is known.
        dueInMinutes: r.ctx?.remainingEtaMs != null ? Math.round(Math.max(0, r.ctx.remainingEtaMs) / MIN) : null,
      }),
    );
  }
  return { state: next, events };
}
