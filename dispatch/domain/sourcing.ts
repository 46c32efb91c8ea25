/**
 * The pure decision part of sourcing: given an order and candidate facilities
 * already enriched by I/O (geo query, stock allocation, box and rider
 * availability, routing), choose where the order is fulfilled and record why
 * every other candidate was not chosen. The caller stores the decision with
 * the order (DESIGN.md flow 1) and then reserves atomically.
 *
 * Policy:
 * - A line is never split across facilities (FEFO results are per whole line).
 * - Prefer fewest shipments (a split costs a second rider and box, and the
 *   customer opens the door twice), then promise met, then cost, then earlier
 *   ETA, then facility id so the result is deterministic.
 * - One or two shipments are searched exhaustively; three or more fall back to
 *   greedy set cover (largest remaining coverage first), which is within a
 *   ln(n) factor of optimal and orders rarely have more than a few cold lines.
 * - Pickup orders are never split: the customer goes to one store.
 */
import type { FefoPick, FefoResult } from './fefo';
import { isOpenAt, nextOpening, opensInTime, type OpeningHours } from './opening-hours';
import { DEFAULT_TIME_ZONE } from './zoned-time';
import { BoundedMemo } from './memo';

export type TemperatureClass = 'ambient' | 'chilled' | 'frozen';
export type ColdClass = Exclude<TemperatureClass, 'ambient'>;
export type FacilityTier = 'central' | 'forward' | 'store';
export type SourcingDeliveryMode = 'instant' | 'scheduled' | 'pickup';

export interface SourcingOrderLine {
  sku: string;
  quantity: number;
  temperatureClass: TemperatureClass;
}

export interface SourcingOrder {
  items: readonly SourcingOrderLine[];
  deliveryMode: SourcingDeliveryMode;
  /**
   * When the customer gets the goods: arrival window for delivery, collection
   * window for pickup. Instant: `{ latest: now + promiseMinutes }`.
   */
  promise: { earliest?: Date; latest: Date };
}

/** Cold boxes of one class at a facility. */
export interface BoxAvailability {
  /** Boxes free (conditioned, calibrated, charged) right now. */
  freeNow: number;
  /** When the next box frees up if none is free now; null/absent = not today. */
  nextFreeAt?: Date | null;
}

export interface RiderAvailability {
  availableNow: number;
  /** When the next rider is free if none is now; null/absent = none. */
  nextFreeAt?: Date | null;
}

export interface SourcingCandidate {
  facilityId: string;
  /** Shown in summaries instead of the id when given. */
  label?: string;
  tier: FacilityTier;
  /** From the geo query: the delivery address lies in this facility's service area. */
  inService: boolean;
  openingHours: OpeningHours;
  coldCapabilities: readonly TemperatureClass[];
  /** FEFO allocation per SKU of the order (for the line's full quantity); absent = not stocked. */
  stock: Readonly<Record<string, FefoResult | undefined>>;
  /** Boxes per cold class; ambient lines need none. Absent class = no box of that class. */
  boxes: Readonly<Partial<Record<ColdClass, BoxAvailability>>>;
  /** Road travel time to the customer from the routing engine; null = unroutable. Ignored for pickup. */
  travelSeconds: number | null;
  riders: RiderAvailability;
  /** Cost of one shipment from here (any unit; only compared). */
  cost: number;
  /** Pick-and-pack time before a shipment can leave, seconds. Default {@link SourcingOptions.defaultHandlingSeconds}. */
  handlingSeconds?: number;
  /** A dispatcher paused instant cold delivery here (severe weather, a power cut): instant cold lines are refused. */
  coldPaused?: boolean;
}

export interface SourcingOptions {
  now: Date;
  /** Pick-and-pack (and for cold lines, box packing) time, seconds. Default 600. */
  defaultHandlingSeconds?: number;
  /** Allow splitting into several shipments when no facility has everything. Default true (never for pickup). */
  allowSplit?: boolean;
  /** Upper bound on shipments in a split. Default 3. */
  maxShipments?: number;
  /** Accept plans that miss the promise when nothing meets it (ranked after on-time plans). Default false. */
  allowLate?: boolean;
  /** Zone for times in the summaries. Default Asia/Shanghai. */
  timeZone?: string;
  /** Write the English and Chinese summaries (default true); a caller that shows none leaves them empty. */
  summaries?: boolean;
}

