/**
 * Riding along a route's road geometry: where a rider is after so many metres, and the GPS fix
 * a phone would report there (a few metres of noise, its accuracy). Pure.
 */
import { Rng } from './rng';

export type LngLat = [number, number];
const R = 6_371_000;

export function haversineM(a: LngLat, b: LngLat): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad, dLng = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function lineLengthM(line: LngLat[]): number {
  let d = 0;
  for (let i = 1; i < line.length; i++) d += haversineM(line[i - 1], line[i]);
  return d;
}

/** The point `distM` along the line (clamped to its ends) and the heading there, degrees. */
export function along(line: LngLat[], distM: number): { at: LngLat; headingDeg: number } {
  if (line.length === 1) return { at: line[0], headingDeg: 0 };
  let left = Math.max(0, distM);
  for (let i = 1; i < line.length; i++) {
    const seg = haversineM(line[i - 1], line[i]);
    const [a, b] = [line[i - 1], line[i]];
    const heading = ((Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI + 360) % 360;
    if (left <= seg || i === line.length - 1) {
      const f = seg === 0 ? 1 : Math.min(1, left / seg);
      return { at: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f], headingDeg: Math.round(heading) % 360 };
    }
    left -= seg;
  }
  return { at: line[line.length - 1], headingDeg: 0 };
}

/** A phone's fix near `p`: Gaussian noise of `sigmaM` metres per axis; accuracy reported ~2σ. */
export function gpsFix(rng: Rng, p: LngLat, sigmaM = 5): { lat: number; lng: number; accuracyM: number } {
  const dLat = (rng.normal() * sigmaM) / 111_320;
  const dLng = (rng.normal() * sigmaM) / (111_320 * Math.cos((p[1] * Math.PI) / 180));
  return { lat: Math.round((p[1] + dLat) * 1e6) / 1e6, lng: Math.round((p[0] + dLng) * 1e6) / 1e6, accuracyM: Math.round(2 * sigmaM + rng.next() * sigmaM) };
}

/** Road speed by vehicle, m/s (urban, with lights): e-bike 4.5, scooter 6, car 7, walker 1.3. */
export const ROAD_SPEED_MPS: Record<string, number> = { e_bike: 4.5, scooter: 6, car: 7, walker: 1.3 };
