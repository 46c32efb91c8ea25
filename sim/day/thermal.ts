/**
 * A refrigerated box's air temperature, simply: a working compressor pulls it to its set point;
 * an open lid lets the ambient air in; a failed compressor or a dead battery leaves it to warm
 * towards the ambient (Newton's law of cooling). Pure: the state and the elapsed seconds in, the
 * new state out. Faults are drawn per box from a seed at configured daily rates.
 */
import { Rng } from './rng';

export interface ThermalParams {
  /** Where the compressor holds the air, °C; default 5 (the middle of 2–8 °C). */
  setPointC: number;
  /** Time constant of the compressor pulling down, s; default 300. */
  coolTauS: number;
  /** Time constant of the product probe with the lid open, s; default 300 (20 s open: +1 °C at 20 °C ambient). */
  doorTauS: number;
  /** Time constant of the closed box warming with no cooling, s; default 7,200 (5 → 8 °C in ~27 min at 20 °C ambient). */
  passiveTauS: number;
}
export const DEFAULT_THERMAL: ThermalParams = { setPointC: 5, coolTauS: 300, doorTauS: 300, passiveTauS: 7200 };

export interface BoxThermal { tC: number; compressorOk: boolean; batteryPct: number }

/**
 * Ambient temperature by local hour, °C: a daily sine between `minC` at 05:00 and `maxC` at
 * 14:00-ish (default a Guangzhou December day, 13–22 °C).
 */
export function ambientC(hour: number, minC = 13, maxC = 22): number {
  const mean = (minC + maxC) / 2, amp = (maxC - minC) / 2;
  return Math.round((mean + amp * Math.cos((2 * Math.PI * (hour - 14)) / 24)) * 100) / 100;
}

/** Moves `from` towards `to` with time constant `tauS` over `dtS` seconds. */
export const relax = (from: number, to: number, tauS: number, dtS: number): number => to - (to - from) * Math.exp(-dtS / tauS);

/**
 * One step of `dtS` seconds. The battery drains 1 %/h while cooling; at 0 % cooling stops.
 * With the lid open the air moves towards the ambient whatever the compressor does.
 */
export function stepThermal(s: BoxThermal, dtS: number, ambient: number, doorOpen: boolean, p: ThermalParams = DEFAULT_THERMAL): BoxThermal {
  const cooling = s.compressorOk && s.batteryPct > 0;
  let t = s.tC;
  if (doorOpen) t = relax(t, ambient, p.doorTauS, dtS);
  else if (cooling) t = relax(t, p.setPointC, p.coolTauS, dtS);
  else t = relax(t, ambient, p.passiveTauS, dtS);
  const batteryPct = cooling ? Math.max(0, s.batteryPct - dtS / 3600) : s.batteryPct;
  return { tC: t, compressorOk: s.compressorOk, batteryPct };
}

export interface BoxFaults { compressorFailsAtMs: number | null; batteryDiesAtMs: number | null }

/**
 * When (ms after local midnight) a box's compressor fails and its battery dies, if at all that
 * day: each with the given probability per box per day, at a uniform moment.
 */
export function drawFaults(seed: string | number, boxId: string, rates: { compressorPerDay: number; batteryPerDay: number }): BoxFaults {
  const rng = new Rng(`${seed}/faults/${boxId}`);
  const day = 86_400_000;
  const c = rng.chance(rates.compressorPerDay) ? Math.floor(rng.next() * day) : null;
  const b = rng.chance(rates.batteryPerDay) ? Math.floor(rng.next() * day) : null;
  return { compressorFailsAtMs: c, batteryDiesAtMs: b };
}

/**
 * The pre-cool record a box's buffer holds when it is switched on `minutes` before it is first
 * carried: one reading a minute, pulled from the ambient down to the set point.
 */
export function precoolReadings(endMs: number, minutes: number, ambient: number, p: ThermalParams = DEFAULT_THERMAL): Array<{ ts: number; t: number }> {
  const out: Array<{ ts: number; t: number }> = [];
  // Cooling starts `minutes + 10` before: the first 10 min pull down; the last `minutes` are in range.
  const start = endMs - (minutes + 10) * 60_000;
  for (let i = 0; i <= minutes + 10; i++) {
    const t = relax(ambient, p.setPointC, p.coolTauS / 2, i * 60);
    out.push({ ts: start + i * 60_000, t: Math.round(t * 100) / 100 });
  }
  return out;
}
