/**
 * The customer's tracking page, its JSON and the bag label on the real stack: what they show,
 * what they never show (COMPLIANCE 52), enumeration and expiry (57), rate limits, the phone check.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startTestApi, makeUser, call, uniq, type TestApi } from '../../platform/testing/harness';
import { newToken } from '../../platform/ids';
import { publicTrackingModule, publicTrackingPage, TrackingJson, type PublicTrackingOptions } from './index';
import { closeRateLimiter } from '../../platform/http/rate-limit';
import { CUSTOMER, seedOrder, testDeps, type Seeded } from './testing';
import { LANGS, MESSAGES } from './messages';

const codes = new Map<string, string>();
const deps = testDeps(codes);
const apis: TestApi[] = [];

async function api(opts: PublicTrackingOptions = {}): Promise<TestApi> {
  const o = { scope: uniq('s'), ...opts };
  const a = await startTestApi([publicTrackingModule(deps, o)], [publicTrackingPage(deps, o)]);
  apis.push(a);
  return a;
}

let main: TestApi;
let live: Seeded;

beforeAll(async () => {
  main = await api({ limits: { pagePerMin: 1000, jsonPerMin: 1000, verifyPerHour: 1000, verifyTriesPerHour: 1000 } });
  live = await seedOrder();
  codes.set(live.shipmentId, '482913');
});
afterAll(async () => {
  for (const a of apis) await a.close();
  await closeRateLimiter();
});

const get = (a: TestApi, path: string, headers: Record<string, string> = {}) => fetch(a.url + path, { headers, redirect: 'manual' });

/** Every personal or drug datum the order holds, as it is stored before encryption. */
function leaks(text: string, s: Seeded): string[] {
  const secrets = [CUSTOMER.name, CUSTOMER.phone, CUSTOMER.phone.slice(-4), CUSTOMER.address, '体育西路', '1203', s.skuName, s.genericName, 'insulin', '胰岛素', '张', s.orderId];
  return secrets.filter((x) => text.includes(x));
}

