/**
 * The MQTT side of ingest: a persistent MQTT 5 session (Clean Start = 0, Session Expiry) with
 * shared subscriptions, so several processes split the load and a stopped process finds its
 * unacknowledged messages waiting when it comes back under the same client id.
 *
 * Messages are acknowledged (PUBACK) only after their batch is stored and evaluated: a crash
 * before that leaves them unacknowledged in the session and the broker sends them again.
 * MQTT.js sends the PUBACK when `handleMessage` calls back, and reads no further packet until
 * then, which would allow one message per round trip; so the PUBACK packet is held here and
 * released after the batch commits, while the client reads on. PUBACKs are released in the
 * order the PUBLISHes arrived (batches run one after another), as MQTT 5 §4.6 asks. A PUBACK
 * held across a reconnect is dropped: the broker redelivers that message on the new connection.
 */
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { SERVICE_USERNAME } from '../../platform/mqtt/client';
import { logger } from '../../platform/logger';
import { subscriptionFilter } from '../contract';
import { ingestMetrics as m } from './metrics';

export interface Received { topic: string; payload: Buffer; receivedAt: number; ack(): void }

export interface ConsumerOptions {
  url?: string;
  clientId: string;
  shareGroup: string;
  sessionExpiryS: number;
  receiveMaximum: number;
  batchMax: number;
  batchWaitMs: number;
  /**
   * First part of a batch's work (may overlap with the previous batch's `finish`); resolves
   * with what `finish` needs. Rejects = retried.
   */
  prepare(msgs: Received[]): Promise<unknown>;
  /** Ordered part: batch after batch. Resolve = done (messages are acknowledged), reject = retried. */
  finish(prepared: unknown): Promise<void>;
}

export interface Consumer { client: MqttClient; close(): Promise<void> }

export async function startConsumer(o: ConsumerOptions): Promise<Consumer> {
  const client = mqtt.connect(o.url ?? getKey(keys.mqttUrl), {
    protocolVersion: 5,
    clientId: o.clientId,
    username: SERVICE_USERNAME,
    password: getKey(keys.mqttServicePassword),
    clean: false, // MQTT 5 Clean Start = 0: resume the session and its queued messages
    properties: { sessionExpiryInterval: o.sessionExpiryS, receiveMaximum: o.receiveMaximum },
    // Reconnect quickly: after a broker restart, messages published before we subscribe again
    // have no subscriber (see the resubscribe note below).
    reconnectPeriod: 200,
    connectTimeout: 10_000,
    manualConnect: true, // handlers first: queued messages arrive right after CONNACK
  });

  let generation = 0;
  const held = new Map<number, { packet: unknown }>();
  const holding = new Set<number>();
  const c = client as unknown as { _sendPacket(packet: { cmd: string; messageId?: number }, cb?: () => void, ...rest: unknown[]): void };
  const send = c._sendPacket.bind(client);
  c._sendPacket = (packet, cb, ...rest) => {
    if (packet.cmd === 'puback' && packet.messageId !== undefined && holding.has(packet.messageId)) {
      holding.delete(packet.messageId);
      held.set(packet.messageId, { packet });
      cb?.(); // let the client read the next packet now
      return;
    }
    send(packet, cb, ...rest);
  };
  client.on('close', () => { generation++; held.clear(); holding.clear(); });

  let queue: Received[] = [];
  let wake: (() => void) | undefined;
  let closing = false;

  client.handleMessage = (packet: IPublishPacket, callback) => {
    const gen = generation;
    const id = packet.messageId;
    if (packet.qos > 0 && id !== undefined) holding.add(id);
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload as string);
    queue.push({
      topic: packet.topic, payload, receivedAt: Date.now(),
      ack: () => {
        if (id === undefined || gen !== generation) return;
        const h = held.get(id);
        if (h) { held.delete(id); send(h.packet as { cmd: string }); }
      },
    });
    m.queued.set(queue.length);
    if (queue.length >= o.batchMax) wake?.();
    callback();
  };
  client.on('error', (err) => logger.warn({ err: err.message }, 'ingest mqtt error'));

  await new Promise<void>((resolve, reject) => {
    const onErr = (e: Error) => { client.end(true); reject(e); };
    client.once('error', onErr);
    client.once('connect', () => { client.off('error', onErr); resolve(); });
    client.connect();
  });
  const filters = (['telemetry', 'birth', 'status'] as const).map((k) => subscriptionFilter(k, o.shareGroup));
  await client.subscribeAsync(filters, { qos: 1 });
  logger.info({ clientId: o.clientId, filters }, 'ingest subscribed');
  // Subscribe again on every reconnect, even when the broker says the session is present:
  // Mosquitto 2.0 may restore a session from its persistence file without its shared
  // subscriptions, and MQTT.js only resubscribes when the session is gone. Subscribing twice
  // is harmless (MQTT replaces the subscription; shared subscriptions get no retained messages).
  // (`resubscribe: true` makes MQTT.js send it although it believes it is subscribed already.)
  client.on('connect', () => {
    const map = Object.fromEntries(filters.map((f) => [f, { qos: 1 as const }]));
    client.subscribe({ ...map, resubscribe: true } as unknown as Record<string, { qos: 1 }>, (err, granted) => {
      if (err || !granted?.length) logger.error({ err: err?.message, granted }, 'ingest resubscribe failed');
    });
  });

  /** Runs `fn` until it succeeds; gives up (unacknowledged: redelivered later) only when closing. */
  const retrying = async <T>(what: string, size: number, fn: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        m.batchRetries.inc();
        logger.error({ err, attempt, size, what }, 'ingest batch failed; retrying');
        if (closing) throw err;
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  };

  // Two batches in flight at most: batch N+1 is prepared (decoded, stored) while batch N is
  // evaluated. Acknowledgements follow batch order, which is arrival order.
  let previous: Promise<void> = Promise.resolve();
  const loop = (async () => {
    while (!closing) {
      if (queue.length === 0 || (queue.length < o.batchMax && o.batchWaitMs > 0)) {
        await new Promise<void>((r) => { wake = r; setTimeout(r, queue.length ? o.batchWaitMs : 20); });
        wake = undefined;
      }
      if (queue.length === 0) continue;
      const batch = queue.splice(0, o.batchMax);
      m.queued.set(queue.length);
      const prepared = retrying('prepare', batch.length, () => o.prepare(batch));
      const before = previous;
      const done = (async () => {
        const p = await prepared;
        await before;
        await retrying('finish', batch.length, () => o.finish(p));
        for (const x of batch) x.ack();
      })();
      previous = done.catch(() => undefined);
      try {
        await Promise.all([prepared, before]);
      } catch {
        return; // closing
      }
    }
  })();

  return {
    client,
    async close() {
      closing = true;
      wake?.();
      await loop;
      await previous;
      // Not-yet-processed messages stay unacknowledged in the persistent session.
      queue = [];
      await client.endAsync();
    },
  };
}
