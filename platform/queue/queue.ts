/**
 * BullMQ on Redis. Every queue and worker gets the stack's prefix so dev, test and bench data
 * never mix in one Redis, and tests can use a fresh queue name each.
 */
import { Queue, Worker, QueueEvents, type Processor, type WorkerOptions, type QueueOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';

/** A new ioredis connection. BullMQ workers need maxRetriesPerRequest: null (blocking commands). */
export function redisConnection(opts: { forWorker?: boolean } = {}): Redis {
  return new Redis(getKey(keys.redisUrl), {
    maxRetriesPerRequest: opts.forWorker ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}

export function createQueue<T = unknown>(name: string, opts: Partial<QueueOptions> = {}): Queue<T> {
  return new Queue<T>(name, {
    connection: redisConnection(),
    prefix: getKey(keys.queuePrefix),
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
    ...opts,
  });
}

export function createWorker<T = unknown, R = unknown>(name: string, processor: Processor<T, R>, opts: Partial<WorkerOptions> = {}): Worker<T, R> {
  return new Worker<T, R>(name, processor, {
    connection: redisConnection({ forWorker: true }),
    prefix: getKey(keys.queuePrefix),
    concurrency: 4,
    lockDuration: getKey(keys.queueLockMs),
    stalledInterval: getKey(keys.queueStalledIntervalMs),
    ...opts,
  });
}

export function createQueueEvents(name: string): QueueEvents {
  return new QueueEvents(name, { connection: redisConnection({ forWorker: true }), prefix: getKey(keys.queuePrefix) });
}
