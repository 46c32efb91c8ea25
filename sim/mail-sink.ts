/**
 * A local SMTP catcher for the demo (smtp-server, from the nodemailer project): the alarm
 * worker's e-mail (ALARM_SMTP_URL=smtp://127.0.0.1:<port>) lands in the SMS sink's list as
 * channel 'email', so the console's "Notifications sent" shows both. Accepts anything, relays
 * nothing, loopback only.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { SmsSink } from './sms-sink';

export class MailSink {
  private constructor(private readonly server: SMTPServer, readonly url: string) {}

  static async start(into: SmsSink, port = 0, host = '127.0.0.1'): Promise<MailSink> {
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 1024 * 1024,
      onData(stream, session, cb) {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (c: string) => { if (raw.length < 64 * 1024) raw += c; });
        stream.on('end', () => {
          const [head, ...rest] = raw.split(/\r?\n\r?\n/);
          const subject = /^Subject:\s*(.*)$/im.exec(head.replace(/\r?\n[ \t]+/g, ' '))?.[1]?.trim() ?? '';
          const text = bodyText(head, rest.join('\n\n')).trim().slice(0, 2000);
          for (const r of session.envelope.rcptTo) into.add({ channel: 'email', to: r.address, subject: decodeWord(subject), text, reference: '', at: Date.now() });
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(port, host, () => r()));
    const { port: p } = server.server.address() as AddressInfo;
    return new MailSink(server, `smtp://${host}:${p}`);
  }

  close(): Promise<void> { return new Promise((r) => this.server.close(() => r())); }
}

/** A single-part body as text: base64 and quoted-printable (as nodemailer writes non-ASCII text) decoded as UTF-8. */
export function bodyText(head: string, body: string): string {
  const cte = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / ?Q?), as nodemailer writes non-ASCII subjects. */
export function decodeWord(s: string): string {
  return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_, _cs, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}
