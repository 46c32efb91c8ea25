/**
 * Excursion state per (box, shipment) in Redis, with optimistic locking.
 *
 * Why Redis and optimistic locking: Mosquitto hands the messages of a shared subscription to
 * the group members in turn, so consecutive messages of one box can reach different ingest
 * processes. Inside a process a box is handled in order (its readings are evaluated together,
 * batch after batch); across processes each write is a compare-and-set on a version, and a
 * process that lost the race reloads and re-evaluates. The engine evaluates in event-time
 * order and re-runs late readings from a checkpoint, so the result does not depend on which
 * process won: only the work is repeated.
 *
 * Layout: hash `<prefix>:exc:<boxId>:<shipmentId>` {v: version, s: JSON state without its
 * history, checkpoints and base, b: JSON base}, list `…:h` with the history (one JSON reading
 * per element) and list `…:c` with the checkpoints (one rule state per element). A message
 * appends ~100 bytes to `…:h` and rewrites a head of ~1 KB; a checkpoint (every 60 readings)
 * appends to `…:c`; the base is written only when the history is trimmed — instead of
 * rewriting a state of tens of kilobytes per message. The set `<prefix>:exc:active` lists the
 * keys of shipments in custody, for the liveness tick. Hash and lists change together in one
 * Lua script, so a reader sees them at the same version.
 */
import type { Redis } from 'ioredis';
import type { ExcursionState } from '../excursion';

/** What a shipment's evaluation needs besides the engine state (for the tick, which has no message). */
export interface ShipmentMeta {
  boxId: string;
  shipmentId: string;
  facilityId: string;
  riderId: string | null;
  temperatureClass: 'ambient' | 'chilled' | 'frozen';
  stabilityBudgetMin: number | null;
}

export interface StoredState { exc: ExcursionState; meta: ShipmentMeta }

/*
 * Compare-and-set of one state. KEYS: hash, history list, active set, checkpoint list.
 * ARGV: expected version, head JSON, active flag ('1', '0', or 's': still active as this process
 * last wrote it, so the set and the expiries need no change), ttl ms, base JSON ('' = unchanged), then for
 * the history and then the checkpoint list: mode ('r' replace, 'a' append), entries to drop
 * from the head (mode 'a'), count of entries to push; then the history entries, then the
 * checkpoint entries.
 */
const CAS = `
local v = redis.call('HGET', KEYS[1], 'v')
if (v or '0') ~= ARGV[1] then return -1 end
local nv = tonumber(ARGV[1]) + 1
redis.call('HSET', KEYS[1], 'v', nv, 's', ARGV[2])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'b', ARGV[5]) end
local function apply(key, mode, trim, first, last)
  if mode == 'r' then
    redis.call('DEL', key)
  elseif trim > 0 then
    redis.call('LTRIM', key, trim, -1)
  end
  local i = first
  while i <= last do
    local j = math.min(i + 499, last)
    redis.call('RPUSH', key, unpack(ARGV, i, j))
    i = j + 1
  end
end
local hn, cn = tonumber(ARGV[8]), tonumber(ARGV[11])
apply(KEYS[2], ARGV[6], tonumber(ARGV[7]), 12, 11 + hn)
apply(KEYS[4], ARGV[9], tonumber(ARGV[10]), 12 + hn, 11 + hn + cn)
if ARGV[3] ~= 's' then
  if ARGV[3] == '1' then redis.call('SADD', KEYS[3], KEYS[1]) else redis.call('SREM', KEYS[3], KEYS[1]) end
  for _, k in ipairs({KEYS[1], KEYS[2], KEYS[4]}) do
    if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', k, ARGV[4]) else redis.call('PERSIST', k) end
  end
end
return nv`;

export interface Versioned { v: number; state: StoredState | null }

/**
 * JSON of the immutable parts, by object identity. The engine never mutates a history entry or
 * a checkpoint (each evaluation returns a new state sharing the old entries), so a state is
 * serialised by joining cached strings plus the few new parts: a 30 KB state costs what its
 * newest reading costs, not a full JSON.stringify (which dominated ingest CPU).
 */
const jsonMemo = new WeakMap<object, string>();
function cachedJson(o: object): string {
  let s = jsonMemo.get(o);
  if (s === undefined) { s = JSON.stringify(o); jsonMemo.set(o, s); }
  return s;
}

/** Same text as JSON.stringify(state) up to key order. */
export function serializeState(st: StoredState): string {
  const { history, checkpoints, base, ...rest } = st.exc;
  const head = JSON.stringify(rest);
  return `{"meta":${JSON.stringify(st.meta)},"exc":{${head.slice(1, -1)},"history":[${history.map(cachedJson).join(',')}],"checkpoints":[${checkpoints.map(cachedJson).join(',')}],"base":${cachedJson(base)}}}`;
}

/** The state without its history, checkpoints and base (stored apart: see the layout above). */
export function serializeHead(st: StoredState): string {
  const { history: _h, checkpoints: _c, base: _b, ...rest } = st.exc;
  return `{"meta":${JSON.stringify(st.meta)},"exc":${JSON.stringify(rest)}}`;
}

/**
 * How the stored history list becomes `next`: drop `trim` entries from its head and append
 * `push`, when `next` is `prev` minus a head plus new entries (the usual case: readings in order,
 * history trimmed); else replace it (late data re-evaluated from a checkpoint reorders it).
 * Entries are compared by identity: the engine reuses the objects it keeps.
 */
