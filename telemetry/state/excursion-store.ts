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
 * history}, list `…:h` with the history (one JSON reading per element, so a message appends
 * ~100 bytes instead of rewriting a state of tens of kilobytes); the set `<prefix>:exc:active`
 * lists the keys of shipments in custody, for the liveness tick. Hash and list change together
 * in one Lua script, so a reader sees them at the same version.
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
 * Compare-and-set of one state. KEYS: hash, history list, active set. ARGV: expected version,
 * head JSON (state without history), active flag, ttl ms, mode ('r' replace the list, 'a'
 * append), entries to drop from the list's head (mode 'a'), then the entries to push.
 */
const CAS = `
local v = redis.call('HGET', KEYS[1], 'v')
if (v or '0') ~= ARGV[1] then return -1 end
local nv = tonumber(ARGV[1]) + 1
redis.call('HSET', KEYS[1], 'v', nv, 's', ARGV[2])
if ARGV[5] == 'r' then
  redis.call('DEL', KEYS[2])
elseif tonumber(ARGV[6]) > 0 then
  redis.call('LTRIM', KEYS[2], tonumber(ARGV[6]), -1)
end
local n = #ARGV
local i = 7
while i <= n do
  local j = math.min(i + 499, n)
  redis.call('RPUSH', KEYS[2], unpack(ARGV, i, j))
  i = j + 1
end
if ARGV[3] == '1' then redis.call('SADD', KEYS[3], KEYS[1]) else redis.call('SREM', KEYS[3], KEYS[1]) end
if tonumber(ARGV[4]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[4]); redis.call('PEXPIRE', KEYS[2], ARGV[4])
else
  redis.call('PERSIST', KEYS[1]); redis.call('PERSIST', KEYS[2])
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

/** The state without its history (which lives in a Redis list, one entry per element). */
export function serializeHead(st: StoredState): string {
  return serializeState({ meta: st.meta, exc: { ...st.exc, history: [] } });
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
  private cache = new Map<string, { v: number; state: StoredState }>();
  private readonly activeKey: string;

  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly cacheMax = 50_000) {
    this.activeKey = `${prefix}:exc:active`;
    redis.defineCommand('excCas', { numberOfKeys: 3, lua: CAS });
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
      for (const k of miss) { p.hmget(k, 'v', 's'); p.lrange(`${k}:h`, 0, -1); }
      const res = (await p.exec()) ?? [];
      miss.forEach((k, i) => {
        const [err, vals] = res[2 * i] as [Error | null, [string | null, string | null]];
        const [err2, list] = res[2 * i + 1] as [Error | null, string[]];
        if (err || err2) throw err ?? err2;
        const v = Number(vals[0] ?? 0);
        let state: StoredState | null = null;
        if (vals[1]) {
          state = JSON.parse(vals[1]) as StoredState;
          // A state written whole (older layout) keeps its inline history.
          if (list.length || !state.exc.history?.length) state.exc.history = list.map((e) => JSON.parse(e));
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
      const prev = this.cache.get(w.key);
      const diff = historyDiff(prev && prev.v === w.expectV ? prev.state.exc.history : null, w.state.exc.history);
      (p as unknown as { excCas(...a: unknown[]): void }).excCas(
        w.key, `${w.key}:h`, this.activeKey, String(w.expectV), serializeHead(w.state), w.active ? '1' : '0', String(w.ttlMs ?? 0),
        diff.mode, String(diff.trim), ...diff.push.map(cachedJson));
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
        this.remember(w.key, nv, w.state);
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

  private remember(k: string, v: number, state: StoredState): void {
    if (this.cache.size >= this.cacheMax && !this.cache.has(k)) {
      // Drop the oldest entry (Map keeps insertion order): a bounded cache, not an LRU.
      const first = this.cache.keys().next().value;
      if (first !== undefined) this.cache.delete(first);
    }
    this.cache.set(k, { v, state });
  }
}
