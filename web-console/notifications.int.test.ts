/**
 * The console's "Notifications sent" (admin → Notifications sent) against the real stack: the
 * demo's local sinks (sim/sms-sink.ts, sim/mail-sink.ts) catch an alarm's SMS, a customer's SMS
 * and an alarm e-mail sent over SMTP by nodemailer, as the worker sends them; the API lists them
 * newest first with phones masked, only to an admin, says when the sink is down, and says
 * when the stack has none. Screenshots in zh-CN and English in .stack/screenshots/console/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, makeUser, requireStack, type TestUser } from '../platform/testing/harness';
import { ROOT, launchChromium, startServedApi, type ServedApi } from '../platform/testing/browser';
import { SmsSink } from '../sim/sms-sink';
import { MailSink } from '../sim/mail-sink';

const SHOTS = path.join(ROOT, '.stack/screenshots/console');
let api: ServedApi, bare: ServedApi;
let browser: Browser;
let admin: TestUser, dispatcher: TestUser;
let sms: SmsSink, mail: MailSink;

async function sendSms(to: string, text: string, reference: string) {
  const r = await fetch(sms.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, text, reference }) });
  expect(r.status).toBe(202);
}

beforeAll(async () => {
  requireStack();
  mkdirSync(SHOTS, { recursive: true });
  sms = await SmsSink.start();
  mail = await MailSink.start(sms);
  api = await startServedApi({ NOTIFICATION_SINK_URL: sms.url.replace(/\/sms$/, '') });
  bare = await startServedApi({ NOTIFICATION_SINK_URL: '' });
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  await sendSms('+8613800000001', '【冷链告警】冷藏箱 box_0085 温度超限 9.2 °C（2–8 °C），请立即处理。', 'alm_demo01:0');
  await sendSms('13912345678', '您的订单已取货，正在配送。收货验证码：482913，请仅在骑手送达时告知骑手。配送进度：http://localhost:8080/t/q8ZkV3nW5rT1', '');
  const t = nodemailer.createTransport({ url: mail.url } as never);
  await t.sendMail({ from: 'coldchain-alarms@localhost', to: 'qa-manager@demo.invalid', subject: '冷链告警升级：box_0085 TEMP_HIGH', text: 'Alarm alm_demo01 on box box_0085 is not acknowledged after 10 min: escalated to tier 1. 告警 10 分钟未确认，已升级。' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await bare?.stop();
  await mail?.close();
  await sms?.close();
});

async function newPage(locale: 'zh-CN' | 'en'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, timezoneId: 'Asia/Shanghai' });
  await ctx.addInitScript((l) => { localStorage.setItem('coldchain.locale', l); }, locale);
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

describe('notifications sent (the demo\'s sinks)', { timeout: 90_000 }, () => {
  it('lists SMS and e-mail newest first, phones masked, to an admin only', async () => {
    const r = await call(api.base, 'GET', '/api/v1/demo/notifications-sent', { token: admin.token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.configured).toBe(true);
    expect(r.body.messages.map((m: { channel: string }) => m.channel)).toEqual(['email', 'sms', 'sms']);
    expect(r.body.messages[0]).toMatchObject({ to: 'qa-manager@demo.invalid', subject: '冷链告警升级：box_0085 TEMP_HIGH' });
    expect(r.body.messages[0].text).toContain('escalated to tier 1. 告警 10 分钟未确认，已升级。');
    expect(r.body.messages[1]).toMatchObject({ to: '139****5678' });
    expect(r.body.messages[2]).toMatchObject({ to: '138****0001', reference: 'alm_demo01:0' });
    expect(JSON.stringify(r.body)).not.toContain('13912345678');
    const onlySms = await call(api.base, 'GET', '/api/v1/demo/notifications-sent?channel=sms&limit=1', { token: admin.token });
    expect(onlySms.body.messages).toHaveLength(1);
    expect(onlySms.body.messages[0].channel).toBe('sms');
    expect((await call(api.base, 'GET', '/api/v1/demo/notifications-sent', { token: dispatcher.token })).status).toBe(403);
    const bad = await call(api.base, 'GET', '/api/v1/demo/notifications-sent?limit=0', { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const none = await call(bare.base, 'GET', '/api/v1/demo/notifications-sent', { token: admin.token });
    expect(none.body).toEqual({ configured: false, messages: [] });
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`shows them on the admin page (${locale})`, async () => {
      const page = await newPage(locale);
      await page.goto(`${api.base}/console/`);
      await page.getByTestId('username').fill(admin.username);
      await page.getByTestId('password').fill(admin.password);
      await page.getByTestId('submit').click();
      await page.waitForURL(/\/console\/map$/);
      await page.goto(`${api.base}/console/admin/notifications`);
      const table = page.getByTestId('notifications-table');
      await table.locator('tbody tr').nth(2).waitFor();
      expect(await table.locator('tbody tr').count()).toBe(3);
      await expect.poll(() => table.innerText()).toContain('138****0001');
      const text = await table.innerText();
      expect(text).toContain(locale === 'zh-CN' ? '邮件' : 'E-mail');
      expect(text).toContain('收货验证码：482913');
      expect(text).not.toContain('13912345678');
      await page.locator('.el-loading-mask').waitFor({ state: 'detached' });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, `admin-notifications-${locale}.png`) });
      await page.context().close();
    });
  }

  it('says so when the sink does not answer', async () => {
    await mail.close();
    await sms.close();
    const r = await call(api.base, 'GET', '/api/v1/demo/notifications-sent', { token: admin.token });
    expect(r.status).toBe(502);
    expect(r.body.error.code).toBe('notification_sink_unreachable');
    expect(r.body.error.message).toMatch(/does not answer/);
  });
});
