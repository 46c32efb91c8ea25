/** Alarm e-mail over SMTP (nodemailer). Plain text; the subject is the one-line notice. */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AlarmNotice, NotificationChannel } from './channel';

export class SmtpEmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private transport: Transporter | undefined;
  constructor(private readonly smtpUrl: string, private readonly from: string, private readonly timeoutMs = 10_000) {}
  get enabled(): boolean { return Boolean(this.smtpUrl); }

  async send(notice: AlarmNotice, to: string | null): Promise<void> {
    if (!to) throw new Error('no e-mail address');
    this.transport ??= nodemailer.createTransport(this.smtpUrl, { connectionTimeout: this.timeoutMs, greetingTimeout: this.timeoutMs, socketTimeout: this.timeoutMs } as object);
    await this.transport.sendMail({
      from: this.from,
      to,
      subject: notice.text.slice(0, 200),
      text: [
        notice.text, '',
        `Alarm:     ${notice.alarmId}`,
        `Box:       ${notice.boxId}`,
        `Type:      ${notice.type} (${notice.severity})`,
        `Since:     ${notice.raisedAt} (UTC)`,
        `Status:    ${notice.status}, condition ${notice.condition}`,
        `Shipments: ${notice.shipmentIds.join(', ') || '-'}`,
        notice.tier ? `Escalation step ${notice.tier}: nobody has acknowledged this alarm yet.` : '',
      ].join('\n'),
      headers: { 'X-Coldchain-Alarm': notice.alarmId },
    });
  }

  async close(): Promise<void> {
    this.transport?.close();
    this.transport = undefined;
  }
}
