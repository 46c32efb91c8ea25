/**
 * Change notices: the one way every in-process cache of database state stays fresh (sessions,
 * the service-area cover index, the routing network).
 *
 * Whatever changes the state announces it with NOTIFY on the cache's channel inside the changing
 * transaction (a trigger, or the statement that writes), so the notice is sent when, and only
 * if, the change commits, whoever made it: the API, another process, SQL by hand. Each process
 * keeps one connection that LISTENs on every channel its caches asked for and tells them.
 * While that connection is not up (starting, lost, database down) a watch is not `live` and its
 * cache trusts nothing it holds; when it comes back, every cache is told to drop what it holds,
 * since changes may have gone unannounced meanwhile.
 *
 * Why notices rather than a version read at each use: such a read is the round trip the caches
 * exist to save. A notice comes just after the commit, not with it; a cache that must not be
 * stale even for that moment also checks a version inside the statement that relies on it.
 */
import net from 'node:net';
import pg from 'pg';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';
import { logger } from '../logger';

const RETRY_MS = 1000;

export interface ChangeWatch {
  /** True while this channel's notices are received: what the cache holds may be trusted. */
  readonly live: boolean;
  /**
   * Counts the notices (and listener restarts) of the channel: a read that began at an older
   * epoch may predate a change and must not be kept.
   */
  readonly epoch: number;
  /** Resolves once the channel's notices are received (at once if they are). */
  whenLive(): Promise<void>;
  /** No more calls to this watch's handler (a cache being dropped). */
  stop(): void;
}

interface Channel { epoch: number; listened: boolean; handlers: Array<(payload: string) => void>; waiting: Array<() => void> }

const channels = new Map<string, Channel>();
let listener: pg.Client | undefined;
/** LISTENs go one after another: pg queues a query sent while another runs, but warns. */
let listens: Promise<unknown> = Promise.resolve();
let connected = false;
let retryAt = 0;

function changed(ch: Channel, payload: string): void {
  ch.epoch++;
  for (const h of ch.handlers) h(payload);
}

function listenOn(c: pg.Client, name: string, ch: Channel): void {
  listens = listens.then(() => c.query(`LISTEN ${pg.escapeIdentifier(name)}`)).then(() => {
    if (listener !== c) return;
    ch.listened = true;
    changed(ch, ''); // whatever changed before the LISTEN took effect
    for (const w of ch.waiting.splice(0)) w();
  }, (e: Error) => lost(c, e));
}

function lost(c: pg.Client, e?: Error): void {
  if (listener !== c) return;
  if (connected) logger.warn({ err: e?.message }, 'change notices: lost the listening connection; caches read through until it is back');
  listener = undefined;
  connected = false;
  retryAt = Date.now() + RETRY_MS;
  for (const ch of channels.values()) {
    ch.listened = false;
    changed(ch, '');
  }
  c.end().catch(() => undefined);
}

function connect(): void {
  if (listener || Date.now() < retryAt || !channels.size) return;
  const c = new pg.Client({
    connectionString: getKey(keys.databaseAppUrl),
    application_name: `${process.env.PROCESS_NAME ?? 'coldchain'}-listen`,
    // The listening connection never keeps a process alive on its own.
    stream: () => new net.Socket().unref(),
  });
  listener = c;
  c.on('notification', (m) => {
    const ch = channels.get(m.channel);
    if (ch) changed(ch, m.payload ?? '');
  });
  c.on('error', (e) => lost(c, e));
  c.on('end', () => lost(c));
  c.connect().then(() => {
    if (listener !== c) return;
    connected = true;
    for (const [name, ch] of channels) listenOn(c, name, ch);
  }, (e: Error) => lost(c, e));
}

/**
 * Watches `channel`: its epoch moves with each notice, and `onChange` (if given) is called with
 * the notice's payload (and with '' when notices may have been missed: the listener was lost or
 * has just started listening). A cache that compares epochs needs no handler.
 */
export function watchChanges(channel: string, onChange?: (payload: string) => void): ChangeWatch {
  let ch = channels.get(channel);
  if (!ch) {
    ch = { epoch: 0, listened: false, handlers: [], waiting: [] };
    channels.set(channel, ch);
    if (listener && connected) listenOn(listener, channel, ch);
  }
  if (onChange) ch.handlers.push(onChange);
  const watched = ch;
  return {
    get live() {
      connect();
      return watched.listened;
    },
    get epoch() { return watched.epoch; },
    whenLive() {
      connect();
      return watched.listened ? Promise.resolve() : new Promise<void>((r) => watched.waiting.push(r));
    },
    stop() {
      if (onChange) watched.handlers = watched.handlers.filter((h) => h !== onChange);
    },
  };
}

/** The listening connection's backend pid (diagnostics and tests), while it is up. */
export function changeListenerPid(): number | undefined {
  return connected ? (listener as unknown as { processID?: number }).processID : undefined;
}

/** Closes the listening connection (process shutdown); a later `live` opens it again. */
export async function closeChangeNotices(): Promise<void> {
  const c = listener;
  listener = undefined;
  connected = false;
  retryAt = 0;
  for (const ch of channels.values()) {
    ch.listened = false;
    changed(ch, '');
  }
  await c?.end().catch(() => undefined);
}
