/** Coordinates of a WKB LineString (as ST_AsBinary writes it, either byte order) as a flat [lng, lat, …] array; the snapping index loads roads so (routing/snap-index.ts). */
export function lineStringFromWkb(wkb: Uint8Array): Float64Array {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  const le = view.getUint8(0) === 1;
  const type = view.getUint32(1, le);
  if ((type & 0xffff) !== 2) throw new Error(`expected a WKB LineString, got type ${type}`);
  const n = view.getUint32(5, le);
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n * 2; i++) out[i] = view.getFloat64(9 + 8 * i, le);
  return out;
}
