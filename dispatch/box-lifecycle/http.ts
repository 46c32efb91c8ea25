/** HTTP routes of the box lifecycle (store.ts): staff run the steps; partners for their own store's boxes. */
import { z } from 'zod';
import { route, schemas, type RequestContext } from '../../platform/http/route';
import { applyBoxStep, boxLifecycle, type ReadinessCheck } from './store';
import { BOX_STATES, CHECKLIST_ITEMS, STAFF_ACTIONS, SYSTEM_ACTIONS } from './machine';

const boxParams = z.object({ id: schemas.id('box') }).strict();
const Iso = z.string().meta({ description: 'ISO 8601 instant (UTC)' });

const ChecklistIn = z.object(Object.fromEntries(CHECKLIST_ITEMS.map((k) => [k, z.boolean()])) as Record<(typeof CHECKLIST_ITEMS)[number], z.ZodBoolean>).strict()
  .meta({ description: 'The packing checklist: coolant isolated from the product, product placed, probe in its fixed position; every item must be true to pack' });

export const BoxStepBody = z.object({
  action: z.enum(STAFF_ACTIONS),
  checklist: ChecklistIn.optional().meta({ description: 'pack: the packing checklist, every item true' }),
  sealNumber: z.string().max(64).optional().meta({ description: 'seal: the number printed on the one-time seal, 6–20 letters and digits (case does not matter)' }),
  note: z.string().trim().max(500).optional(),
}).strict();

export const BoxLifecycleOut = z.object({
  boxId: z.string(), facilityId: z.string(), state: z.enum(BOX_STATES),
  sealNumber: z.string().nullable().meta({ description: 'The seal on the box now (sealed, in_use)' }),
  precoolMinutes: z.int(),
  readiness: z.object({ ready: z.boolean(), since: Iso.nullable(), reason: z.string().nullable(), message: z.string().nullable() }).nullable()
    .meta({ description: 'pre_cooling, ready, packed: whether the box\'s readings have been in range for its pre-cool minutes up to now (the pickup check), and if not why' }),
  events: z.array(z.object({
    seq: z.int(), action: z.enum([...STAFF_ACTIONS, ...SYSTEM_ACTIONS]), from: z.enum(BOX_STATES), to: z.enum(BOX_STATES), at: Iso,
    actor: z.object({ id: z.string().nullable(), role: z.string().nullable() }),
    checklist: z.record(z.string(), z.boolean()).nullable(), sealNumber: z.string().nullable(), shipmentId: z.string().nullable(), detail: z.record(z.string(), z.unknown()),
  })),
}).meta({ id: 'BoxLifecycle' });

const actorOf = (rc: RequestContext) => ({ id: rc.user?.id ?? null, role: rc.user?.role ?? null, facilityId: rc.user?.facilityId ?? null });

/** Without telemetry's readings (a dispatch-only test API) no box ever shows it has pre-cooled. */
const NO_READINGS: ReadinessCheck = async () => ({ ready: false, reason: 'no_readings', message: 'This server does not read box temperatures.' });

export function boxLifecycleRoutes(check: ReadinessCheck = NO_READINGS) {
  return [
    route({
      method: 'get', path: '/boxes/:id/lifecycle', operationId: 'getBoxLifecycle', response: BoxLifecycleOut, tags: ['fleet'], access: ['admin', 'dispatcher', 'qa', 'partner'], params: boxParams,
      errors: { 403: { codes: ['other_store'] }, 404: { codes: ['box_not_found'] } },
      summary: 'A box\'s lifecycle state (idle, pre_cooling, ready, packed, sealed, in_use, returned, cleaning), its pre-cool readiness from its readings, and every step with who and when',
      async handler({ params }, rc) { return { body: await boxLifecycle(params.id, actorOf(rc), check) }; },
    }),
    route({
      method: 'post', path: '/boxes/:id/lifecycle', operationId: 'stepBoxLifecycle', response: BoxLifecycleOut, tags: ['fleet'], access: ['admin', 'dispatcher', 'partner'], params: boxParams, body: BoxStepBody, successStatus: 200,
      errors: {
        400: { codes: ['validation_failed', 'checklist_incomplete', 'seal_number_required', 'seal_number_invalid'] },
        403: { codes: ['other_store'] }, 404: { codes: ['box_not_found'] },
        409: { codes: ['transition_not_allowed', 'box_not_ready', 'box_not_precooled', 'seal_number_used', 'box_carrying'] },
      },
      examples: {
        request: { action: 'seal', sealNumber: 'GZ2026A00017' },
      },
      summary: 'A staff step on a box: start_precool, stop_precool, pack (with the packing checklist), seal (with the one-time seal number; the logger must be in range for the pre-cool minutes), return, clean, cleaned',
      async handler({ params, body }, rc) { return { body: await applyBoxStep(params.id, body, actorOf(rc), check, rc.audit) }; },
    }),
  ];
}
