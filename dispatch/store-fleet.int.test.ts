/**
 * A store's own boxes and riders (GET /facilities/:id/boxes, /riders): what the partner page
 * lists. A partner gets its own store's and is refused another's; staff may ask for any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeUser, startTestApi, uniq, type TestApi, type TestUser } from '../platform/testing/harness';
import { dispatchModule } from './http';

let api: TestApi;
let admin: TestUser, dispatcher: TestUser, qa: TestUser, partner: TestUser;
const storeA = uniq('fac_'), storeB = uniq('fac_');
const boxA = uniq('box_'), boxB = uniq('box_'), riderA = uniq('rdr_'), riderB = uniq('rdr_');

async function post(p: string, body: unknown) {
  const r = await call(api.url, 'POST', `/api/v1${p}`, { token: admin.token, body });
  expect(r.status, `POST ${p}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
}

beforeAll(async () => {
  api = await startTestApi([dispatchModule()]);
  admin = await makeUser('admin');
  dispatcher = await makeUser('dispatcher');
  qa = await makeUser('qa');
  partner = await makeUser('partner', { facilityId: storeA });
  for (const [f, b, r, lat] of [[storeA, boxA, riderA, 23.118], [storeB, boxB, riderB, 23.121]] as const) {
    await post('/facilities', { id: f, name: `药房 ${f}`, tier: 'store', location: { lat, lng: 113.318 }, openingHours: { alwaysOpen: true }, coldCapabilities: ['ambient', 'chilled'] });
    await post('/boxes', { id: b, facilityId: f, kind: 'passive', holdoverMinutes: { summer: 240, winter: 360 }, calibrationDue: '2099-01-01', compartments: [{ temperatureClass: 'chilled', capacityUnits: 10 }] });
    await post('/riders', { id: r, name: '王骑手', homeFacilityId: f, vehicleType: 'e_bike' });
  }
}, 60_000);
afterAll(async () => { await api?.close(); });

describe('a store\'s own fleet', () => {
  it('gives a partner its store\'s boxes and riders, and nothing of another store', async () => {
    const boxes = await call(api.url, 'GET', `/api/v1/facilities/${storeA}/boxes`, { token: partner.token });
    expect(boxes.status).toBe(200);
    expect(boxes.body.boxes.map((b: { id: string }) => b.id)).toEqual([boxA]);
    expect(boxes.body.boxes[0]).toMatchObject({ facilityId: storeA, calibration: { state: 'ok' } });
    const riders = await call(api.url, 'GET', `/api/v1/facilities/${storeA}/riders`, { token: partner.token });
    expect(riders.status).toBe(200);
    expect(riders.body.riders.map((r: { id: string }) => r.id)).toEqual([riderA]);

    for (const what of ['boxes', 'riders']) {
      const other = await call(api.url, 'GET', `/api/v1/facilities/${storeB}/${what}`, { token: partner.token });
      expect(other.status, what).toBe(403);
      expect(other.body.error.code, what).toBe('other_store');
    }
  });

  it('lets staff read any store; QA reads boxes but not riders', async () => {
    for (const u of [admin, dispatcher]) {
      const r = await call(api.url, 'GET', `/api/v1/facilities/${storeB}/riders`, { token: u.token });
      expect(r.body.riders.map((x: { id: string }) => x.id)).toEqual([riderB]);
    }
    expect((await call(api.url, 'GET', `/api/v1/facilities/${storeB}/boxes`, { token: qa.token })).body.boxes.map((x: { id: string }) => x.id)).toEqual([boxB]);
    expect((await call(api.url, 'GET', `/api/v1/facilities/${storeB}/riders`, { token: qa.token })).status).toBe(403);
  });

  it('refuses a malformed facility id with a stable code, and an unknown store is empty', async () => {
    const bad = await call(api.url, 'GET', '/api/v1/facilities/not-a-facility/boxes', { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const none = await call(api.url, 'GET', `/api/v1/facilities/${uniq('fac_')}/riders`, { token: admin.token });
    expect(none.status).toBe(200);
    expect(none.body.riders).toEqual([]);
  });
});