export type RejectionCode =
  | 'out_of_service_area'
  | 'closed'
  | 'no_cold_capability'
  | 'cold_paused'
  | 'out_of_stock'
  | 'no_box'
  | 'cannot_meet_promise'
  | 'unroutable';

export interface Rejection {
  code: RejectionCode;
  /** For line-level codes: the SKU concerned. */
  sku?: string;
  temperatureClass?: TemperatureClass;
  /** Machine-readable refinement, e.g. FEFO reason `only_near_expiry`, `not_stocked`, `no_rider`, `late`. */
  detail?: string;
  /** For `cannot_meet_promise`: the best arrival this facility could give, when known. */
  eta?: Date;
}

export interface ShipmentLine extends SourcingOrderLine {
  picks: FefoPick[];
}

export interface PlannedShipment {
  facilityId: string;
  tier: FacilityTier;
  lines: ShipmentLine[];
  /** One box per cold class present in the shipment. */
  boxClasses: ColdClass[];
  /** Arrival at the customer (delivery) or earliest collection (pickup). */
  eta: Date;
  meetsPromise: boolean;
  cost: number;
}

export type CandidateOutcome =
  /** Part of the chosen plan. */
  | 'chosen'
  /** Could have served every line but another plan ranked higher. */
  | 'eligible'
  /** Could serve some lines only. */
  | 'partial'
  | 'rejected';

export interface CandidateReport {
  facilityId: string;
  tier: FacilityTier;
  outcome: CandidateOutcome;
  /** Every reason found, facility-level first, then per line in order. Empty for eligible/chosen. */
  reasons: Rejection[];
  servableSkus: string[];
  /** ETA for the lines it can serve; null when it cannot serve any. */
  eta: Date | null;
}

export interface SourcingDecision {
  status: 'single' | 'split' | 'unservable';
  shipments: PlannedShipment[];
  totalCost: number;
  /** Lines no candidate can serve (only when unservable). */
  unservableSkus: string[];
  candidates: CandidateReport[];
  summary: { en: string; zh: string };
}

const DAY_MS = 86_400_000;

interface Evaluation {
  c: SourcingCandidate;
  facilityReasons: Rejection[];
  lineReasons: Rejection[];
  /** Indexes of order lines this candidate can serve (ignoring timing). */
  servable: number[];
  /** Timing for all servable lines (null when not servable). */
  timing: Timing | null;
}

interface Timing {
  eta: Date | null;
  meets: boolean;
  detail?: string;
}

function boxReadyAt(c: SourcingCandidate, cls: ColdClass, now: number): number | null {
  const b = c.boxes[cls];
  if (!b) return null;
  if (b.freeNow > 0) return now;
  return b.nextFreeAt ? Math.max(now, b.nextFreeAt.getTime()) : null;
}

function coldClassesOf(order: SourcingOrder, lines: readonly number[]): ColdClass[] {
  const set = new Set<ColdClass>();
  for (const i of lines) {
    const t = order.items[i].temperatureClass;
    if (t !== 'ambient') set.add(t);
  }
  return (['chilled', 'frozen'] as const).filter((c) => set.has(c));
}

function handlingMs(c: SourcingCandidate, opts: SourcingOptions): number {
  return (c.handlingSeconds ?? opts.defaultHandlingSeconds ?? 600) * 1000;
}

function horizonDays(from: number, to: number): number {
  return Math.max(1, Math.ceil((to - from) / DAY_MS) + 1);
}

