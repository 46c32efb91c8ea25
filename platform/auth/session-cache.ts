/**
 * Session lookups cached in the process. Every authenticated request looked its session up in
 * PostgreSQL, a round trip per request (on the order path, one of four). An entry lives at most
 * SESSION_CACHE_MS and never past the session's expiry.
 *
 * Revocation stays immediate: every change to platform.sessions or platform.users is announced
 * when it commits (change notices, platform/db/change-notices.ts) and drops the whole cache;
 * while notices are not received, nothing is cached and every request is looked up. A lookup
 * that was under way when the cache was cleared is not kept, so it cannot put back a
 * state older than the change.
 */
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { changeListenerPid, closeChangeNotices, watchChanges } from '../db/change-notices';
import type { SessionUser } from '../http/route';

const MAX_ENTRIES = 10_000;

let entries = new Map<string, { user: SessionUser; until: number }>();
/** Counts clears (notices and this process's own revocations): a lookup begun before one is not kept. */
let clears = 0;

function clear(): void {
  clears++;
  entries = new Map();
}

/** Channel `platform_auth`: a trigger on platform.sessions and platform.users (platform migration 002). */
const changes = watchChanges('platform_auth', clear);

export const sessionCache = {
  /** The cached user of a session (by its token hash), if fresh. */
  get(key: string): SessionUser | undefined {
    const e = entries.get(key);
    if (!e) return undefined;
    if (e.until > Date.now()) return e.user;
    entries.delete(key);
    return undefined;
  },
  /** Taken before a lookup: undefined when nothing may be cached now (off, or not listening). */
  ticket(): number | undefined {
    if (getKey(keys.sessionCacheMs) === 0) return undefined;
    return changes.live ? clears : undefined;
  },
  /** Keeps a looked-up session, unless something changed since the ticket was taken. */
  put(ticket: number | undefined, key: string, user: SessionUser, expiresAt: Date): void {
    if (ticket === undefined || ticket !== clears || !changes.live) return;
    if (entries.size >= MAX_ENTRIES) entries = new Map();
    entries.set(key, { user: Object.freeze(user), until: Math.min(Date.now() + getKey(keys.sessionCacheMs), expiresAt.getTime()) });
  },
  /** Drops every entry at once: this process's own revocations, before the notice comes back. */
  clear,
  /** True while the listener is up (and lookups may be cached). */
  get listening(): boolean { return changes.live; },
  /** The listening connection's backend pid (diagnostics and tests), while it is up. */
  get listenerPid(): number | undefined { return changes.live ? changeListenerPid() : undefined; },
};

/** Closes the listening connection (process shutdown); a later lookup opens it again. */
export async function closeSessionCache(): Promise<void> {
  clear();
  await closeChangeNotices();
}