export function historyDiff(prev: readonly object[] | null, next: readonly object[]): { mode: 'a' | 'r'; trim: number; push: readonly object[] } {
  if (!prev) return { mode: 'r', trim: 0, push: next };
  const d = next.length ? prev.indexOf(next[0]) : prev.length;
  if (d < 0) return { mode: 'r', trim: 0, push: next };
  const kept = prev.length - d;
  if (kept > next.length) return { mode: 'r', trim: 0, push: next };
  for (let i = 0; i < kept; i++) if (prev[d + i] !== next[i]) return { mode: 'r', trim: 0, push: next };
  return { mode: 'a', trim: d, push: next.slice(kept) };
}

export class ExcursionStore {
  /** Last version this process wrote or read, so an uncontended box is never re-read. */
  private cache = new Map<string, { v: number; state: StoredState; active?: boolean }>();
  private readonly activeKey: string;

  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly cacheMax = 50_000) {
    this.activeKey = `${prefix}:exc:active`;
    redis.defineCommand('excCas', { numberOfKeys: 4, lua: CAS });
  }

  key(boxId: string, shipmentId: string): string {
    return `${this.prefix}:exc:${boxId}:${shipmentId}`;
  }

  /** Loads many states; served from the local cache unless `fresh`. */
  async load(keys: string[], fresh = false): Promise<Map<string, Versioned>> {
    const out = new Map<string, Versioned>();
    const miss: string[] = [];
    for (const k of keys) {
      const c = fresh ? undefined : this.cache.get(k);
      if (c) out.set(k, { v: c.v, state: c.state });
      else miss.push(k);
    }
    if (miss.length) {
      const p = this.redis.pipeline();
      for (const k of miss) { p.hmget(k, 'v', 's', 'b'); p.lrange(`${k}:h`, 0, -1); p.lrange(`${k}:c`, 0, -1); }
      const res = (await p.exec()) ?? [];
      miss.forEach((k, i) => {
        const [err, vals] = res[3 * i] as [Error | null, [string | null, string | null, string | null]];
        const [err2, list] = res[3 * i + 1] as [Error | null, string[]];
        const [err3, ckpts] = res[3 * i + 2] as [Error | null, string[]];
        if (err || err2 || err3) throw err ?? err2 ?? err3;
        const v = Number(vals[0] ?? 0);
        let state: StoredState | null = null;
        if (vals[1]) {
          state = JSON.parse(vals[1]) as StoredState;
          // A state written by an older layout keeps what it holds inline (history,
          // checkpoints, base); the lists and `b` hold them in this one.
          if (list.length || !state.exc.history?.length) state.exc.history = list.map((e) => JSON.parse(e));
          if (ckpts.length || !state.exc.checkpoints?.length) state.exc.checkpoints = ckpts.map((e) => JSON.parse(e));
          if (vals[2]) state.exc.base = JSON.parse(vals[2]);
        }
        out.set(k, { v, state });
        if (state) this.remember(k, v, state);
      });
    }
    return out;
  }

  /**
   * Compare-and-set many states at once. Returns the keys whose version had moved (another
   * process wrote first): the caller reloads them with `fresh` and evaluates again.
   * @param active false once custody is over: the key leaves the tick set and expires in `ttlMs`
   */
  async save(writes: Array<{ key: string; expectV: number; state: StoredState; active: boolean; ttlMs?: number }>): Promise<string[]> {
    if (!writes.length) return [];
    const p = this.redis.pipeline();
    for (const w of writes) {
      const cached = this.cache.get(w.key);
      const prev = cached && cached.v === w.expectV ? cached.state.exc : null;
      const h = historyDiff(prev?.history ?? null, w.state.exc.history);
      const c = historyDiff(prev?.checkpoints ?? null, w.state.exc.checkpoints);
      const base = prev && prev.base === w.state.exc.base ? '' : cachedJson(w.state.exc.base);
      (p as unknown as { excCas(...a: unknown[]): void }).excCas(
        w.key, `${w.key}:h`, this.activeKey, `${w.key}:c`, String(w.expectV), serializeHead(w.state),
        prev && cached!.active && w.active && !w.ttlMs ? 's' : w.active ? '1' : '0', String(w.ttlMs ?? 0), base,
        h.mode, String(h.trim), String(h.push.length), c.mode, String(c.trim), String(c.push.length), ...h.push.map(cachedJson), ...c.push.map(cachedJson));
    }
    const res = (await p.exec()) ?? [];
    const conflicts: string[] = [];
    writes.forEach((w, i) => {
      const [err, nv] = res[i] as [Error | null, number];
      if (err) throw err;
      if (nv === -1) {
        this.cache.delete(w.key);
        conflicts.push(w.key);
      } else {
        this.remember(w.key, nv, w.state, w.active && !w.ttlMs);
      }
    });
    return conflicts;
  }

  /** Keys of shipments in custody (for the liveness tick). */
  async activeKeys(): Promise<string[]> {
    return this.redis.smembers(this.activeKey);
  }

  forget(key: string): void {
    this.cache.delete(key);
  }

  /** @param active known to be in the active set and without expiry (this process wrote it so) */
  private remember(k: string, v: number, state: StoredState, active = false): void {
    if (this.cache.size >= this.cacheMax && !this.cache.has(k)) {
      // Drop the oldest entry (Map keeps insertion order): a bounded cache, not an LRU.
      const first = this.cache.keys().next().value;
      if (first !== undefined) this.cache.delete(first);
    }
    this.cache.set(k, { v, state, active });
  }
}