/** When the given lines could reach the customer from `c`. Assumes facility-level checks passed. */
function computeTiming(order: SourcingOrder, c: SourcingCandidate, lines: readonly number[], opts: SourcingOptions): Timing {
  const now = opts.now.getTime();
  const latest = order.promise.latest.getTime();
  const earliest = order.promise.earliest?.getTime();
  const hours = c.openingHours;
  const openAt = nextOpening(hours, opts.now, { horizonDays: horizonDays(now, latest) });
  if (!openAt) return { eta: null, meets: false, detail: 'closed' };
  let pickStart = openAt.getTime();
  for (const cls of order.deliveryMode === 'pickup' ? [] : coldClassesOf(order, lines)) {
    const b = boxReadyAt(c, cls, now);
    if (b === null) return { eta: null, meets: false, detail: 'no_box' };
    pickStart = Math.max(pickStart, b);
  }
  // Picking needs the facility open; if a box frees up after closing, wait for the next opening.
  if (!isOpenAt(hours, new Date(pickStart))) {
    const o = nextOpening(hours, new Date(pickStart), { horizonDays: horizonDays(pickStart, latest) });
    if (!o) return { eta: null, meets: false, detail: 'closed' };
    pickStart = o.getTime();
  }
  const ready = pickStart + handlingMs(c, opts);

  if (order.deliveryMode === 'pickup') {
    const from = Math.max(ready, earliest ?? ready);
    const o = nextOpening(hours, new Date(from), { horizonDays: horizonDays(from, latest) });
    if (!o) return { eta: null, meets: false, detail: 'closed_at_collection' };
    return { eta: o, meets: o.getTime() <= latest, detail: o.getTime() <= latest ? undefined : 'late' };
  }

  const riderReady = c.riders.availableNow > 0 ? now : (c.riders.nextFreeAt?.getTime() ?? null);
  if (riderReady === null) return { eta: null, meets: false, detail: 'no_rider' };
  let arrival = Math.max(ready, riderReady) + (c.travelSeconds ?? 0) * 1000;
  // For a window the rider leaves later rather than arrive early.
  if (earliest !== undefined && arrival < earliest) arrival = earliest;
  return { eta: new Date(arrival), meets: arrival <= latest, detail: arrival <= latest ? undefined : 'late' };
}

// A function, not a closure made in evaluate: under tsx (esbuild keepNames) every closure
// created costs a defineProperty call, and evaluate runs for ~45 candidates of every order.
function noEvaluation(c: SourcingCandidate, facilityReasons: Rejection[], lineReasons: Rejection[]): Evaluation {
  return { c, facilityReasons, lineReasons, servable: [], timing: null };
}

