/**
 * A minimal MQTT 5 client for the bench's simulated boxes: CONNECT (username, password,
 * retained QoS 1 last will), PUBLISH QoS 1, PUBACK, PINGREQ, DISCONNECT, and SUBSCRIBE to the
 * box's command topic with incoming QoS 0/1 PUBLISHes acknowledged — encoded by hand
 * (MQTT 5.0 §2–3), one TCP connection per box. It keeps every PUBLISH until its PUBACK and
 * sends the unacknowledged ones again with DUP set after a reconnect (§4.4), as a box must.
 * Bench tooling only: the product's MQTT clients are MQTT.js.
 */
import net from 'node:net';

const utf8 = (s: string | Buffer) => {
  const b = Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(2 + b.length);
  out.writeUInt16BE(b.length, 0);
  b.copy(out, 2);
  return out;
};

function varint(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let d = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) d |= 0x80;
    bytes.push(d);
  } while (n > 0);
  return Buffer.from(bytes);
}

const packet = (first: number, body: Buffer) => Buffer.concat([Buffer.from([first]), varint(body.length), body]);

export function connectPacket(o: { clientId: string; username: string; password: string; keepaliveS: number; will?: { topic: string; payload: string } }): Buffer {
  // Flags: username, password, clean start; will: flag, QoS 1, retain.
  const flags = 0x80 | 0x40 | 0x02 | (o.will ? 0x04 | 0x08 | 0x20 : 0);
  const ka = Buffer.alloc(2);
  ka.writeUInt16BE(o.keepaliveS, 0);
  const parts = [utf8('MQTT'), Buffer.from([5, flags]), ka, varint(0), utf8(o.clientId)];
  if (o.will) parts.push(varint(0), utf8(o.will.topic), utf8(o.will.payload));
  parts.push(utf8(o.username), utf8(o.password));
  return packet(0x10, Buffer.concat(parts));
}

/** PUBLISH, QoS 1, no properties. `dup` for a resend. */
export function publishPacket(topic: string, id: number, payload: string, dup = false): Buffer {
  const t = Buffer.byteLength(topic);
  const p = Buffer.byteLength(payload);
  const len = 2 + t + 2 + 1 + p;
  const head = varint(len);
  const out = Buffer.allocUnsafe(1 + head.length + len);
  let o = 0;
  out[o++] = 0x32 | (dup ? 0x08 : 0);
  head.copy(out, o); o += head.length;
  out.writeUInt16BE(t, o); o += 2;
  o += out.write(topic, o, 'utf8');
  out.writeUInt16BE(id, o); o += 2;
  out[o++] = 0; // properties length
  out.write(payload, o, 'utf8');
  return out;
}

/** SUBSCRIBE to one filter at QoS 1, no properties. */
export function subscribePacket(id: number, filter: string): Buffer {
  const pid = Buffer.alloc(2);
  pid.writeUInt16BE(id, 0);
  return packet(0x82, Buffer.concat([pid, varint(0), utf8(filter), Buffer.from([0x01])]));
}

export interface WireBoxOptions {
  host: string; port: number; clientId: string; username: string; password: string;
  will?: { topic: string; payload: string };
  keepaliveS?: number;
  reconnectMs: number;
  /** Called once per PUBLISH when the broker answers it: ok = reason code < 0x80. */
  onAck(ok: boolean): void;
  /** Subscribed to after every CONNACK (the session is clean); its messages go to onCommand. */
  commands?: string;
  onCommand?(topic: string, payload: Buffer): void;
}

/** The SUBSCRIBE's packet id, never used by a PUBLISH (ids must not be in use twice). */
const SUBSCRIBE_ID = 65535;

export class WireBox {
  private sock: net.Socket | undefined;
  private up = false;
  private ending = false;
  private nextId = 1;
  /** Unacknowledged PUBLISHes by packet id, in send order (Map keeps insertion order). */
  private inflight = new Map<number, { topic: string; payload: string }>();
  /** Published while the connection was down. */
  private waiting: Array<{ topic: string; payload: string }> = [];
  private rx: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  private ping: NodeJS.Timeout | undefined;
  private firstConnect: { resolve(): void; reject(e: Error): void } | undefined;

