/**
 * An SMS provider as the alarm worker sees one (telemetry's HTTP SMS contract: POST JSON
 * {to, text, reference}, reference = "<alarm id>:<tier>"): it keeps what arrives, so the drill can
 * count who was told and at which tier. The worker must be started with ALARM_SMS_URL pointing here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sms { to: string; text: string; reference: string; at: number }

export class SmsSink {
  readonly messages: Sms[] = [];
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(port = 0, host = '127.0.0.1'): Promise<SmsSink> {
    let sink!: SmsSink;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        try {
          const m = JSON.parse(body) as { to: string; text: string; reference: string };
          sink.messages.push({ to: m.to, text: m.text, reference: m.reference, at: Date.now() });
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

  /** Messages about an alarm, by tier. */
  of(alarmId: string, tier?: number): Sms[] {
    return this.messages.filter((m) => m.reference === `${alarmId}:${tier ?? m.reference.split(':')[1]}`);
  }

  close(): Promise<void> { return new Promise((r) => this.server.close(() => r())); }
}