function evaluate(order: SourcingOrder, c: SourcingCandidate, opts: SourcingOptions): Evaluation {
  const now = opts.now.getTime();
  const latest = order.promise.latest.getTime();
  const pickup = order.deliveryMode === 'pickup';
  const facilityReasons: Rejection[] = [];
  const lineReasons: Rejection[] = [];

  if (!c.inService) {
    facilityReasons.push({ code: 'out_of_service_area' });
    return noEvaluation(c, facilityReasons, lineReasons);
  }
  if (latest < now) {
    facilityReasons.push({ code: 'cannot_meet_promise', detail: 'promise_in_past' });
    return noEvaluation(c, facilityReasons, lineReasons);
  }
  if (!opensInTime(c.openingHours, opts.now, order.promise.latest)) {
    facilityReasons.push({ code: 'closed' });
    return noEvaluation(c, facilityReasons, lineReasons);
  }
  // Latest instant a box may become free and still let the shipment arrive on time.
  const latestPickStart = latest - handlingMs(c, opts) - (pickup ? 0 : (c.travelSeconds ?? 0) * 1000);
  const servable: number[] = [];
  order.items.forEach((line, i) => {
    const { sku, temperatureClass } = line;
    const before = lineReasons.length;
    if (!c.coldCapabilities.includes(temperatureClass)) {
      lineReasons.push({ code: 'no_cold_capability', sku, temperatureClass });
    } else if (c.coldPaused && temperatureClass !== 'ambient' && order.deliveryMode === 'instant') {
      lineReasons.push({ code: 'cold_paused', sku, temperatureClass });
    }
    const stock = c.stock[sku];
    if (!stock || !stock.ok) {
      lineReasons.push({ code: 'out_of_stock', sku, temperatureClass, detail: stock ? stock.reason : 'not_stocked' });
    }
    // The customer brings their own bag to a pickup; a box is only needed for delivery.
    if (!pickup && temperatureClass !== 'ambient' && lineReasons.length === before) {
      const ready = boxReadyAt(c, temperatureClass, now);
      // Only blame the box when waiting for it is what makes the shipment late;
      // a box free now on a too-long route is a promise problem, reported below.
      if (ready === null || (ready > now && ready > latestPickStart)) {
        lineReasons.push({ code: 'no_box', sku, temperatureClass, detail: ready === null ? 'none' : 'free_too_late' });
      }
    }
    if (lineReasons.length === before) servable.push(i);
  });

  // A facility that has nothing to offer is reported for what it lacks; the road only matters
  // for one that could serve something (so callers may skip routing the others).
  if (servable.length === 0) return noEvaluation(c, facilityReasons, lineReasons);
  if (!pickup && c.travelSeconds === null) {
    facilityReasons.push({ code: 'unroutable' });
    return { c, facilityReasons, lineReasons, servable: [], timing: null };
  }
  const timing = computeTiming(order, c, servable, opts);
  if (!timing.meets) {
    facilityReasons.push({ code: 'cannot_meet_promise', detail: timing.detail, ...(timing.eta ? { eta: timing.eta } : {}) });
  }
  return { c, facilityReasons, lineReasons, servable, timing };
}

interface PlanPart {
  ev: Evaluation;
  lines: number[];
  timing: Timing;
}

interface Plan {
  parts: PlanPart[];
  onTime: boolean;
  cost: number;
  lastEta: number;
  /** Facility ids in part order: the final tie-break. */
  key: string;
}

function usable(ev: Evaluation, allowLate: boolean): boolean {
  return ev.servable.length > 0 && ev.timing !== null && ev.timing.eta !== null && (ev.timing.meets || allowLate);
}

function comparePlans(a: Plan, b: Plan): number {
  if (a.parts.length !== b.parts.length) return a.parts.length - b.parts.length;
  if (a.onTime !== b.onTime) return a.onTime ? -1 : 1;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.lastEta !== b.lastEta) return a.lastEta - b.lastEta;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

type TimingFn = (ev: Evaluation, lines: readonly number[]) => Timing;

/**
 * Timing depends on the lines only through their cold classes, so memoise per
 * facility × class set: the pair search would otherwise redo the same
 * opening-hours arithmetic thousands of times.
 */
function memoTiming(order: SourcingOrder, opts: SourcingOptions): TimingFn {
  const cache = new Map<string, Timing>();
  return (ev, lines) => {
    const key = `${ev.c.facilityId}|${coldClassesOf(order, lines).join(',')}`;
    let t = cache.get(key);
    if (!t) {
      t = computeTiming(order, ev.c, lines, opts);
      cache.set(key, t);
    }
    return t;
  };
}

function makePlan(assignment: [Evaluation, number[]][], opts: SourcingOptions, timingOf: TimingFn): Plan | null {
  const parts: PlanPart[] = [];
  for (const [ev, lines] of assignment) {
    if (lines.length === 0) continue;
    const timing = timingOf(ev, lines);
    if (timing.eta === null || (!timing.meets && !opts.allowLate)) return null;
    // Callers build `lines` by filtering 0..n-1, so they are already ascending.
    parts.push({ ev, lines, timing });
  }
  // Canonical order (largest shipment first, then id) so equal plans compare equal.
  parts.sort(
    (x, y) =>
      y.lines.length - x.lines.length ||
      (x.ev.c.facilityId < y.ev.c.facilityId ? -1 : x.ev.c.facilityId > y.ev.c.facilityId ? 1 : 0),
  );
  let onTime = true;
  let cost = 0;
  let lastEta = -Infinity;
  for (const p of parts) {
    onTime &&= p.timing.meets;
    cost += p.ev.c.cost;
    lastEta = Math.max(lastEta, p.timing.eta!.getTime());
  }
  return { parts, onTime, cost, lastEta, key: parts.map((p) => p.ev.c.facilityId).join(',') };
}

