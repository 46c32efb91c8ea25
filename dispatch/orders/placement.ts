/**
 * The order path's two trips to the database, batched: orders asking for stock in the same round
 * of the event loop ask in one statement (dispatch.stock_for_order), and orders ready to be placed
 * are placed together (dispatch.place_batch), because on this machine each message to PostgreSQL
 * costs more than the work it carries (platform/db/batch.ts). Large parameters go in PostgreSQL's
 * binary formats (platform/db/binary.ts).
 */
import type pg from 'pg';
import { appDb, prepared } from '../../platform/db/pool';
import { Batcher } from '../../platform/db/batch';
import { jsonb, textArray } from '../../platform/db/binary';
import { assertValidLatLng, sharedServiceAreaCover as serviceAreaCover, type LatLng } from '../../geo';

/** Sellable lots as dispatch.stock_for_order returns them: [facility, sku, lot, expiry YYYY-MM-DD, available units]. */
export interface Availability { lots: [string, string, string, string, number][] }

/** dispatch.stock_for_order for several orders; it returns one row per call, so rows come back in input order. */
const stockForOrders = prepared(`SELECT s.serving, s.lots
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(o, i)
  CROSS JOIN LATERAL dispatch.stock_for_order(
    ARRAY(SELECT jsonb_array_elements_text(x.o->'skus')), (x.o->>'lng')::float8, (x.o->>'lat')::float8,
    CASE WHEN jsonb_typeof(x.o->'facilities') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(x.o->'facilities')) END,
    (x.o->>'gen')::bigint) AS s
  ORDER BY x.i`);

interface StockAsk { skus: string[]; lng: number | null; lat: number | null; facilities: string[] | null; gen: number | null }
interface StockAnswer extends Availability { serving: string[] }

/** Should the batch's statement fail, each order asks again alone, so one order's failure stays its own. */
let stockBatcher: Batcher<StockAsk, StockAnswer> | undefined;
function askStock(ask: StockAsk): Promise<StockAnswer> {
  stockBatcher ??= new Batcher(async (asks) => {
    const run = async (xs: StockAsk[]) => (await appDb().query(stockForOrders([jsonb(xs)]))).rows as StockAnswer[];
    try {
      return await run(asks);
    } catch (e) {
      if (asks.length === 1) throw e;
      return Promise.all(asks.map((a) => run([a]).then((r) => r[0], (err: Error) => err)));
    }
  });
  return stockBatcher.call(ask);
}

/**
 * Stock of facilities in one call (one round trip, one snapshot): either of the given facilities,
 * or — `{ point }` — of the facilities whose service area covers the point (their ids unordered).
 * Which areas cover the point is answered in memory (geo's cover index); the database uses that
 * answer only if the service areas have not changed since the index was loaded.
 */
export async function availability(of: { ids: string[] } | { point: LatLng }, skuIds: string[]): Promise<{ serving: string[]; avail: Availability }> {
  if ('ids' in of) {
    const avail = await askStock({ skus: skuIds, lng: null, lat: null, facilities: of.ids, gen: null });
    return { serving: avail.serving, avail };
  }
  assertValidLatLng(of.point);
  const cover = serviceAreaCover().current();
  const avail = await askStock({ skus: skuIds, lng: of.point.lng, lat: of.point.lat, facilities: cover ? cover.index.covering(of.point) : null, gen: cover?.gen ?? null });
  return { serving: avail.serving, avail };
}

/** One order as dispatch.place_order takes it (personal data already encrypted). */
export interface PlacementPayload {
  order: {
    id: string; token: string; channel: string; externalRef: string | null; language: string | null; status: string; mode: string;
    windowStart: string | null; windowEnd: string;
    nameEnc: string; phoneEnc: string; phoneIdx: string | null; addressEnc: string; lat: number; lng: number;
    rxRef: string | null; rxStatus: string; holdMinutes: number | null; recurringId: string | null; createdBy: string | null; actorRole: string | null;
  };
  items: Array<{ line: number; sku: string; qty: number }>;
  shipments: Array<{
    id: string; facilityId: string; status: string; coldClasses: string[]; units: Record<string, number>; eta: string;
    reservationStatus: string; picks: Array<{ lot: string; sku: string; qty: number }>;
  }>;
  event: { channel: string; decision: string; summary: { en: string; zh: string } };
  audit: { status: string; channel: string; shipments: string[]; lines: number };
}

/** A placement: the payload, and the order's decision as JSON text, stored as it is. */
export interface Placement { payload: PlacementPayload; decisionJson: string }

/** When the placement was stored, and until when its reservation holds (null: confirmed). */
export interface Placed { createdAt: string; expiresAt: string | null }

/** Another order took the units between our read and our write: the caller decides again. */
export class StockRace extends Error {}

/**
 * The error a placement failed with, as a StockRace when another order took the units first
 * (the function's check, P0001 `stock_race`, or the CHECK constraint behind it, 23514) or two
 * placements waited on each other's lots (deadlock, 40P01).
 */
export function stockRaceOr(e: unknown): unknown {
  const code = (e as { code?: string }).code;
  if ((code === 'P0001' && (e as Error).message === 'stock_race') || code === '23514' || code === '40P01') return new StockRace();
  return e;
}

/** The unique index of the channels' order numbers (dispatch migration 013). */
const EXTERNAL_REF_KEY = 'orders_channel_external_ref_key';

/** Whether a placement failed because its channel's order number is already an order's. */
export function isDuplicateExternalRef(e: unknown): boolean {
  const x = e as { code?: string; constraint?: string; message?: string };
  // From place_batch's per-order fallback the error comes as SQLSTATE and message only.
  return x.code === '23505' && (x.constraint === EXTERNAL_REF_KEY || (x.message ?? '').includes(EXTERNAL_REF_KEY));
}

const placeOrder = prepared('SELECT dispatch.place_order($1, $2::json) AS r');

/** Places one order in the caller's transaction (a new series: its row and first occurrence commit together). */
export async function placeInTx(c: pg.PoolClient, p: Placement): Promise<Placed> {
  return (await c.query(placeOrder([p.payload, p.decisionJson]))).rows[0].r as Placed;
}

const placeBatch = prepared('SELECT i, r, err_code, err_message FROM dispatch.place_batch($1::jsonb, $2::text[]) ORDER BY i');

/**
 * Places orders in batches: one round trip, one commit and a few set-based statements for the
 * whole batch (dispatch.place_batch). Should any order fail, the function places the batch again
 * one order at a time, each in a subtransaction of its own, so a failing order — its error comes
 * back with its SQLSTATE as `code` — is undone alone.
 *
 * One batch runs at a time per process: orders that arrive meanwhile leave together when it ends,
 * rather than in a batch of their own that would wait inside PostgreSQL on the running batch's
 * lot locks and commit separately.
 */
let placeBatcher: Batcher<Placement, Placed> | undefined;
export function placeTogether(p: Placement): Promise<Placed> {
  placeBatcher ??= new Batcher<Placement, Placed>(async (xs) => {
    // Binary: a string parameter of ~100 kB would be measured, then encoded, in two passes.
    const { rows } = await appDb().query(placeBatch([jsonb(xs.map((x) => x.payload)), textArray(xs.map((x) => x.decisionJson))]));
    return rows.map((row: { r: Placed | null; err_code: string | null; err_message: string | null }): Placed | Error =>
      row.err_code ? Object.assign(new Error(row.err_message ?? row.err_code), { code: row.err_code }) : row.r!);
  }, { maxInFlight: 1 });
  return placeBatcher.call(p);
}
