/** Platform settings. Other contexts declare theirs in their own `config.ts`. */
import { defineKey } from './registry';

const c = 'platform';

export const keys = {
  stackProfile: defineKey({ context: c, env: 'STACK_PROFILE', type: 'enum', values: ['dev', 'test', 'bench', 'prod'], default: 'dev', doc: 'Which stack this process belongs to; tests refuse to run against dev data' }),
  databaseUrl: defineKey<string>({ context: c, env: 'DATABASE_URL', type: 'url', secret: true, doc: 'PostgreSQL URL of the schema owner role (migrations only)' }),
  databaseAppUrl: defineKey<string>({ context: c, env: 'DATABASE_APP_URL', type: 'url', secret: true, doc: 'PostgreSQL URL of the least-privilege application role used by every process' }),
  dbPoolMax: defineKey({ context: c, env: 'DB_POOL_MAX', type: 'int', default: 20, min: 1, max: 500, unit: 'connections', doc: 'Connections per process pool' }),
  dbPoolIdleMs: defineKey({ context: c, env: 'DB_POOL_IDLE_MS', type: 'int', default: 0, min: 0, unit: 'ms', doc: 'Close a pooled connection idle this long; 0 keeps it open. A new connection costs a login and a cold backend, and re-opening many at once in a burst stalled orders for 0.5–1 s' }),
  sessionCacheMs: defineKey({ context: c, env: 'SESSION_CACHE_MS', type: 'int', default: 5000, min: 0, max: 60_000, unit: 'ms', doc: 'Keep a session lookup in the process this long (never past the session\'s expiry); a logout or any change to users or sessions clears it at once through PostgreSQL NOTIFY. 0 looks every request up' }),
  redisUrl: defineKey<string>({ context: c, env: 'REDIS_URL', type: 'url', default: 'redis://127.0.0.1:6379', doc: 'Redis for BullMQ queues, pub/sub fan-out and caches' }),
  queuePrefix: defineKey({ context: c, env: 'QUEUE_PREFIX', type: 'string', default: 'cc', doc: 'BullMQ key prefix; separates stacks sharing one Redis' }),
  queueLockMs: defineKey({ context: c, env: 'QUEUE_LOCK_DURATION_MS', type: 'int', default: 30_000, min: 500, unit: 'ms', doc: 'BullMQ job lock: a worker that dies mid-job loses its job to another worker after this' }),
  queueStalledIntervalMs: defineKey({ context: c, env: 'QUEUE_STALLED_INTERVAL_MS', type: 'int', default: 30_000, min: 500, unit: 'ms', doc: 'How often workers look for jobs whose worker died (BullMQ stalled check)' }),
  mqttUrl: defineKey<string>({ context: c, env: 'MQTT_URL', type: 'url', default: 'mqtt://127.0.0.1:1883', doc: 'MQTT broker (Mosquitto with the dynamic-security plugin)' }),
  mqttAdminUsername: defineKey({ context: c, env: 'MQTT_ADMIN_USERNAME', type: 'string', default: 'admin', doc: 'Broker dynamic-security admin, used to manage per-box credentials' }),
  mqttAdminPassword: defineKey<string>({ context: c, env: 'MQTT_ADMIN_PASSWORD', type: 'string', secret: true, doc: 'Password of the broker admin' }),
  mqttServicePassword: defineKey<string>({ context: c, env: 'MQTT_SERVICE_PASSWORD', type: 'string', secret: true, doc: 'Password of the broker account the ingest and API processes use' }),
  httpHost: defineKey({ context: c, env: 'HTTP_HOST', type: 'string', default: '127.0.0.1', doc: 'Address the API listens on' }),
  apiWorkers: defineKey({ context: c, env: 'API_WORKERS', type: 'int', default: 1, min: 0, max: 256, unit: 'processes', doc: 'API processes sharing the HTTP port (`serve api`, Node cluster); 0 = one per CPU core. Default 1 because PostgreSQL shares the machine: on 2 cores a second process gave 2–17 % more orders/s but a wider p99 (bench:dispatch); more pay off where the database has cores of its own' }),
  httpPort: defineKey({ context: c, env: 'HTTP_PORT', type: 'int', default: 8080, min: 0, max: 65535, unit: 'port', doc: 'Port the API listens on (0 = any free port)' }),
  httpBodyLimit: defineKey({ context: c, env: 'HTTP_BODY_LIMIT_BYTES', type: 'int', default: 1_048_576, min: 1024, unit: 'bytes', doc: 'Largest accepted request body' }),
  httpShutdownGraceMs: defineKey({ context: c, env: 'HTTP_SHUTDOWN_GRACE_MS', type: 'int', default: 10_000, min: 0, unit: 'ms', doc: 'How long shutdown waits for in-flight requests' }),
  publicBaseUrl: defineKey({ context: c, env: 'PUBLIC_BASE_URL', type: 'string', default: '', doc: 'Base URL printed in links (tracking QR codes); empty = derived from the request' }),
  logLevel: defineKey({ context: c, env: 'LOG_LEVEL', type: 'enum', values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], default: 'info', doc: 'pino log level' }),
  sessionTtlS: defineKey({ context: c, env: 'SESSION_TTL_S', type: 'int', default: 8 * 3600, min: 60, unit: 's', doc: 'Lifetime of a login session' }),
  cookieSecure: defineKey({ context: c, env: 'COOKIE_SECURE', type: 'bool', default: false, doc: 'Mark the session cookie Secure (set true behind HTTPS)' }),
  lockoutAttempts: defineKey({ context: c, env: 'LOGIN_LOCKOUT_ATTEMPTS', type: 'int', default: 5, min: 1, unit: 'attempts', doc: 'Failed logins within the window that lock an account' }),
  lockoutWindowS: defineKey({ context: c, env: 'LOGIN_LOCKOUT_WINDOW_S', type: 'int', default: 900, min: 1, unit: 's', doc: 'Window for counting failed logins (and the lock duration)' }),
  loginRatePerAccount: defineKey({ context: c, env: 'LOGIN_RATE_PER_ACCOUNT', type: 'int', default: 10, min: 1, unit: 'failures', doc: 'Failed logins per username within LOGIN_RATE_WINDOW_S, whatever the address, before further tries get 429 (counted in Redis, before any password check)' }),
  loginRatePerAddress: defineKey({ context: c, env: 'LOGIN_RATE_PER_ADDRESS', type: 'int', default: 30, min: 1, unit: 'failures', doc: 'Failed logins from one client address within LOGIN_RATE_WINDOW_S, whatever the username, before further tries get 429' }),
  loginRateWindowS: defineKey({ context: c, env: 'LOGIN_RATE_WINDOW_S', type: 'int', default: 900, min: 1, unit: 's', doc: 'Fixed window of the login rate limits' }),
  piiKeys: defineKey<string[]>({ context: c, env: 'PII_KEYS', type: 'list', secret: true, doc: 'Personal-data encryption keys as kid:base64url(32 bytes), newest first; older ones only decrypt' }),
  piiIndexKey: defineKey<string>({ context: c, env: 'PII_INDEX_KEY', type: 'string', secret: true, doc: 'HMAC key (base64url) for blind indexes over encrypted personal data' }),
  signingKey: defineKey<string>({ context: c, env: 'SIGNING_KEY', type: 'string', secret: true, doc: 'Server key (base64url) that signs temperature-log roots and webhook bodies' }),
  defaultTimeZone: defineKey({ context: c, env: 'DEFAULT_TIME_ZONE', type: 'string', default: 'Asia/Shanghai', doc: 'IANA time zone for display and opening hours when a facility has none' }),
};
