/**
 * First-expiry-first-out (FEFO) lot allocation, as GSP expects for medicines:
 * the lot that expires first leaves first, and a lot too close to its expiry
 * date is not sold at all (a customer must be able to finish the pack).
 */
import { addDays, parseLocalDate } from './zoned-time';

/** One lot of one SKU at one facility. */
export interface StockLot {
  lotId: string;
  /** Last day of validity ("有效期至"), local date `YYYY-MM-DD`. */
  expiresOn: string;
  /** Units free to allocate (on hand minus reserved); integer ≥ 0. */
  available: number;
}

export interface FefoRequest {
  lots: readonly StockLot[];
  /** Units wanted; integer ≥ 1. */
  quantity: number;
  /** Local date of the sale at the facility (`localDateOf(now, zone)`), `YYYY-MM-DD`. */
  today: string;
  /**
   * Sell-by margin in days (default 0). A lot whose last valid day falls
   * within `today … today + marginDays` is not sellable; with 0 a lot that
   * expires today is not sold either, since it would expire in the customer's hands.
   */
  sellByMarginDays?: number;
}

export interface FefoPick {
  lotId: string;
  expiresOn: string;
  quantity: number;
}

export type FefoShortfallReason = 'insufficient_stock' | 'only_near_expiry';

export type FefoResult =
  | {
      ok: true;
      picks: FefoPick[];
      requested: number;
    }
  | {
      ok: false;
      /**
       * `only_near_expiry`: enough units are on hand but some are inside the
       * sell-by margin; `insufficient_stock`: not enough units even counting those.
       */
      reason: FefoShortfallReason;
      requested: number;
      /** Units in sellable lots (all of them would be picked, still short). */
      sellable: number;
      /** Units blocked by the sell-by margin but not yet expired. */
      nearExpiry: number;
      /** Units in lots already past their expiry date. */
      expired: number;
      shortBy: number;
    };

function compareLots(a: StockLot, b: StockLot): number {
  // Tie-break on lotId by code unit, not locale, so every process agrees.
  if (a.expiresOn !== b.expiresOn) return a.expiresOn < b.expiresOn ? -1 : 1;
  return a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0;
}

/**
 * Allocates `quantity` units across lots, earliest expiry first; ties broken by
 * `lotId` ascending. Either every unit is allocated or none (`ok: false` with a
 * reason): a partial pick is never returned, so the caller can try another facility.
 *
 * Throws RangeError on malformed input (non-integer quantities, bad dates,
 * duplicate lot ids) because that is a caller bug, not a stock situation.
 */
export function allocateFefo(request: FefoRequest): FefoResult {
  const { lots, quantity, today } = request;
  const margin = request.sellByMarginDays ?? 0;
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be an integer ≥ 1, got ${quantity}`);
  if (!Number.isInteger(margin) || margin < 0) throw new RangeError(`sellByMarginDays must be an integer ≥ 0, got ${margin}`);
  // The last day inside the sell-by margin (validates `today`). Valid YYYY-MM-DD dates compare
  // as strings in calendar order, so no lot's date is parsed again below.
  const lastNearExpiry = addDays(today, margin);
  const ids = new Set<string>();
  for (const lot of lots) {
    if (ids.has(lot.lotId)) throw new RangeError(`duplicate lot ${lot.lotId}`);
    ids.add(lot.lotId);
    parseLocalDate(lot.expiresOn);
    if (!Number.isInteger(lot.available) || lot.available < 0) {
      throw new RangeError(`lot ${lot.lotId}: available must be an integer ≥ 0, got ${lot.available}`);
    }
  }

  let sellable = 0;
  let nearExpiry = 0;
  let expired = 0;
  const usable: StockLot[] = [];
  for (const lot of lots) {
    if (lot.expiresOn < today) expired += lot.available;
    else if (lot.expiresOn <= lastNearExpiry) nearExpiry += lot.available;
    else if (lot.available > 0) {
      sellable += lot.available;
      usable.push(lot);
    }
  }

  if (sellable < quantity) {
    return {
      ok: false,
      reason: sellable + nearExpiry >= quantity ? 'only_near_expiry' : 'insufficient_stock',
      requested: quantity,
      sellable,
      nearExpiry,
      expired,
      shortBy: quantity - sellable,
    };
  }

  usable.sort(compareLots);
  const picks: FefoPick[] = [];
  let remaining = quantity;
  for (const lot of usable) {
    if (remaining === 0) break;
    const take = Math.min(remaining, lot.available);
    picks.push({ lotId: lot.lotId, expiresOn: lot.expiresOn, quantity: take });
    remaining -= take;
  }
  return { ok: true, picks, requested: quantity };
}
