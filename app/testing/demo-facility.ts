/**
 * One facility of the demo network with its stock, a few of its riders (each with a box) and
 * the SKUs it holds, loaded as `npm start` loads the whole demo (dispatch/seed.ts), at a place
 * the caller chooses: the test stack's road network is smaller than the demo city. For tests
 * outside app/ that want demo data (sim/'s own tests); riders are on shift round the clock so
 * the planner gives them work whenever the test runs.
 */
import { appDb } from '../../platform/db/pool';
import { generateDemoNetwork, type DemoFacility } from '../../dispatch/demo/network';
import { loadDemoNetwork } from '../../dispatch/seed';

export async function loadDemoFacility(opts: { pick: (f: DemoFacility) => boolean; location?: { lat: number; lng: number }; riders?: number }): Promise<{ facility: DemoFacility; riderIds: string[]; boxIds: string[] }> {
  const demo = generateDemoNetwork();
  const found = demo.facilities.find(opts.pick);
  if (!found) throw new Error('no demo facility matches');
  const facility = opts.location ? { ...found, location: opts.location } : found;
  const riders = demo.riders.filter((r) => r.homeFacilityId === facility.id).slice(0, opts.riders ?? 3).map((r) => ({ ...r, shift: { ...r.shift, start: '00:00', end: '00:00' } }));
  const boxes = demo.boxes.filter((b) => b.homeFacilityId === facility.id).slice(0, riders.length);
  const lots = demo.lots.filter((l) => l.facilityId === facility.id);
  const skus = demo.skus.filter((s) => lots.some((l) => l.skuId === s.id));
  await loadDemoNetwork(appDb(), { facilities: [facility], skus, lots, riders, boxes });
  return { facility, riderIds: riders.map((r) => r.id), boxIds: boxes.map((b) => b.id) };
}
