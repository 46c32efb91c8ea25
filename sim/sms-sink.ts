/**
 * An SMS provider as the alarm worker and the customer notifications see one (the HTTP SMS
 * contract: POST JSON {to, text, reference}; alarms use reference = "<alarm id>:<tier>"): it keeps
 * what arrives, so the drill can count who was told and at which tier, the city day's customers
 * can read their delivery code, and the console can list what was sent (GET /messages).
 * E-mail caught by ./mail-sink.ts joins the same list (channel 'email').
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sms { to: string; text: string; reference: string; at: number; channel?: 'sms' | 'email'; subject?: string }

/** Most messages kept (oldest dropped): the demo runs for days. */
const KEEP = 2000;

export class SmsSink {
  readonly messages: Sms[] = [];
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(port = 0, host = '127.0.0.1'): Promise<SmsSink> {
    let sink!: SmsSink;
    const server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://sink');
      if (req.method === 'GET' && u.pathname === '/messages') {
        // Newest first; ?to= one recipient's inbox, ?limit= how many.
        const to = u.searchParams.get('to');
        const limit = Math.min(500, Number(u.searchParams.get('limit') ?? 100) || 100);
        const list = sink.messages.filter((m) => !to || m.to === to).slice(-limit).reverse();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ messages: list }));
        return;
      }
      if (req.method !== 'POST') { res.writeHead(405).end(); return; }
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        try {
          const m = JSON.parse(body) as { to: string; text: string; reference: string };
          if (typeof m.to !== 'string' || typeof m.text !== 'string') throw new Error('not an SMS');
          sink.add({ channel: 'sms', to: m.to, text: m.text, reference: String(m.reference ?? ''), at: Date.now() });
          res.writeHead(202).end();
        } catch {
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(port, host, r));
    sink = new SmsSink(server, `http://${host}:${(server.address() as AddressInfo).port}/sms`);
    return sink;
  }

  add(m: Sms): void {
    this.messages.push(m);
    if (this.messages.length > KEEP) this.messages.splice(0, this.messages.length - KEEP);
  }

  /** Messages about an alarm, by tier. */
  of(alarmId: string, tier?: number): Sms[] {
    return this.messages.filter((m) => m.reference === `${alarmId}:${tier ?? m.reference.split(':')[1]}`);
  }

  /** What one phone received (a customer's inbox), oldest first. */
  inbox(to: string): string[] {
    return this.messages.filter((m) => m.to === to).map((m) => m.text);
  }

  close(): Promise<void> { return new Promise((r) => this.server.close(() => r())); }
}

/** What the drill reads of an SMS sink: its address and the messages about an alarm. */
export interface SmsLog { readonly url: string; of(alarmId: string, tier?: number): Sms[] }

/**
 * The sink of another process (the one `npm start` runs), mirrored every 250 ms, so the drill can
 * run against the demo whose workers already send there.
 */
export class RemoteSmsSink implements SmsLog {
  messages: Sms[] = [];
  private timer: ReturnType<typeof setInterval>;
  private constructor(readonly url: string) {
    this.timer = setInterval(() => { void this.refresh(); }, 250);
  }
  static async connect(url: string): Promise<RemoteSmsSink> {
    const s = new RemoteSmsSink(url);
    await s.refresh();
    return s;
  }
  private async refresh(): Promise<void> {
    const r = await fetch(`${this.url.replace(/\/sms$/, '')}/messages?limit=500`).catch(() => null);
    if (r?.ok) this.messages = ((await r.json()) as { messages: Sms[] }).messages.reverse();
  }
  of(alarmId: string, tier?: number): Sms[] {
    return this.messages.filter((m) => m.reference === `${alarmId}:${tier ?? m.reference.split(':')[1]}`);
  }
  async close(): Promise<void> { clearInterval(this.timer); }
}

/** A customer's inbox read from a sink in another process (GET <sink>/messages?to=). */
export function remoteInbox(smsUrl: string): (phone: string) => Promise<string[]> {
  const base = smsUrl.replace(/\/sms$/, '');
  return async (phone) => {
    const r = await fetch(`${base}/messages?to=${encodeURIComponent(phone)}&limit=50`);
    if (!r.ok) return [];
    return ((await r.json()) as { messages: Sms[] }).messages.reverse().map((m) => m.text);
  };
}
