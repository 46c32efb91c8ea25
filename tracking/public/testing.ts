/**
 * Test data for the tracking page on the real test stack. Tracking's tests reach dispatch and
 * telemetry only through their index.ts, whose fixtures are not exported, so the rows are written
 * here as the application role may write them: a facility, a chilled SKU with a lot, an order
 * with its personal data encrypted as dispatch encrypts it, one shipment reserved from the lot,
 * a rider with a position, a box carrying the shipment, its lifecycle state, and box readings.
 */
import { appDb } from '../../platform/db/pool';
import { roadTileCache } from '../../geo';
import { piiRings } from '../../platform/pii';
import { encryptField, phoneBlindIndex } from '../../platform/privacy';
import { newToken } from '../../platform/ids';
import { uniq } from '../../platform/testing/harness';
import type { PublicTrackingDeps } from './view';

export const CUSTOMER = { name: '张三丰', phone: '13812345678', address: '广州市天河区体育西路 101 号 2 栋 1203 房' };
export const DEST = { lat: 23.1342, lng: 113.3231 };

export interface Seeded { orderId: string; token: string; shipmentId: string; facilityId: string; riderId: string; boxId: string; skuName: string; genericName: string }

export interface SeedOptions {
  /** Lifecycle state of the shipment (default in_transit). */
  state?: string;
  /** Box readings (°C, one probe pair each) one a minute up to now; default 30 in range. */
  temps?: number[];
  /** Raise a TEMP_HIGH alarm for the shipment. */
  excursion?: boolean;
  /** The order ended this many days ago (delivered). */
  endedDaysAgo?: number;
}

