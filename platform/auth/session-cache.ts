/**
 * Session lookups cached in the process. Every authenticated request looked its session up in
 * PostgreSQL, a round trip per request (on the order path, one of four). An entry lives at most
 * SESSION_CACHE_MS and never past the session's expiry.
 *
 * Revocation stays immediate: a trigger announces every change to platform.sessions or
 * platform.users on channel `platform_auth` when it commits (migration platform 002), whoever
 * makes it (logout, an admin, another process, SQL by hand), and each process LISTENs on a
 * connection of its own and drops its whole cache. While that connection is not up (starting,
 * lost, database down), nothing is cached and every request is looked up. A lookup that was
 * under way when a notice came is not cached (generation check), so it cannot put back a state
 * older than the change.
 */
import net from 'node:net';
import pg from 'pg';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { logger } from '../logger';
import type { SessionUser } from '../http/route';

const CHANNEL = 'platform_auth';
const MAX_ENTRIES = 10_000;
const RETRY_MS = 1000;

let entries = new Map<string, { user: SessionUser; until: number }>();
let generation = 0;
let listener: pg.Client | undefined;
let listening = false;
let retryAt = 0;

function clear(): void {
  generation++;
  entries = new Map();
}

function listen(): void {
  if (listener || Date.now() < retryAt) return;
  const c = new pg.Client({
    connectionString: getKey(keys.databaseAppUrl),
    application_name: `${process.env.PROCESS_NAME ?? 'coldchain'}-auth-listen`,
    // The listening connection never keeps a process alive on its own.
    stream: () => new net.Socket().unref(),
  });
  listener = c;
  const lost = (e?: Error) => {
    if (listener !== c) return;
    if (listening) logger.warn({ err: e?.message }, 'session cache: lost the platform_auth listener; looking every session up until it is back');
    listener = undefined;
    listening = false;
    retryAt = Date.now() + RETRY_MS;
    clear();
    c.end().catch(() => undefined);
  };
  c.on('notification', clear);
  c.on('error', lost);
  c.on('end', () => lost());
  c.connect()
    .then(() => c.query(`LISTEN ${CHANNEL}`))
    .then(() => {
      if (listener !== c) return;
      clear(); // anything that changed before the LISTEN took effect
      listening = true;
    }, lost);
}

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
    listen();
    return listening ? generation : undefined;
  },
  /** Keeps a looked-up session, unless something changed since the ticket was taken. */
  put(ticket: number | undefined, key: string, user: SessionUser, expiresAt: Date): void {
    if (ticket === undefined || ticket !== generation || !listening) return;
    if (entries.size >= MAX_ENTRIES) entries = new Map();
    entries.set(key, { user: Object.freeze(user), until: Math.min(Date.now() + getKey(keys.sessionCacheMs), expiresAt.getTime()) });
  },
  /** Drops every entry at once: this process's own revocations, before the notice comes back. */
  clear,
  /** True while the listener is up (and lookups may be cached). */
  get listening(): boolean { return listening; },
  /** The listening connection's backend pid (diagnostics and tests), while it is up. */
  get listenerPid(): number | undefined { return listening ? (listener as unknown as { processID?: number }).processID : undefined; },
};

/** Closes the listening connection (process shutdown); a later lookup opens it again. */
export async function closeSessionCache(): Promise<void> {
  const c = listener;
  listener = undefined;
  listening = false;
  retryAt = 0;
  clear();
  await c?.end().catch(() => undefined);
}