describe('the tracking page', () => {
  it('shows a carried cold shipment: status, ETA, map with roads, badge and curve; no personal data or drug names; < 60 kB', async () => {
    const r = await get(main, `/t/${live.token}`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await r.text();
    expect(Buffer.byteLength(html)).toBeLessThan(60 * 1024);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('骑手正在配送');
    expect(html).toContain('至今保持 2–8 °C');
    expect(html).toMatch(/<svg class="curve"[^>]*>.*<polygon points="[^"]+"/s);
    expect(html).toMatch(/<svg class="map"[^>]*>.*<path transform="translate\([^)]+\) scale\([\d.]+\)" vector-effect="non-scaling-stroke" d="M[^"]{200,}"/s);
    expect(html).toMatch(/预计 \d\d:\d\d 送达/);
    expect(html).toContain(`href="/t/${live.token}?lang=en"`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).not.toContain('482913');
    expect(leaks(html, live)).toEqual([]);
  });

  it('speaks English by Accept-Language, and either language by ?lang=', async () => {
    const en = await (await get(main, `/t/${live.token}`, { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.2' })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('On its way to you');
    expect(en).toContain('Kept at 2–8 °C so far');
    expect(en).toContain(`href="/t/${live.token}?lang=zh-CN"`);
    const zh = await (await get(main, `/t/${live.token}?lang=zh-CN`, { 'accept-language': 'en' })).text();
    expect(zh).toContain('骑手正在配送');
    const fallback = await (await get(main, `/t/${live.token}`, { 'accept-language': 'fr-FR' })).text();
    expect(fallback).toContain('<html lang="zh-CN">');
  });

  it('zh-CN and en messages have the same keys', () => {
    const shape = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? shape(v).map((s) => `${k}.${s}`) : [k])).sort();
    expect(shape(MESSAGES.en)).toEqual(shape(MESSAGES[LANGS[0]]));
  });

  it('says "under QA review" after an excursion alarm, "no temperature record" without readings, and hides the map once delivered', async () => {
    const hot = await seedOrder({ excursion: true });
    const html = await (await get(main, `/t/${hot.token}?lang=en`)).text();
    expect(html).toContain('Temperature excursion — under review by pharmacy QA');
    const none = await seedOrder({ temps: [] });
    const h2 = await (await get(main, `/t/${none.token}?lang=en`)).text();
    expect(h2).toContain('No temperature record yet');
    expect(h2).not.toContain('class="curve"');
    const done = await seedOrder({ endedDaysAgo: 1 });
    const h3 = await (await get(main, `/t/${done.token}?lang=en`)).text();
    expect(h3).toContain('Delivered');
    expect(h3).toContain('Kept at 2–8 °C the whole way');
    expect(h3).not.toContain('class="map"');
    expect(h3).not.toContain('<form');
  });

  it('its JSON carries the same data, no personal data and no drug names, and is in the OpenAPI document', async () => {
    const r = await call(main.url, 'GET', `/api/v1/public/track/${live.token}`);
    expect(r.status).toBe(200);
    expect(() => TrackingJson.parse(r.body)).not.toThrow();
    const s = r.body.shipments[0];
    expect(s).toMatchObject({ id: live.shipmentId, state: 'in_transit', temperatureClass: 'chilled', coldChain: { status: 'kept_in_range', limits: { low: 2, high: 8 }, readings: 30 } });
    expect(s.coldChain.curve.length).toBeGreaterThan(10);
    expect(s.coldChain.curve.length).toBeLessThanOrEqual(100);
    expect(s.map.rider).toEqual({ lat: 23.128, lng: 113.317, at: expect.any(String) });
    expect(leaks(JSON.stringify(r.body), live)).toEqual([]);
    const doc = await call(main.url, 'GET', '/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/public/track/{token}']?.get).toBeDefined();
  });

  it('downsamples a long record to ≤ 100 slices that keep a short spike', async () => {
    const temps = Array.from({ length: 600 }, (_, i) => (i === 333 ? 9.4 : 5));
    const long = await seedOrder({ temps });
    const r = await call(main.url, 'GET', `/api/v1/public/track/${long.token}`);
    const curve = r.body.shipments[0].coldChain.curve;
    expect(curve.length).toBeLessThanOrEqual(100);
    expect(Math.max(...curve.map((p: { max: number }) => p.max))).toBeCloseTo(9.7, 5);
  });
});

describe('links: expiry and enumeration', () => {
  it('works 29 days after the order ended and not 31 days after', async () => {
    const recent = await seedOrder({ endedDaysAgo: 29 });
    const old = await seedOrder({ endedDaysAgo: 31 });
    expect((await get(main, `/t/${recent.token}`)).status).toBe(200);
    expect((await get(main, `/t/${old.token}`)).status).toBe(404);
    expect((await call(main.url, 'GET', `/api/v1/public/track/${old.token}`)).status).toBe(404);
  });

  it('answers unknown and expired tokens with the same 404 body in the same time', async () => {
    const expired = await Promise.all(Array.from({ length: 5 }, () => seedOrder({ endedDaysAgo: 40, temps: [] })));
    const timeOf = async (path: string) => {
      const t0 = process.hrtime.bigint();
      const r = await get(main, path);
      const body = await r.text();
      return { ms: Number(process.hrtime.bigint() - t0) / 1e6, status: r.status, body };
    };
    const unknown: Array<{ ms: number; status: number; body: string }> = [];
    const old: typeof unknown = [];
    // Interleaved, so drift in the machine's load falls on both alike.
    for (let i = 0; i < 50; i++) {
      unknown.push(await timeOf(`/t/${newToken(18)}`));
      old.push(await timeOf(`/t/${expired[i % 5].token}`));
    }
    expect(new Set([...unknown, ...old].map((x) => `${x.status} ${x.body}`)).size).toBe(1);
    expect(unknown[0].status).toBe(404);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const mu = median(unknown.map((x) => x.ms)), me = median(old.map((x) => x.ms));
    // Same statement on both paths: the medians differ by noise only (2 shared cores: allow 2 ms or 35 %).
    expect(Math.abs(mu - me), `unknown ${mu.toFixed(2)} ms, expired ${me.toFixed(2)} ms`).toBeLessThan(Math.max(2, 0.35 * Math.max(mu, me)));

    const j1 = await call(main.url, 'GET', `/api/v1/public/track/${newToken(18)}`);
    const j2 = await call(main.url, 'GET', `/api/v1/public/track/${expired[0].token}`);
    expect(j1.status).toBe(404);
    expect(j1.body).toEqual(j2.body);
    expect(j1.body.error.code).toBe('tracking_not_found');
  });
});

describe('rate limits', () => {
  it('page, JSON and phone check answer 429 with Retry-After past the limit, counted per client address', async () => {
    const a = await api({ limits: { pagePerMin: 3, jsonPerMin: 2, verifyPerHour: 2, verifyTriesPerHour: 100 } });
    for (let i = 0; i < 3; i++) expect((await get(a, `/t/${live.token}`)).status).toBe(200);
    const r = await get(a, `/t/${live.token}`);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    // Unknown tokens count too: enumeration is what the limit is for.
    expect((await get(a, `/t/${newToken(18)}`)).status).toBe(429);

    for (let i = 0; i < 2; i++) expect((await call(a.url, 'GET', `/api/v1/public/track/${live.token}`)).status).toBe(200);
    const j = await call(a.url, 'GET', `/api/v1/public/track/${live.token}`);
    expect(j.status).toBe(429);
    expect(j.body.error.code).toBe('rate_limited');
    expect(Number(j.headers.get('retry-after'))).toBeGreaterThan(0);

    const post = () => fetch(`${a.url}/t/${live.token}/verify`, { method: 'POST', body: 'last4=0000', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect((await post()).status).toBe(303);
    expect((await post()).status).toBe(303);
    const v = await post();
    expect(v.status).toBe(429);
    expect(v.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('phone check', () => {
  const post = (a: TestApi, token: string, last4: string) => fetch(`${a.url}/t/${token}/verify?lang=en`, { method: 'POST', body: `last4=${last4}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });

  it('wrong last 4 digits show no code; the right ones set a signed, HttpOnly, path-scoped cookie that shows the code and storage guidance', async () => {
    const s = await seedOrder();
    codes.set(s.shipmentId, '771204');
    const wrong = await post(main, s.token, '1234');
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const after = await (await get(main, wrong.headers.get('location')!)).text();
    expect(after).toContain('Those digits do not match');
    expect(after).not.toContain('771204');

    const right = await post(main, s.token, CUSTOMER.phone.slice(-4));
    expect(right.status).toBe(303);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/trk_v=\d+\.[A-Za-z0-9_-]{43}/);
    expect(cookie).toContain(`path=/t/${s.token}`);
    expect(cookie.toLowerCase()).toContain('httponly');
    expect(cookie.toLowerCase()).toContain('samesite=lax');
    const page = await (await get(main, `/t/${s.token}?lang=en`, { cookie: cookie.split(';')[0] })).text();
    expect(page).toContain('771204');
    expect(page).toContain('put it in the fridge (2–8 °C)');
    expect(page).toContain('Prescription medicine');
    expect(page).not.toContain('<form');
    expect(leaks(page, s)).toEqual([]);

    // The cookie is bound to its token: another order's page does not honour it, nor a forged one.
    const other = await seedOrder();
    codes.set(other.shipmentId, '555111');
    const elsewhere = await (await get(main, `/t/${other.token}`, { cookie: cookie.split(';')[0] })).text();
    expect(elsewhere).not.toContain('555111');
    const forged = await (await get(main, `/t/${s.token}`, { cookie: `trk_v=9999999999.${'A'.repeat(43)}` })).text();
    expect(forged).not.toContain('771204');
  });

  it('limits tries per link, whatever the address', async () => {
    const a = await api({ limits: { pagePerMin: 100, jsonPerMin: 100, verifyPerHour: 100, verifyTriesPerHour: 3 } });
    const s = await seedOrder();
    for (let i = 0; i < 3; i++) expect((await post(a, s.token, '0000')).status).toBe(303);
    const locked = await post(a, s.token, CUSTOMER.phone.slice(-4));
    expect(locked.status).toBe(429);
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect(await locked.text()).toContain('Too many tries');
  });
});

describe('the bag label', () => {
  it('prints the QR of the tracking link, the masked recipient, order code and class; no drug names; QR as SVG and PNG', async () => {
    const admin = await makeUser('admin');
    const html = await call(main.url, 'GET', `/api/v1/shipments/${live.shipmentId}/label?lang=zh-CN`, { token: admin.token });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const text: string = html.body;
    expect(text).toContain('张*');
    expect(text).toContain('138******78');
    expect(text).toContain(live.shipmentId);
    expect(text).toContain(`${live.token.slice(0, 4)}-${live.token.slice(4, 8)}`);
    expect(text).toContain('冷藏 2–8 °C');
    expect(text).toMatch(/<svg[^>]*viewBox/);
    expect(leaks(text, live).filter((x) => x !== '张' && x !== '78')).toEqual([]);
    expect(text).not.toContain(CUSTOMER.name);
    expect(text).not.toContain(CUSTOMER.phone);

    const svg = await fetch(`${main.url}/api/v1/shipments/${live.shipmentId}/label?format=svg`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    const svgText = await svg.text();
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"[^>]*>.*<\/svg>\s*$/s);

    const png = await fetch(`${main.url}/api/v1/shipments/${live.shipmentId}/label?format=png`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(png.headers.get('content-type')).toBe('image/png');
    const buf = Buffer.from(await png.arrayBuffer());
    expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: the first chunk, width and height as big-endian uint32 at bytes 16 and 20.
    expect(buf.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(buf.readUInt32BE(16)).toBe(buf.readUInt32BE(20));
    expect(buf.readUInt32BE(16)).toBeGreaterThanOrEqual(300);
  });

  it('a dispatcher and the own store may print; another store is refused; QA and riders may not; unknown is 404', async () => {
    const own = await makeUser('partner', { facilityId: live.facilityId });
    const other = await makeUser('partner', { facilityId: 'fac_elsewhere1' });
    const dispatcher = await makeUser('dispatcher');
    const qa = await makeUser('qa');
    const path = `/api/v1/shipments/${live.shipmentId}/label`;
    expect((await call(main.url, 'GET', path, { token: own.token })).status).toBe(200);
    expect((await call(main.url, 'GET', path, { token: dispatcher.token })).status).toBe(200);
    const refused = await call(main.url, 'GET', path, { token: other.token });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await call(main.url, 'GET', path, { token: qa.token })).status).toBe(403);
    expect((await call(main.url, 'GET', path)).status).toBe(401);
    const missing = await call(main.url, 'GET', `/api/v1/shipments/shp_nothere1/label`, { token: dispatcher.token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('shipment_not_found');
  });
});
