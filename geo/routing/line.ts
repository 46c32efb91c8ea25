/** Small pure helpers on GeoJSON coordinate arrays ([lng, lat]). */

/**
 * Part of a polyline between two fractions of its length (0 = first point, 1 = last).
 * Length is measured planar in degrees, the same measure PostGIS ST_LineLocatePoint uses on
 * geometry(4326), so fractions from the database slice where the database located them.
 * If f1 < f0 the result runs backwards.
 */
export function sliceLine(coords: [number, number][], f0: number, f1: number): [number, number][] {
  if (f0 > f1) return sliceLine(coords, f1, f0).reverse();
  const cum = [0];
  for (let i = 1; i < coords.length; i++) cum.push(cum[i - 1] + Math.hypot(coords[i][0] - coords[i - 1][0], coords[i][1] - coords[i - 1][1]));
  const total = cum[cum.length - 1];
  if (total === 0) return [coords[0], coords[coords.length - 1]];
  const at = (f: number): [number, number] => {
    const d = Math.max(0, Math.min(1, f)) * total;
    let i = 1;
    while (i < cum.length - 1 && cum[i] < d) i++;
    const seg = cum[i] - cum[i - 1];
    const t = seg > 0 ? (d - cum[i - 1]) / seg : 0;
    return [coords[i - 1][0] + (coords[i][0] - coords[i - 1][0]) * t, coords[i - 1][1] + (coords[i][1] - coords[i - 1][1]) * t];
  };
  const out: [number, number][] = [at(f0)];
  for (let i = 1; i < coords.length - 1; i++) if (cum[i] > f0 * total && cum[i] < f1 * total) out.push(coords[i]);
  out.push(at(f1));
  return out;
}

/**
 * Appends a piece of line that takes `durationS` to drive, spreading the time over its
 * segments by planar length; keeps `times` (seconds from the start) aligned with `acc`.
 */
export function appendTimed(acc: [number, number][], times: number[], piece: [number, number][], durationS: number): void {
  const t0 = times.length ? times[times.length - 1] : 0;
  const cum = [0];
  for (let i = 1; i < piece.length; i++) cum.push(cum[i - 1] + Math.hypot(piece[i][0] - piece[i - 1][0], piece[i][1] - piece[i - 1][1]));
  const total = cum[cum.length - 1];
  piece.forEach((c, i) => {
    const last = acc[acc.length - 1];
    if (last && Math.abs(last[0] - c[0]) < 1e-9 && Math.abs(last[1] - c[1]) < 1e-9) return;
    acc.push(c);
    times.push(t0 + (total > 0 ? (cum[i] / total) * durationS : i === piece.length - 1 ? durationS : 0));
  });
}
