/**
 * Readers for the WKB (ST_AsBinary) shapes the in-memory indexes load: LineString (roads,
 * routing/snap-index.ts) and Polygon (service-area pieces, cover-index.ts). Either byte order.
 */

function reader(wkb: Uint8Array, want: number, what: string) {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  const le = view.getUint8(0) === 1;
  const type = view.getUint32(1, le);
  if ((type & 0xffff) !== want) throw new Error(`expected a WKB ${what}, got type ${type}`);
  let at = 5;
  return {
    u32(): number {
      const v = view.getUint32(at, le);
      at += 4;
      return v;
    },
    /** n points as a flat [x0, y0, x1, y1, …] array. */
    points(n: number): Float64Array {
      const out = new Float64Array(n * 2);
      for (let i = 0; i < n * 2; i++, at += 8) out[i] = view.getFloat64(at, le);
      return out;
    },
  };
}

/** Coordinates of a WKB LineString as a flat [lng, lat, …] array. */
export function lineStringFromWkb(wkb: Uint8Array): Float64Array {
  const r = reader(wkb, 2, 'LineString');
  return r.points(r.u32());
}

/** Rings of a WKB Polygon (exterior first, then holes), each a flat [lng, lat, …] array. */
export function polygonFromWkb(wkb: Uint8Array): Float64Array[] {
  const r = reader(wkb, 3, 'Polygon');
  const rings = r.u32();
  const out: Float64Array[] = [];
  for (let i = 0; i < rings; i++) out.push(r.points(r.u32()));
  return out;
}
