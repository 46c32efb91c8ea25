import client from 'prom-client';

/** One registry per process, scraped at /metrics (Prometheus text format). */
export const metrics = new client.Registry();
client.collectDefaultMetrics({ register: metrics });

export const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metrics],
});

/** Declares a counter in the process registry (contexts use this rather than prom-client). */
export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
  return new client.Counter({ name, help, labelNames, registers: [metrics] });
}

export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]) {
  return new client.Histogram({ name, help, labelNames, buckets, registers: [metrics] });
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
  return new client.Gauge({ name, help, labelNames, registers: [metrics] });
}
