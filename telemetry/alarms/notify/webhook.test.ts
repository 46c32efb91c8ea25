import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook';

describe('webhook signature', () => {
  const body = '{"event":"alarm.notification","notice":{"alarmId":"alm_x"}}';
  it('is v1= + hex HMAC-SHA256 over "<timestamp>.<body>"', () => {
    const want = createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('s3cret', 1700000000, body)).toBe(`v1=${want}`);
  });
  it('verifies, and refuses a changed body, another secret, a changed timestamp or a stale one', () => {
    const sig = signWebhook('s3cret', 1700000000, body);
    const ok = (secret: string, ts: string, b: string, now = 1700000100) => verifyWebhookSignature(secret, { timestamp: ts, signature: sig }, b, now);
    expect(ok('s3cret', '1700000000', body)).toBe(true);
    expect(ok('s3cret', '1700000000', body.replace('alm_x', 'alm_y'))).toBe(false);
    expect(ok('other', '1700000000', body)).toBe(false);
    expect(ok('s3cret', '1700000001', body)).toBe(false);
    expect(ok('s3cret', '1700000000', body, 1700000000 + 301)).toBe(false);
    expect(verifyWebhookSignature('s3cret', { timestamp: 'abc', signature: sig }, body, 1700000000)).toBe(false);
    expect(verifyWebhookSignature('s3cret', { timestamp: '1700000000', signature: undefined }, body, 1700000000)).toBe(false);
  });
});
