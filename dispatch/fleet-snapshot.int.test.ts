import { describe, it, expect, afterEach } from 'vitest';
import { appDb } from '../platform/db/pool';
import { requireStack } from '../platform/testing/harness';
import { fleetChanged, fleetSnapshot } from './fleet-snapshot';
import { box, facility, rider } from './testing/fixtures';

requireStack();

const today = '2026-11-23';
const ttl = process.env.DISPATCH_FLEET_SNAPSHOT_MS;
afterEach(() => {
  if (ttl === undefined) delete process.env.DISPATCH_FLEET_SNAPSHOT_MS; else process.env.DISPATCH_FLEET_SNAPSHOT_MS = ttl;
  fleetChanged();
});

/** Writes a rider the way another process would: straight into the table, no local notice. */
const otherProcessAddsRider = (facilityId: string, id: string) =>
  appDb().query(`INSERT INTO dispatch.riders (id, name, home_facility_id, vehicle_type, speed_factor, shifts, status) VALUES ($1, '骑手', $2, 'e_bike', 1, '[]', 'online')`, [id, facilityId]);

describe('fleet snapshot', () => {
  it('counts free boxes per facility and class, and online riders', async () => {
    const f = await facility({ riders: 2 });
    await rider(f.id, 'offline');
    await box(f.id, { classes: ['chilled'] });
    await box(f.id, { classes: ['chilled', 'frozen'] });
    await box(f.id, { classes: ['frozen'], calibrationDue: '2020-01-01' }); // overdue: cannot leave
    const s = await fleetSnapshot(appDb(), today);
    expect(s.riders.get(f.id)).toBe(2);
    expect(s.boxes.get(f.id)).toEqual({ chilled: { freeNow: 2, nextFreeAt: null }, frozen: { freeNow: 1, nextFreeAt: null } });
  });

  it('is reused within DISPATCH_FLEET_SNAPSHOT_MS, read again after it or after a local change', async () => {
    process.env.DISPATCH_FLEET_SNAPSHOT_MS = '60000';
    const f = await facility({ riders: 1 });
    const first = await fleetSnapshot(appDb(), today);
    expect(first.riders.get(f.id)).toBe(1);
    await otherProcessAddsRider(f.id, `rdr_fs${Date.now().toString(36)}a`);
    expect((await fleetSnapshot(appDb(), today)).riders.get(f.id)).toBe(1); // cached: at most 60 s old
    expect((await fleetSnapshot(appDb(), '2026-11-24')).riders.get(f.id)).toBe(2); // a new day reads again
    await rider(f.id); // through this process: seen at once
    expect((await fleetSnapshot(appDb(), '2026-11-24')).riders.get(f.id)).toBe(3);

    process.env.DISPATCH_FLEET_SNAPSHOT_MS = '0'; // every order reads
    await otherProcessAddsRider(f.id, `rdr_fs${Date.now().toString(36)}b`);
    expect((await fleetSnapshot(appDb(), '2026-11-24')).riders.get(f.id)).toBe(4);
  });

  it('after the TTL, the first caller waits for a new read and callers meanwhile get the previous picture', async () => {
    process.env.DISPATCH_FLEET_SNAPSHOT_MS = '300';
    const f = await facility({ riders: 1 });
    const old = await fleetSnapshot(appDb(), today);
    await otherProcessAddsRider(f.id, `rdr_fs${Date.now().toString(36)}d`);
    await new Promise((r) => setTimeout(r, 350));
    const reading = fleetSnapshot(appDb(), today); // expired: this one reads again
    expect(await fleetSnapshot(appDb(), today)).toBe(old); // meanwhile: the previous picture, no wait
    const fresh = await reading;
    expect(fresh.riders.get(f.id)).toBe(2);
    expect(await fleetSnapshot(appDb(), today)).toBe(fresh);
    // Older than two TTLs, a picture is not handed out even while a read is under way.
    await new Promise((r) => setTimeout(r, 650));
    const again = fleetSnapshot(appDb(), today);
    const meanwhile = await fleetSnapshot(appDb(), today);
    expect(meanwhile).not.toBe(fresh);
    expect(meanwhile).toBe(await again); // it shared the read under way
  });

  it('a change made while a read is under way is not hidden by that read', async () => {
    process.env.DISPATCH_FLEET_SNAPSHOT_MS = '60000';
    const f = await facility({ riders: 0 });
    fleetChanged();
    const reading = fleetSnapshot(appDb(), today); // under way
    await otherProcessAddsRider(f.id, `rdr_fs${Date.now().toString(36)}c`);
    fleetChanged(); // …and this process learns of a change
    await reading;
    expect((await fleetSnapshot(appDb(), today)).riders.get(f.id)).toBe(1);
  });
});
