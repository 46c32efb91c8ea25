/**
 * Queues, workers and queue events own their Redis connections: closing one ends its connection,
 * so a queue closed while Redis is away does not go on reconnecting in the background.
 */
import net, { type AddressInfo } from 'node:net';
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { requireStack, uniq } from '../testing/harness';
import { createQueue, createQueueEvents, createWorker, redisConnection } from './queue';

beforeAll(() => requireStack());

describe('BullMQ connections', () => {
  it('close() ends the connections of a queue, a worker and queue events', async () => {
    const name = uniq('conn-');
    // BullMQ names its connections after the queue (base64 of the name); count them in Redis.
    const redis = redisConnection();
    const open = async () => ((await redis.client('LIST')) as string).split('\n').filter((l) => l.includes(Buffer.from(name).toString('base64'))).length;
    try {
      const queue = createQueue(name);
      const worker = createWorker(name, async () => undefined);
      const events = createQueueEvents(name);
      await Promise.all([queue.waitUntilReady(), worker.waitUntilReady(), events.waitUntilReady()]);
      expect(await open()).toBeGreaterThan(0);
      await Promise.all([queue.close(), worker.close(), events.close()]);
      expect(await open()).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('a queue closed while Redis is unreachable stops trying to connect', async () => {
    // A port that takes connections and drops them at once, counting the tries.
    let tries = 0;
    const server = net.createServer((sock) => { tries++; sock.destroy(); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = process.env.REDIS_URL;
    process.env.REDIS_URL = `redis://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const queue = createQueue(uniq('away-'));
      queue.on('error', () => undefined);
      await vi.waitUntil(() => tries > 0, { timeout: 5000 });
      await queue.close();
      const seen = tries;
      await new Promise((r) => setTimeout(r, 2500)); // BullMQ retries at least every 2 s
      expect(tries).toBe(seen);
    } finally {
      process.env.REDIS_URL = url;
      server.close();
    }
  });
});
