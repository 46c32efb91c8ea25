/**
 * Load generator for bench:telemetry, a separate process: N boxes, each with its OWN broker
 * credentials and TCP connection, publish one live reading per message (QoS 1, retain=false)
 * at a total rate, round-robin. Each box sends exactly one out-of-range reading (9.5 °C) at a
 * random moment, then goes back to range; run.ts times its alarm on the real-time feed.
 *
 * The boxes speak MQTT 5 through ./mqtt-wire.ts (a few hand-encoded packets) rather than
 * MQTT.js: at 20 000 msg/s a full client per box costs more CPU than the broker, and the
 * generator shares the machine with what it measures. Like a real box it keeps every
 * unacknowledged PUBLISH and sends it again (DUP) after a reconnect, and it reconnects ≥ 1 s
 * after losing the broker. It also answers resend requests on its command topic (contract
 * coldbox.resend/1) from a bounded buffer of what it sent, oldest first, as hist readings with
 * their original seq.
 *
 * Input (env): BENCH_CREDS (JSON file {boxId: password}), BENCH_RATE (msg/s), BENCH_SECONDS,
 * BENCH_VIOLATE (0/1), MQTT_URL. Output: one JSON line on stdout at the end:
 * {sent, acked, failed, violations, startedAt, endedAt, resendRequests, resent}. It waits until every message is
 * acknowledged by the broker.
 */
import { readFileSync } from 'node:fs';
import { WireBox } from './mqtt-wire';
import { livePayload } from './common';

const creds = JSON.parse(readFileSync(process.env.BENCH_CREDS!, 'utf8')) as Record<string, string>;
const ids = Object.keys(creds);
const rate = Number(process.env.BENCH_RATE ?? 20_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const violate = process.env.BENCH_VIOLATE !== '0';
const url = new URL(process.env.MQTT_URL!);

let acked = 0, failed = 0, resendRequests = 0, resent = 0;
/** Each box's store-and-forward buffer: seq → payload, the oldest dropped past BUFFER messages. */
const BUFFER = 4320; // 72 h at one message a minute (COMPLIANCE 67)
const buffers = ids.map(() => new Map<number, string>());
const boxes: WireBox[] = ids.map((id, i) => new WireBox({
  host: url.hostname, port: Number(url.port || 1883), clientId: id, username: id, password: creds[id],
  will: { topic: `dt/coldchain/box/${id}/status`, payload: 'offline' },
  reconnectMs: 1000, // devices back off ≥ 1 s before reconnecting
  onAck: (ok) => { if (ok) acked++; else failed++; },
  commands: `cmd/coldchain/box/${id}/resend`,
  onCommand: (_topic, body) => {
    let cmd: { fromSeq?: unknown; toSeq?: unknown };
    try { cmd = JSON.parse(body.toString()); } catch { return; }
    if (typeof cmd.fromSeq !== 'number' || typeof cmd.toSeq !== 'number') return;
    resendRequests++;
    for (let s = cmd.fromSeq; s <= cmd.toSeq; s++) {
      const p = buffers[i].get(s);
      if (p === undefined) continue; // no longer held
      resent++;
      boxes[i].publish(topics[i], p.replace('"hist":false', '"hist":true'));
    }
  },
}));
for (let i = 0; i < boxes.length; i += 250) await Promise.all(boxes.slice(i, i + 250).map((b) => b.connect()));
process.stderr.write(`generator: ${boxes.length} boxes connected\n`);

const seq = new Array(ids.length).fill(0);
const lastTs = new Array(ids.length).fill(0);
const topics = ids.map((id) => `dt/coldchain/box/${id}/telemetry`);
// Each box's violation moment, as a fraction of the run, between 10 % and 90 %.
const violateAt = ids.map((_, i) => 0.1 + 0.8 * (((i * 2654435761) >>> 0) / 2 ** 32));
const violated = new Array(ids.length).fill(false);
let sent = 0, violations = 0;
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
  const payload = livePayload(ids[i], ++seq[i], now, ts, t);
  const buf = buffers[i];
  buf.set(seq[i], payload);
  if (buf.size > BUFFER) buf.delete(buf.keys().next().value!);
  sent++;
  boxes[i].publish(topics[i], payload);
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
while (acked + failed < sent + resent && Date.now() - t0 < 180_000) await new Promise((r) => setTimeout(r, 100));
// `acked` counts the broker's answers to original messages only: resent ones are copies of them.
process.stdout.write(JSON.stringify({ sent, acked: acked - resent, failed, violations, startedAt, endedAt, resendRequests, resent }) + '\n');
await Promise.all(boxes.map((b) => b.end()));
process.exit(0);