function best(plans: (Plan | null)[]): Plan | null {
  let b: Plan | null = null;
  for (const p of plans) if (p && (!b || comparePlans(p, b) < 0)) b = p;
  return b;
}

function choosePlan(order: SourcingOrder, evs: Evaluation[], opts: SourcingOptions): Plan | null {
  const n = order.items.length;
  const allowLate = opts.allowLate ?? false;
  const pool = evs.filter((e) => usable(e, allowLate));
  const all = order.items.map((_, i) => i);
  const timingOf = memoTiming(order, opts);

  const singles = pool.filter((e) => e.servable.length === n).map((e) => makePlan([[e, all]], opts, timingOf));
  const single = best(singles);
  if (single) return single;

  const allowSplit = (opts.allowSplit ?? true) && order.deliveryMode !== 'pickup';
  const maxShipments = opts.maxShipments ?? 3;
  if (!allowSplit || maxShipments < 2) return null;

  // Exhaustive pairs: overlapping lines go to the first facility of the pair; both orders are tried.
  const servableSets = new Map(pool.map((e) => [e, new Set(e.servable)]));
  let pair: Plan | null = null;
  for (const a of pool) {
    const sa = servableSets.get(a)!;
    const rest = all.filter((i) => !sa.has(i));
    for (const b of pool) {
      if (a === b) continue;
      const sb = servableSets.get(b)!;
      if (!rest.every((i) => sb.has(i))) continue;
      const plan = makePlan([[a, a.servable], [b, rest]], opts, timingOf);
      if (plan && (!pair || comparePlans(plan, pair) < 0)) pair = plan;
    }
  }
  if (pair) return pair;
  if (maxShipments < 3) return null;

  // Greedy set cover for three or more shipments.
  const uncovered = new Set(all);
  const remaining = [...pool];
  const assignment: [Evaluation, number[]][] = [];
  while (uncovered.size > 0 && assignment.length < maxShipments) {
    let pick: { ev: Evaluation; lines: number[]; plan: Plan } | null = null;
    for (const ev of remaining) {
      const lines = ev.servable.filter((i) => uncovered.has(i));
      if (lines.length === 0) continue;
      const plan = makePlan([[ev, lines]], opts, timingOf);
      if (!plan) continue;
      if (
        !pick ||
        lines.length > pick.lines.length ||
        (lines.length === pick.lines.length && comparePlans(plan, pick.plan) < 0)
      ) {
        pick = { ev, lines, plan };
      }
    }
    if (!pick) return null;
    assignment.push([pick.ev, pick.lines]);
    for (const i of pick.lines) uncovered.delete(i);
    remaining.splice(remaining.indexOf(pick.ev), 1);
  }
  return uncovered.size === 0 ? makePlan(assignment, opts, timingOf) : null;
}

/**
 * Decides where an order is fulfilled. Returns one shipment when a single
 * facility can serve every line; otherwise a split (fewest shipments, then
 * on time, then cost) if allowed; otherwise `unservable`. Every candidate is
 * reported with its outcome and reasons, plus English and Chinese summaries.
 *
 * Throws RangeError on an order without lines or with a SKU on two lines.
 */
