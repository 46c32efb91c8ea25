/**
 * Which alarms quarantine a shipment (telemetry.qa_quarantine_alarm, on the real database):
 * excursions, freezes, an exhausted stability budget and lost monitoring do, for every shipment
 * the alarm names; a short data gap, a warning or an alarm on an empty box does not. A freeze
 * raised critical makes the case need two signers.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { requireStack, uniq } from '../../platform/testing/harness';
import { appDb } from '../../platform/db/pool';
import { applyEvents } from '../alarms/store';
import type { ExcursionEvent } from '../excursion';
import { lifecycleReason, quarantineFromLifecycle } from './cases';

beforeAll(() => { requireStack(); });

async function raise(type: ExcursionEvent['type'], severity: ExcursionEvent['severity'], shipmentIds: string[]) {
  const boxId = uniq('box_');
  const [ch] = await applyEvents(appDb(), [{
    scope: { boxId, temperatureClass: 'chilled', shipmentIds, facilityIds: ['fac_qa0001'], riderIds: [] },
    event: { type, action: 'raise', severity, at: Date.now() - 1000, retrospective: false, details: { t: -1 } },
  }]);
  return ch.alarm;
}

const casesOf = async (shp: string) => (await appDb().query(
  `SELECT c.id, c.critical, c.status, array_agg(r.code ORDER BY r.recorded_at) AS codes FROM telemetry.qa_cases c JOIN telemetry.qa_case_reasons r ON r.case_id = c.id WHERE c.shipment_id = $1 GROUP BY c.id`, [shp])).rows;

describe('quarantine by alarm', () => {
  it('FREEZE (critical), BUDGET_EXCEEDED and MONITORING_LOST quarantine every shipment in the box; a freeze needs two signers', async () => {
    const a = uniq('shp_'), b = uniq('shp_');
    await raise('FREEZE', 'critical', [a, b]);
    for (const shp of [a, b]) expect(await casesOf(shp)).toMatchObject([{ critical: true, status: 'open', codes: ['freeze'] }]);
    const c = uniq('shp_');
    await raise('BUDGET_EXCEEDED', 'major', [c]);
    await raise('MONITORING_LOST', 'major', [c]);
    expect(await casesOf(c)).toMatchObject([{ critical: false, codes: ['budget_exceeded', 'monitoring_gap'] }]);
  });

  it('a short data gap, a warning, a door alarm or an alarm on an empty box quarantines nothing', async () => {
    const shp = uniq('shp_');
    await raise('DATA_GAP', 'warning', [shp]);
    await raise('WARN_HIGH', 'warning', [shp]);
    await raise('DOOR_OPEN', 'major', [shp]);
    expect(await casesOf(shp)).toEqual([]);
    const before = (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.qa_cases`)).rows[0].n;
    await raise('TEMP_HIGH', 'major', []);
    expect((await appDb().query(`SELECT count(*)::int AS n FROM telemetry.qa_cases`)).rows[0].n).toBe(before);
  });

  it('the same alarm raised again adds no reason; a lifecycle step is recorded once however often it is replayed', async () => {
    const shp = uniq('shp_');
    const boxId = uniq('box_');
    const scope = { boxId, temperatureClass: 'chilled', shipmentIds: [shp], facilityIds: ['fac_qa0001'], riderIds: [] };
    const ev = (): ExcursionEvent => ({ type: 'TEMP_HIGH', action: 'raise', severity: 'major', at: Date.now() - 1000, retrospective: false, details: {} });
    await applyEvents(appDb(), [{ scope, event: ev() }]);
    await applyEvents(appDb(), [{ scope, event: { ...ev(), action: 'clear' } }]);
    await applyEvents(appDb(), [{ scope, event: ev() }]);
    const t = { shipmentId: shp, to: 'returned', failCode: null, coldClasses: ['chilled'], at: new Date() };
    const first = await quarantineFromLifecycle(appDb(), t);
    expect(first).toMatch(/^qac_/);
    expect(await quarantineFromLifecycle(appDb(), t)).toBeNull();
    expect(await casesOf(shp)).toMatchObject([{ id: first, codes: ['excursion', 'cold_return'] }]);
  });
});

describe('lifecycleReason', () => {
  it('quarantines a cold-chain breach and a returned cold shipment, nothing else', () => {
    expect(lifecycleReason({ to: 'failed', failCode: 'cold_chain_breach', coldClasses: ['chilled'] })).toBe('cold_chain_breach');
    expect(lifecycleReason({ to: 'failed', failCode: 'customer_absent', coldClasses: ['chilled'] })).toBeNull();
    expect(lifecycleReason({ to: 'returned', coldClasses: ['ambient', 'frozen'] })).toBe('cold_return');
    expect(lifecycleReason({ to: 'returned', coldClasses: ['ambient'] })).toBeNull();
    expect(lifecycleReason({ to: 'delivered', coldClasses: ['chilled'] })).toBeNull();
  });
});
