/**
 * The `api` process: koa HTTP API (+ real-time feed). Stateless: run several behind a load
 * balancer. Shutdown stops accepting, lets in-flight requests finish (up to
 * HTTP_SHUTDOWN_GRACE_MS), then closes pools and connections (database, Redis and the plan
 * queue, broker, feed).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiApp } from '../platform/http/app';
import { appDb, closeAppDb, warmAppDb } from '../platform/db/pool';
import { redisConnection } from '../platform/queue/queue';
import { connectService } from '../platform/mqtt/client';
import { closeDynsec } from '../platform/mqtt/routes';
import { closeSessionCache } from '../platform/auth/session-cache';
import { getKey } from '../platform/config/registry';
import { keys } from '../platform/config/keys';
import { logger } from '../platform/logger';
import { metrics } from '../platform/metrics';
import { routeModules } from './modules';
import type { MqttClient } from 'mqtt';
import type { RouteModule } from '../platform/http/route';
import { closeTelemetryHttp, closeFeed } from '../telemetry';
import { closeFeedPublisher } from '../platform/feed';
import { closeSharedRoutingEngine, sharedRoutingEngine } from '../geo';
import { closePlanQueue } from '../dispatch';
import { closePositions, closeNotifyQueue } from '../tracking';
import { closeRateLimiter } from '../platform/http/rate-limit';
import { trackingPage } from './tracking';
import { staticUi } from '../platform/http/static-ui';
import { geoKeys } from '../geo';

export interface RunningApi {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

/** Run on each pooled connection at start: a backend's first geodesic (PostGIS) call is its slowest. */
const WARM_SQL = `SELECT ST_Distance('SRID=4326;POINT(113.3 23.1)'::geography, 'SRID=4326;POINT(113.4 23.2)'::geography)`;

/** The web console at /console/ (its pages may show an external provider's map tiles) and the rider app at /rider/. */
export function consoleMount() {
  const tiles = getKey(geoKeys.mapTileUrl);
  // A template such as https://webrd0{s}.is.autonavi.com/… varies its first label: allow *.is.autonavi.com.
  const origin = tiles ? /^(https?:\/\/[^/?#]+)/i.exec(tiles)?.[1] : undefined;
  const imageOrigins = origin ? [origin.replace(/\/\/[^./]*\{[^}]*\}[^./]*\./, '//*.')] : [];
  return staticUi({
    apps: [
      { prefix: '/console', page: 'web-console/index.html', title: 'The web console' },
      // The rider app: its service worker and manifest under /rider/ so the worker's scope is the app.
      {
        prefix: '/rider', page: 'rider-app/index.html', title: 'The rider app', files: { 'sw.js': 'rider-sw.js', 'manifest.webmanifest': 'rider-manifest.webmanifest' },
        // The pickup scan uses the camera, the shift the position; nothing else.
        permissions: 'camera=(self), microphone=(), geolocation=(self), payment=(), usb=()',
      },
    ],
    imageOrigins,
  });
}

export async function startApi(opts: { port?: number; host?: string; modules?: RouteModule[]; warmUp?: boolean } = {}): Promise<RunningApi> {
  const redis = redisConnection();
  // The `api` process warms up at start and is not ready until then:
  // - routing: it loads the road graph and builds its contraction hierarchy (in slices between
  //   requests), so the first orders are not routed by plain Dijkstra while the build runs;
  // - the database pool: it opens all its connections, so the first burst of requests does not
  //   wait for logins and cold backends (see DB_POOL_IDLE_MS).
  // A warm-up that fails (the database away at that moment) leaves both to happen on demand.
  const warming = new Set<string>();
  const warm = (what: string, run: () => Promise<unknown>) => {
    warming.add(what);
    const t0 = Date.now();
    Promise.resolve().then(run)
      .then(() => logger.info({ ms: Date.now() - t0 }, `${what} warmed up`),
        (e: Error) => logger.error({ err: e }, `${what} warm-up failed; it happens on demand`))
      .finally(() => warming.delete(what));
  };
  if (opts.warmUp) {
    warm('routing engine', async () => sharedRoutingEngine().warm?.());
    warm('database pool', () => warmAppDb(WARM_SQL));
  }
  let mqtt: MqttClient | undefined;
  // The broker connection for readiness; reconnects by itself.
  connectService({ clientId: `api-${process.pid}-${Date.now().toString(36)}` }).then((c) => { mqtt = c; }).catch((e) => logger.warn({ err: e }, 'mqtt not reachable yet'));

  const app = createApiApp({
    modules: opts.modules ?? routeModules,
    readiness: {
      postgres: async () => { await appDb().query('SELECT 1'); },
      redis: async () => { if ((await redis.ping()) !== 'PONG') throw new Error('no PONG'); },
      mqtt: async () => { if (!mqtt?.connected) throw new Error('not connected'); },
      ...(opts.warmUp ? {
        routing: async () => { if (warming.has('routing engine')) throw new Error('warming up (loading the road graph and its contraction hierarchy)'); },
        db_pool: async () => { if (warming.has('database pool')) throw new Error('warming up (opening the pool\'s connections)'); },
      } : {}),
    },
    extra: [(a) => a.use(async (ctx, next) => {
      if (ctx.path !== '/metrics') return next();
      ctx.type = metrics.contentType;
      ctx.body = await metrics.metrics();
    }), consoleMount(), trackingPage],
  });

  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? getKey(keys.httpPort), opts.host ?? getKey(keys.httpHost), resolve));
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.address}:${addr.port}`;
  logger.info({ url }, 'api listening');

  let closing: Promise<void> | undefined;
  const close = () => closing ??= (async () => {
    const grace = getKey(keys.httpShutdownGraceMs);
    const done = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive sockets become idle once their in-flight request is answered: close them
    // as they do, so shutdown takes as long as the slowest request, not the keep-alive timeout.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const timer = setTimeout(() => server.closeAllConnections(), grace);
    await done;
    clearInterval(sweep);
    clearTimeout(timer);
    await Promise.allSettled([closeAppDb(), redis.quit(), mqtt?.endAsync(), closeDynsec(), closeTelemetryHttp(), closeFeed(), closeFeedPublisher(), closePlanQueue(), closeSharedRoutingEngine(), closeSessionCache(), closePositions(), closeRateLimiter(), closeNotifyQueue()]);
  })();
  return { server, url, close };
}