export function decideSourcing(
  order: SourcingOrder,
  candidates: readonly SourcingCandidate[],
  options: SourcingOptions,
): SourcingDecision {
  if (order.items.length === 0) throw new RangeError('order has no lines');
  const skus = new Set(order.items.map((l) => l.sku));
  if (skus.size !== order.items.length) throw new RangeError('a SKU appears on more than one line');
  const ids = new Set(candidates.map((c) => c.facilityId));
  if (ids.size !== candidates.length) throw new RangeError('a facility appears twice among the candidates');

  const evs = candidates.map((c) => evaluate(order, c, options));
  const plan = choosePlan(order, evs, options);
  const allowLate = options.allowLate ?? false;
  const chosen = new Set(plan?.parts.map((p) => p.ev.c.facilityId) ?? []);

  const reports: CandidateReport[] = evs.map((ev) => {
    const full = usable(ev, allowLate) && ev.servable.length === order.items.length;
    const outcome: CandidateOutcome = chosen.has(ev.c.facilityId)
      ? 'chosen'
      : full
        ? 'eligible'
        : ev.servable.length > 0 && usable(ev, allowLate)
          ? 'partial'
          : 'rejected';
    return {
      facilityId: ev.c.facilityId,
      tier: ev.c.tier,
      outcome,
      reasons: [...ev.facilityReasons, ...ev.lineReasons],
      servableSkus: ev.servable.map((i) => order.items[i].sku),
      eta: ev.timing?.eta ?? null,
    };
  });

  const shipments: PlannedShipment[] = (plan?.parts ?? []).map((p) => ({
    facilityId: p.ev.c.facilityId,
    tier: p.ev.c.tier,
    lines: p.lines.map((i) => {
      const line = order.items[i];
      const stock = p.ev.c.stock[line.sku];
      return { ...line, picks: stock && stock.ok ? stock.picks : [] };
    }),
    boxClasses: order.deliveryMode === 'pickup' ? [] : coldClassesOf(order, p.lines),
    eta: p.timing.eta!,
    meetsPromise: p.timing.meets,
    cost: p.ev.c.cost,
  }));

  const unservableSkus = plan
    ? []
    : order.items.filter((_, i) => !evs.some((e) => usable(e, allowLate) && e.servable.includes(i))).map((l) => l.sku);

  const status = !plan ? 'unservable' : shipments.length === 1 ? 'single' : 'split';
  const decision: SourcingDecision = {
    status,
    shipments,
    totalCost: plan?.cost ?? 0,
    unservableSkus,
    candidates: reports,
    summary: { en: '', zh: '' },
  };
  if (options.summaries !== false) decision.summary = summarise(decision, evs, order, options.timeZone ?? DEFAULT_TIME_ZONE);
  return decision;
}

// ---------------------------------------------------------------------------
// Summaries

const CLASS_ZH: Record<TemperatureClass, string> = { ambient: '常温', chilled: '冷藏', frozen: '冷冻' };

/** Candidates counted under one reason; `first` is the reason that opened the count (its texts). */
interface Tally {
  key: string;
  count: number;
  order: number;
  first: Rejection;
}

const CODE_ORDER: RejectionCode[] = [
  'out_of_service_area',
  'closed',
  'unroutable',
  'no_cold_capability',
  'cold_paused',
  'out_of_stock',
  'no_box',
  'cannot_meet_promise',
];

// Plain functions over the reason, not closures made per reason: a summary counts ~45
// candidates per order, and under tsx every closure created costs a defineProperty call.
function tallyKey(r: Rejection): string {
  switch (r.code) {
    case 'no_cold_capability':
    case 'cold_paused':
    case 'no_box':
      return `${r.code}:${r.temperatureClass ?? 'ambient'}`;
    case 'out_of_stock':
      return `${r.code}:${r.sku}`;
    default:
      return r.code;
  }
}

