import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from './logger';

describe('logger', () => {
  it('redacts customer name, phone, address, passwords, tokens and cookies wherever they are logged', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info({
      customer: { name: '张三', phone: '13800138000', address: '天河路 1 号 1201 室' },
      order: { customerName: '李四', phone: '13900139000', address: '体育西路 2 号' },
      password: 'hunter2-hunter2', token: 'tok_secret', headers: { authorization: 'Bearer abc', cookie: 'cc_session=xyz' },
      shipmentId: 'shp_kept',
    }, 'order placed');
    const out = lines.join('');
    for (const secret of ['张三', '13800138000', '1201', '李四', '13900139000', '体育西路', 'hunter2', 'tok_secret', 'Bearer abc', 'cc_session=xyz']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('shp_kept');
  });
});
