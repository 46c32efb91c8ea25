/**
 * Load generator for bench:telemetry, a separate process: N boxes, each with its OWN broker
 * credentials and connection, publish one live reading per message (QoS 1, retain=false) at a
 * total rate, round-robin. Each box sends exactly one out-of-range reading (9.5 °C) at a
 * random moment, then goes back to range; run.ts times its alarm on the real-time feed.
 *
 * Input (env): BENCH_CREDS (JSON file {boxId: password}), BENCH_RATE (msg/s), BENCH_SECONDS,
 * BENCH_VIOLATE (0/1), MQTT_URL. Output: one JSON line on stdout at the end:
 * {sent, acked, violations, startedAt, endedAt}. It waits until every message is acknowledged
 * by the broker (MQTT.js resends unacknowledged ones after a reconnect, e.g. a broker restart).
 */
import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';

const creds = JSON.parse(readFileSync(process.env.BENCH_CREDS!, 'utf8')) as Record<string, string>;
const ids = Object.keys(creds);
const rate = Number(process.env.BENCH_RATE ?? 20_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const violate = process.env.BENCH_VIOLATE !== '0';
const url = process.env.MQTT_URL!;

function connect(boxId: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, {
      protocolVersion: 5, clientId: boxId, username: boxId, password: creds[boxId], clean: true,
      reconnectPeriod: 1000, // devices back off ≥1 s before reconnecting connectTimeout: 30_000, keepalive: 60, queueQoSZero: false,
      will: { topic: `dt/coldchain/box/${boxId}/status`, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    c.once('connect', () => resolve(c));
    c.once('error', (e) => { if (!c.connected) reject(e); });
  });
}

const clients: MqttClient[] = [];
for (let i = 0; i < ids.length; i += 250) {
  clients.push(...(await Promise.all(ids.slice(i, i + 250).map(connect))));
}
process.stderr.write(`generator: ${clients.length} boxes connected\n`);

const seq = new Array(ids.length).fill(0);
const lastTs = new Array(ids.length).fill(0);
// Each box's violation moment, as a fraction of the run, between 10 % and 90 %.
const violateAt = ids.map((_, i) => 0.1 + 0.8 * (((i * 2654435761) >>> 0) / 2 ** 32));
const violated = new Array(ids.length).fill(false);
let sent = 0, acked = 0, violations = 0, failed = 0;
const startedAt = Date.now();
const total = Math.round(rate * seconds);
let next = 0;

function publishOne(): void {
  const i = next;
  next = (next + 1) % ids.length;
  const now = Date.now();
  const ts = Math.max(now, lastTs[i] + 1);
  lastTs[i] = ts;
  const frac = (now - startedAt) / (seconds * 1000);
  let t = 4.5 + ((seq[i] * 7919 + i) % 150) / 100; // 4.5–5.99 °C
  if (violate && !violated[i] && frac >= violateAt[i]) { violated[i] = true; violations++; t = 9.5; }
  const payload = `{"schema":"coldbox.telemetry/1","boxId":"${ids[i]}","fw":"1.4.2","seq":${++seq[i]},"sentAt":${now},"readings":[{"ts":${ts},"t":[${t}],"door":false,"batt":87,"hist":false}]}`;
  sent++;
  clients[i].publish(`dt/coldchain/box/${ids[i]}/telemetry`, payload, { qos: 1, retain: false }, (err) => { if (err) failed++; else acked++; });
}

await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(total, Math.round(((Date.now() - startedAt) / 1000) * rate));
    while (sent < due) publishOne();
    if (sent >= total) { clearInterval(timer); resolve(); }
  }, 5);
});
const endedAt = Date.now();
process.stderr.write(`generator: ${sent} published in ${((endedAt - startedAt) / 1000).toFixed(1)} s; waiting for acknowledgements\n`);
const t0 = Date.now();
while (acked + failed < sent && Date.now() - t0 < 180_000) await new Promise((r) => setTimeout(r, 100));
process.stdout.write(JSON.stringify({ sent, acked, failed, violations, startedAt, endedAt }) + '\n');
await Promise.all(clients.map((c) => c.endAsync().catch(() => undefined)));
process.exit(0);