function tallyText(t: Tally, lang: 'en' | 'zh'): string {
  const { first: r, count: n } = t;
  const cls = r.temperatureClass ?? 'ambient';
  const en = lang === 'en';
  switch (r.code) {
    case 'out_of_service_area': return en ? `${n} out of area` : `${n} 家不在配送范围`;
    case 'closed': return en ? `${n} closed` : `${n} 家未营业`;
    case 'unroutable': return en ? `${n} unroutable` : `${n} 家无法规划路线`;
    case 'no_cold_capability': return en ? `${n} without ${cls} storage` : `${n} 家无${CLASS_ZH[cls]}能力`;
    case 'cold_paused': return en ? `${n} paused instant ${cls} delivery` : `${n} 家暂停即时${CLASS_ZH[cls]}配送`;
    case 'out_of_stock': return en ? `${n} out of stock of SKU ${r.sku}` : `${n} 家缺货 SKU ${r.sku}`;
    case 'no_box': return en ? `${n} without a free ${cls} box` : `${n} 家无可用${CLASS_ZH[cls]}箱`;
    case 'cannot_meet_promise': return en ? `${n} cannot meet the promise` : `${n} 家无法按时送达`;
  }
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting.
const timeFormatters = new BoundedMemo<string, Intl.DateTimeFormat>(100);
const timeFormatter = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function formatTime(d: Date, timeZone: string): string {
  return timeFormatters.get(timeZone, timeFormatter).format(d);
}

function summarise(
  decision: SourcingDecision,
  evs: Evaluation[],
  order: SourcingOrder,
  timeZone: string,
): { en: string; zh: string } {
  const inRange = evs.filter((e) => e.c.inService).length;
  // Count each in-range candidate once, by its first reason (facility-level first).
  const tallies = new Map<string, Tally>();
  let others = 0;
  decision.candidates.forEach((rep, i) => {
    if (!evs[i].c.inService || rep.outcome === 'chosen') return;
    if (rep.outcome === 'eligible') {
      others++;
      return;
    }
    const first = rep.reasons[0];
    if (!first) return;
    const key = tallyKey(first);
    const existing = tallies.get(key);
    if (existing) existing.count++;
    else tallies.set(key, { key, order: CODE_ORDER.indexOf(first.code), count: 1, first });
  });
  const sorted = [...tallies.values()].sort((a, b) => b.count - a.count || a.order - b.order || (a.key < b.key ? -1 : 1));
  const en = [`${inRange} in range`, ...sorted.map((t) => tallyText(t, 'en'))];
  const zh = [`${inRange} 家在范围内`, ...sorted.map((t) => tallyText(t, 'zh'))];
  if (others > 0) {
    en.push(`${others} other${others > 1 ? 's' : ''} could also serve`);
    zh.push(`另有 ${others} 家可服务`);
  }
  const label = (id: string) => evs.find((e) => e.c.facilityId === id)?.c.label ?? id;
  const lines = (n: number) => `${n} line${n > 1 ? 's' : ''}`;

  if (decision.status === 'unservable') {
    const missing = decision.unservableSkus;
    const tailEn = missing.length ? `; no facility has SKU ${missing.join(', ')}` : '';
    const tailZh = missing.length ? `；无门店可供应 SKU ${missing.join('、')}` : '';
    return {
      en: `no facility can serve: ${en.join(', ')}${tailEn}`,
      zh: `无可服务门店：${zh.join('，')}${tailZh}`,
    };
  }
  if (decision.status === 'single') {
    const s = decision.shipments[0];
    const late = s.meetsPromise ? '' : ' (late)';
    const lateZh = s.meetsPromise ? '' : '（超时）';
    return {
      en: `${label(s.facilityId)} serves all ${lines(order.items.length)}, ETA ${formatTime(s.eta, timeZone)}${late}; ${en.join(', ')}`,
      zh: `由 ${label(s.facilityId)} 配送全部 ${order.items.length} 行商品，预计 ${formatTime(s.eta, timeZone)} 送达${lateZh}；${zh.join('，')}`,
    };
  }
  const partsEn = decision.shipments.map((s) => `${label(s.facilityId)} (${lines(s.lines.length)})`).join(', ');
  const partsZh = decision.shipments.map((s) => `${label(s.facilityId)}（${s.lines.length} 行）`).join('、');
  return {
    en: `split into ${decision.shipments.length} shipments: ${partsEn}; no single facility can serve every line: ${en.join(', ')}`,
    zh: `拆分为 ${decision.shipments.length} 个包裹：${partsZh}；无单一门店可满足全部商品：${zh.join('，')}`,
  };
}
