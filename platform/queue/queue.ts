/**
 * BullMQ on Redis. Every queue and worker gets the stack's prefix so dev, test and bench data
 * never mix in one Redis, and tests can use a fresh queue name each.
 */
import { Queue, Worker, QueueEvents, type ConnectionOptions, type Processor, type WorkerOptions, type QueueOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';

/** A new ioredis connection of the caller's own (pub/sub, caches), which the caller closes. */
export function redisConnection(): Redis {
  return new Redis(getKey(keys.redisUrl), {
    maxRetriesPerRequest: 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}

/**
 * Connection options, not an instance, for queues, workers and queue events: BullMQ then owns the
 * connection and ends it on close(). An instance passed in counts as shared and stays open after
 * close(), reconnecting (and reporting errors to no one) for as long as the process lives.
 */
function ownedConnection(): ConnectionOptions {
  return { url: getKey(keys.redisUrl), enableReadyCheck: true };
}

export function createQueue<T = unknown>(name: string, opts: Partial<QueueOptions> = {}): Queue<T> {
  return new Queue<T>(name, {
    connection: { ...ownedConnection(), maxRetriesPerRequest: 3 },
    prefix: getKey(keys.queuePrefix),
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
    ...opts,
  });
}

export function createWorker<T = unknown, R = unknown>(name: string, processor: Processor<T, R>, opts: Partial<WorkerOptions> = {}): Worker<T, R> {
  return new Worker<T, R>(name, processor, {
    connection: ownedConnection(),
    prefix: getKey(keys.queuePrefix),
    concurrency: 4,
    lockDuration: getKey(keys.queueLockMs),
    stalledInterval: getKey(keys.queueStalledIntervalMs),
    ...opts,
  });
}

export function createQueueEvents(name: string): QueueEvents {
  return new QueueEvents(name, { connection: ownedConnection(), prefix: getKey(keys.queuePrefix) });
}