export async function seedOrder(o: SeedOptions = {}): Promise<Seeded> {
  const q = appDb();
  const fac = uniq('fac_'), sku = uniq('sku_'), rdr = uniq('rdr_'), box = uniq('box_'), ord = uniq('ord_'), shp = uniq('shp_'), lot = uniq('lot_');
  const skuName = `诺和锐笔芯${uniq('')}`, genericName = `insulin aspart ${uniq('')}`;
  const token = newToken(18);
  const ended = o.endedDaysAgo !== undefined;
  const state = ended ? 'delivered' : (o.state ?? 'in_transit');
  const { enc, idx } = piiRings();
  await q.query(`INSERT INTO dispatch.facilities (id, name, tier, location, opening_hours, cold_capabilities) VALUES ($1, '测试药房', 'store', ST_SetSRID(ST_MakePoint(113.32, 23.13), 4326), '{"alwaysOpen": true}', '{ambient,chilled,frozen}')`, [fac]);
  await q.query(`INSERT INTO dispatch.skus (id, name, generic_name, temperature_class, rx, stability_profile) VALUES ($1, $2, $3, 'chilled', true, 'chilled-2-8')`, [sku, skuName, genericName]);
  await q.query(`INSERT INTO dispatch.lots (id, facility_id, sku_id, lot_number, expiry, on_hand, reserved) VALUES ($1, $2, $3, $1, '2099-12-31', 5, 1)`, [lot, fac, sku]);
  await q.query(`INSERT INTO dispatch.riders (id, name, home_facility_id, vehicle_type, status, last_position, last_position_at) VALUES ($1, '骑手', $2, 'e_bike', 'online', ST_SetSRID(ST_MakePoint(113.31683, 23.12794), 4326), now())`, [rdr, fac]);
  await q.query(`INSERT INTO dispatch.boxes (id, facility_id, kind, holdover_minutes, calibration_due, probes, rider_id, status) VALUES ($1, $2, 'active', '{"summer":120,"winter":180}', '2099-01-01', 2, $3, 'in_use')`, [box, fac, rdr]);
  await q.query(`INSERT INTO dispatch.box_compartments (box_id, temperature_class, capacity_units) VALUES ($1, 'chilled', 10)`, [box]);
  const endedAt = ended ? `now() - interval '${Number(o.endedDaysAgo)} days'` : 'now()';
  await q.query(
    `INSERT INTO dispatch.orders (id, token, channel, status, delivery_mode, window_start, window_end, customer_name_enc, customer_phone_enc, customer_phone_idx, customer_address_enc, location, rx_status, created_at, updated_at)
     VALUES ($1, $2, 'app', $3, 'instant', ${endedAt} - interval '30 minutes', ${endedAt} + interval '30 minutes', $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326), 'verified', ${endedAt} - interval '1 hour', ${endedAt})`,
    [ord, token, ended ? 'delivered' : 'in_delivery',
      encryptField(CUSTOMER.name, enc, { context: `${ord}:name` }), encryptField(CUSTOMER.phone, enc, { context: `${ord}:phone` }), phoneBlindIndex(CUSTOMER.phone, idx),
      encryptField(CUSTOMER.address, enc, { context: `${ord}:address` }), DEST.lng, DEST.lat]);
  await q.query(`INSERT INTO dispatch.order_items (order_id, line_no, sku_id, quantity) VALUES ($1, 1, $2, 1)`, [ord, sku]);
  await q.query(
    `INSERT INTO dispatch.shipments (id, order_id, facility_id, status, cold_classes, units, rider_id, eta, due_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, '{chilled}', '{"chilled":1}', $5, ${endedAt} + interval '12 minutes', ${endedAt} + interval '30 minutes', ${endedAt} - interval '1 hour', ${endedAt})`,
    [shp, ord, fac, ended ? 'delivered' : 'picked_up', rdr]);
  await q.query(`INSERT INTO dispatch.reservations (order_id, shipment_id, lot_id, sku_id, quantity, status) VALUES ($1, $2, $3, $4, 1, 'confirmed')`, [ord, shp, lot, sku]);
  const temps = o.temps ?? Array.from({ length: 30 }, (_, i) => 4.5 + Math.sin(i / 4));
  const from = Date.now() - (temps.length + 1) * 60_000;
  await q.query(`INSERT INTO dispatch.custody (box_id, shipment_id, rider_id, temperature_class, units, from_at, to_at) VALUES ($1, $2, $3, 'chilled', 1, $4, ${ended ? '$4::timestamptz + interval \'40 minutes\'' : 'NULL'})`, [box, shp, rdr, new Date(from)]);
  await q.query(`INSERT INTO tracking.shipment_state (shipment_id, order_id, state, seq, rider_id, picked_up_at, ended_at) VALUES ($1, $2, $3, 3, $4, $5, ${ended ? endedAt : 'NULL'})`,
    [shp, ord, state, ended ? null : rdr, new Date(from)]);
  if (temps.length) {
    const ts = temps.map((_, i) => new Date(from + (i + 1) * 60_000));
    await q.query(
      `INSERT INTO telemetry.readings (box_id, ts, received_at, sent_at, seq, reading_index, fw, t, door, batt, hist, drift_ms, drift_flag, shipment_ids)
       SELECT $1, ts, ts, ts, ord, 0, '1.4.2', ARRAY[t, t + 0.3], false, 80, false, 0, false, ARRAY[$2]
         FROM unnest($3::timestamptz[], $4::float8[]) WITH ORDINALITY AS x(ts, t, ord)`,
      [box, shp, ts, temps]);
  }
  if (o.excursion) {
    await q.query(
      `INSERT INTO telemetry.alarms (id, box_id, type, severity, temperature_class, shipment_ids, facility_ids, rider_ids, raised_at)
       VALUES ($1, $2, 'TEMP_HIGH', 'major', 'chilled', ARRAY[$3], ARRAY[$4], ARRAY[$5], now() - interval '5 minutes')`, [uniq('alm_'), box, shp, fac, rdr]);
  }
  return { orderId: ord, token, shipmentId: shp, facilityId: fac, riderId: rdr, boxId: box, skuName, genericName };
}

const testRoadTiles = roadTileCache(appDb);

/** Deps backed by real data: the rider's stored position, a code the test sets, the road network. */
export function testDeps(codes: Map<string, string>): PublicTrackingDeps {
  return {
    async deliveryCode(shipmentId) { return codes.get(shipmentId) ?? null; },
    async riderPosition(riderId) {
      const r = await appDb().query(`SELECT ST_Y(last_position) AS lat, ST_X(last_position) AS lng, last_position_at AS at FROM dispatch.riders WHERE id = $1 AND last_position IS NOT NULL`, [riderId]);
      return r.rows[0] ?? null;
    },
    roadTile: (z, x, y) => testRoadTiles.tile(z, x, y),
  };
}