  constructor(private readonly o: WireBoxOptions) {}

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.open();
    });
  }

  private open(): void {
    const s = net.connect({ host: this.o.host, port: this.o.port, noDelay: true });
    this.sock = s;
    this.rx = Buffer.alloc(0);
    s.on('connect', () => s.write(connectPacket({ clientId: this.o.clientId, username: this.o.username, password: this.o.password, keepaliveS: this.o.keepaliveS ?? 60, will: this.o.will })));
    s.on('data', (d) => this.onData(d));
    s.on('error', () => { /* 'close' follows */ });
    s.on('close', () => {
      this.up = false;
      if (this.ping) clearInterval(this.ping);
      if (this.firstConnect) { this.firstConnect.reject(new Error(`${this.o.clientId}: connection closed before CONNACK`)); this.firstConnect = undefined; return; }
      if (!this.ending) setTimeout(() => this.open(), this.o.reconnectMs + Math.random() * 500);
    });
  }

  private onData(d: Buffer): void {
    this.rx = this.rx.length ? Buffer.concat([this.rx, d]) : d;
    for (;;) {
      if (this.rx.length < 2) return;
      let len = 0, mul = 1, i = 1;
      for (;; i++) {
        if (i >= this.rx.length) return;
        len += (this.rx[i] & 0x7f) * mul;
        if ((this.rx[i] & 0x80) === 0) break;
        mul *= 128;
      }
      const end = i + 1 + len;
      if (this.rx.length < end) return;
      const first = this.rx[0];
      const type = first >> 4;
      const body = this.rx.subarray(i + 1, end);
      this.rx = this.rx.subarray(end);
      if (type === 3) this.onPublish(first, body);
      else if (type === 2) this.onConnack(body);
      else if (type === 4) this.onPuback(body);
      else if (type === 14) this.sock?.destroy(); // DISCONNECT from the server
    }
  }

  private onConnack(body: Buffer): void {
    const reason = body[1];
    if (reason !== 0) {
      const err = new Error(`${this.o.clientId}: CONNACK reason 0x${reason.toString(16)}`);
      if (this.firstConnect) { this.firstConnect.reject(err); this.firstConnect = undefined; }
      this.sock?.destroy();
      return;
    }
    this.up = true;
    const ka = (this.o.keepaliveS ?? 60) * 500;
    this.ping = setInterval(() => this.sock?.write(Buffer.from([0xc0, 0])), ka);
    this.ping.unref();
    if (this.o.commands) this.sock!.write(subscribePacket(SUBSCRIBE_ID, this.o.commands));
    // Resend what the broker never acknowledged (DUP), then what waited for the connection.
    for (const [id, m] of this.inflight) this.sock!.write(publishPacket(m.topic, id, m.payload, true));
    const w = this.waiting;
    this.waiting = [];
    for (const m of w) this.send(m.topic, m.payload);
    if (this.firstConnect) { this.firstConnect.resolve(); this.firstConnect = undefined; }
  }

  /** A command from the cloud: QoS 1 ones are acknowledged at once (MQTT 5 §3.3). */
  private onPublish(first: number, body: Buffer): void {
    const qos = (first >> 1) & 3;
    let o = 0;
    const tlen = body.readUInt16BE(o); o += 2;
    const topic = body.toString('utf8', o, o + tlen); o += tlen;
    if (qos > 0) {
      const id = body.readUInt16BE(o); o += 2;
      this.sock?.write(Buffer.from([0x40, 2, id >> 8, id & 0xff]));
    }
    let plen = 0, mul = 1;
    for (;; o++) { plen += (body[o] & 0x7f) * mul; if ((body[o] & 0x80) === 0) break; mul *= 128; }
    o += 1 + plen;
    this.o.onCommand?.(topic, body.subarray(o));
  }

  private onPuback(body: Buffer): void {
    const id = body.readUInt16BE(0);
    if (!this.inflight.delete(id)) return;
    const reason = body.length > 2 ? body[2] : 0;
    this.o.onAck(reason < 0x80);
  }

  private send(topic: string, payload: string): void {
    let id = this.nextId;
    while (this.inflight.has(id)) id = id === SUBSCRIBE_ID - 1 ? 1 : id + 1;
    this.nextId = id === SUBSCRIBE_ID - 1 ? 1 : id + 1;
    this.inflight.set(id, { topic, payload });
    this.sock!.write(publishPacket(topic, id, payload));
  }

  publish(topic: string, payload: string): void {
    if (this.up) this.send(topic, payload);
    else this.waiting.push({ topic, payload });
  }

  async end(): Promise<void> {
    this.ending = true;
    if (this.ping) clearInterval(this.ping);
    const s = this.sock;
    if (!s || s.destroyed) return;
    await new Promise<void>((r) => { s.once('close', () => r()); s.end(Buffer.from([0xe0, 0])); setTimeout(() => { s.destroy(); }, 2000).unref(); });
  }
}
