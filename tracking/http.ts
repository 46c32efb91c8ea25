/** Tracking's HTTP routes: lifecycle actions, a shipment's lifecycle and custody record, delivery codes. */
import { z } from 'zod';
import { appDb } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { route, schemas, type RequestContext, type RouteModule } from '../platform/http/route';
import { latLngInputSchema } from '../geo';
import { FAIL_CODES, STATES } from './lifecycle/machine';
import { applyAction, lifecycleOf, type Actor, type ActionInput, type LifecycleDeps } from './lifecycle/store';
import { offerHandover, offersOf } from './lifecycle/handover';
import { issueDeliveryCode } from './pod/delivery-code';
import { DEFAULT_MAX_IMAGE_BYTES } from './pod/image';
import type { PodStore } from './pod/pod-store';
import { POD_CONTENT_TYPES, POD_KINDS, podFilesOf, podStoreFromConfig, readPodFile, storePodFile } from './pod/uploads';

const id = (p: string) => z.object({ id: schemas.id(p) }).strict();

const common = {
  clientEventId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an id of 1–64 letters, digits or _ . : -').optional()
    .meta({ description: 'The app\'s own id for this event: sending it again replays the first answer (offline queues)' }),
  deviceAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'When the rider acted, by the phone\'s clock' }),
  location: latLngInputSchema.optional(),
  accuracyM: z.number().min(0).max(100_000).optional(),
  note: z.string().trim().max(500).optional(),
};
const code = z.string().regex(/^\d{6}$/, 'the 6-digit delivery code').optional();
const photoId = schemas.id('pod').optional().meta({ description: 'A door photo uploaded first with POST /shipments/{id}/pod/photo' });
const signatureId = schemas.id('pod').optional().meta({ description: 'A signature image uploaded first with POST /shipments/{id}/pod/signature' });
const step = <A extends string>(action: A) => z.object({ action: z.literal(action), ...common }).strict();

export const ActionBody = z.discriminatedUnion('action', [
  step('arrive_pickup'),
  z.object({ action: z.literal('pick_up'), boxId: schemas.id('box'), label: z.string().trim().min(1).max(300).optional().meta({ description: 'What the shipment label\'s QR holds (the tracking link), or the shipment id typed in' }), riderId: schemas.id('rdr').optional(), ...common }).strict(),
  step('depart'),
  step('arriving'),
  z.object({
    action: z.literal('deliver'), code, photoId, signatureId,
    seal: z.string().trim().regex(/^[A-Za-z0-9]{6,20}$/, 'the seal number: 6 to 20 letters and digits').optional()
      .meta({ description: 'The number on the box\'s seal, read at the door; a number other than the one the box was sealed with is refused (seal_mismatch) and recorded' }),
    ...common,
  }).strict(),
  z.object({ action: z.literal('fail'), reason: z.enum(FAIL_CODES), photoId, ...common }).strict(),
  step('start_return'),
  step('return'),
  z.object({
    action: z.literal('hand_over'), toRiderId: schemas.id('rdr').optional(), toFacilityId: schemas.id('fac').optional(), boxId: schemas.id('box').optional(),
    label: z.string().trim().min(1).max(300).optional().meta({ description: 'Taking over a shipment offered to you (POST /shipments/{id}/handover-offers): what its label\'s QR holds, or the shipment id typed in; boxId is then the box it rides in from now on, paired with you' }),
    ...common,
  }).strict(),
  step('ready_for_pickup'),
  z.object({ action: z.literal('collect'), code, signatureId, ...common }).strict(),
]);

const Iso = z.string().meta({ description: 'ISO 8601 instant (UTC)' });

/** The answer to a lifecycle step: the new state, plus what the step did (pick_up: box and holdover; hand_over: from and to). */
const EventAnswer = z.object({
  shipmentId: z.string(), orderId: z.string(), state: z.enum(STATES), seq: z.int(), action: z.string(),
  reason: z.enum(FAIL_CODES).optional(),
  boxId: z.string().optional(),
  compartments: z.array(z.object({ temperatureClass: z.string(), units: z.int() })).optional(),
  holdoverMinutes: z.number().optional().meta({ description: 'pick_up: the box\'s validated holdover at the forecast ambient of the pickup hour (its model\'s table; the season table when the model has none), minutes' }),
  warnings: z.array(z.string()).optional(),
  fromRiderId: z.string().nullable().optional(), toRiderId: z.string().nullable().optional(), toFacilityId: z.string().nullable().optional(),
  offerId: z.int().optional().meta({ description: 'hand_over by the receiving rider: the offer it accepted' }),
  photo: z.object({ id: z.string(), sha256: z.string() }).optional().meta({ description: 'deliver, fail: the door photo the event names' }),
  signature: z.object({ id: z.string(), sha256: z.string() }).optional().meta({ description: 'deliver, collect: the signature image the event names' }),
}).meta({ id: 'ShipmentEventAnswer' });

const Lifecycle = z.object({
  shipmentId: z.string(), orderId: z.string(), facilityId: z.string(), state: z.enum(STATES), riderId: z.string().nullable(), inCustody: z.boolean(),
  pickedUpAt: Iso.nullable(), endedAt: Iso.nullable(),
  events: z.array(z.object({
    seq: z.int(), action: z.string(), from: z.string(), to: z.string(), reason: z.string().nullable(), note: z.string().nullable(),
    actor: z.object({ id: z.string().nullable(), role: z.string().nullable() }), riderId: z.string().nullable(), clientEventId: z.string().nullable(),
    deviceAt: Iso.nullable(), serverAt: Iso, location: z.object({ lat: z.number(), lng: z.number(), accuracyM: z.number().nullable() }).nullable(),
    detail: z.record(z.string(), z.unknown()),
  })),
  custody: z.array(z.object({
    holder: z.object({ kind: z.enum(['facility', 'rider', 'store', 'customer']), id: z.string().nullable() }), boxId: z.string().nullable(),
    from: Iso, to: Iso.nullable(), compartments: z.array(z.object({ temperatureClass: z.string(), units: z.int() })),
  })),
}).meta({ id: 'ShipmentLifecycle' });

const actorOf = (rc: RequestContext): Actor => ({ id: rc.user!.id, role: rc.user!.role, riderId: rc.user!.riderId, facilityId: rc.user!.facilityId });

/** Riders see their own shipments' lifecycle, partners their store's, staff all. */
async function readable(rc: RequestContext, shipmentId: string) {
  const l = await lifecycleOf(appDb(), shipmentId);
  if (!l) throw new AppError('not_found', 'shipment_not_found', `No shipment ${shipmentId}.`);
  const u = rc.user!;
  if (u.role === 'rider' && !l.events.some((e) => e.riderId === u.riderId) && l.riderId !== u.riderId) throw new AppError('forbidden', 'other_rider', 'A rider sees only the shipments they carry.');
  if (u.role === 'partner' && l.facilityId !== u.facilityId && !l.custody.some((k) => k.holder.kind === 'store' && k.holder.id === u.facilityId)) throw new AppError('forbidden', 'other_store', 'A partner account sees only its own store\'s shipments.');
  return l;
}

const HandoverOffer = z.object({
  id: z.int(), shipmentId: z.string(), fromRiderId: z.string(), toRiderId: z.string(), offeredAt: Iso,
  status: z.enum(['open', 'accepted', 'replaced']), closedAt: Iso.nullable(), boxId: z.string().nullable().meta({ description: 'accepted: the box the receiving rider put it in' }),
  coldClasses: z.array(z.string()),
}).meta({ id: 'HandoverOffer' });

const PodFile = z.object({
  id: z.string(), shipmentId: z.string(), kind: z.enum(POD_KINDS), contentType: z.string(), sha256: z.string(), bytes: z.number().int(),
  width: z.number().int(), height: z.number().int(), uploadedBy: z.string(), uploadedAt: z.string(),
}).meta({ id: 'PodFile' });

export function trackingModule(deps: LifecycleDeps, podStore: PodStore = podStoreFromConfig()): RouteModule {
  return {
    name: 'tracking',
    routes: [
      route({
        method: 'post', path: '/shipments/:id/events', operationId: 'recordShipmentEvent', response: EventAnswer,
        errors: { 403: { codes: ['other_rider', 'other_store'] }, 404: { codes: ['shipment_not_found'] }, 409: { codes: ['transition_not_allowed', 'shipment_ended', 'wrong_delivery_mode', 'client_event_id_reused', 'box_not_sealed', 'seal_mismatch'], description: 'The step is not allowed in the shipment\'s state, or the event id was used by someone else' } },
        examples: {
          request: { action: 'pick_up', boxId: 'box_th0007', label: 'https://track.example.cn/t/q8ZkV3nW5rT1', clientEventId: 'evt-20261205-0851-01', deviceAt: '2026-12-05T16:51:02+08:00', location: { lat: 23.1347, lng: 113.3228 }, accuracyM: 8 },
          response: { shipmentId: 'shp_4h8q2c', orderId: 'ord_7k2m9x', state: 'picked_up', seq: 2, action: 'pick_up', boxId: 'box_th0007', compartments: [{ temperatureClass: 'chilled', units: 2 }], holdoverMinutes: 240, warnings: [] },
        }, tags: ['tracking'], access: ['admin', 'dispatcher', 'rider', 'partner'], params: id('shp'), body: ActionBody, successStatus: 200,
        summary: 'A step in the delivery lifecycle (pickup, depart, deliver with the code, fail, return, handover, store pickup); replayable with clientEventId',
        async handler({ params, body }, rc) {
          const input: ActionInput = { ...body, deviceAt: body.deviceAt ? new Date(body.deviceAt) : undefined } as ActionInput;
          const a = await applyAction(params.id, input, actorOf(rc), rc.audit, deps);
          return { status: a.status, body: a.body };
        },
      }),
      route({
        method: 'get', path: '/shipments/:id/lifecycle', operationId: 'getShipmentLifecycle', response: Lifecycle, errors: { 403: { codes: ['other_rider', 'other_store'] }, 404: { codes: ['shipment_not_found'] } }, tags: ['tracking'], access: ['admin', 'dispatcher', 'qa', 'rider', 'partner'], params: id('shp'),
        summary: 'A shipment\'s state, every lifecycle event (who, when by phone and by server, where, why) and its custody legs',
        async handler({ params }, rc) { return { body: await readable(rc, params.id) }; },
      }),
      route({
        method: 'post', path: '/shipments/:id/pod/:kind', operationId: 'uploadProofOfDelivery', tags: ['tracking'], access: ['admin', 'dispatcher', 'rider', 'partner'],
        params: z.object({ id: schemas.id('shp'), kind: z.enum(POD_KINDS) }).strict(),
        binaryBody: { contentTypes: POD_CONTENT_TYPES, maxBytes: DEFAULT_MAX_IMAGE_BYTES }, response: PodFile,
        errors: { 403: { codes: ['other_rider', 'other_store'] }, 404: { codes: ['shipment_not_found'] }, 409: { codes: ['pod_not_now'] } },
        summary: 'Upload a door photo or a signature image (JPEG, PNG or WebP, at most 2 MB; Exif removed); name its id in deliver, fail or collect. The same bytes again give the same file',
        async handler({ params, body }, rc) {
          const file = await storePodFile(podStore, appDb(), { shipmentId: params.id, kind: params.kind, bytes: body as unknown as Buffer, actor: actorOf(rc) });
          await rc.audit(appDb(), { action: `pod.${params.kind}`, entityType: 'shipment', entityId: params.id, newValue: { fileId: file.id, sha256: file.sha256, bytes: file.bytes } });
          return { body: file };
        },
      }),
      route({
        method: 'get', path: '/shipments/:id/pod', operationId: 'listProofOfDelivery', tags: ['tracking'], access: ['admin', 'dispatcher', 'qa', 'rider', 'partner'], params: id('shp'),
        response: z.object({ files: z.array(PodFile) }),
        summary: 'The door photos and signatures recorded for a shipment, with their SHA-256',
        async handler({ params }, rc) {
          await readable(rc, params.id);
          return { body: { files: await podFilesOf(appDb(), params.id) } };
        },
      }),
      route({
        method: 'get', path: '/shipments/:id/pod/:fileId', operationId: 'getProofOfDeliveryFile', tags: ['tracking'], access: ['admin', 'dispatcher', 'qa', 'rider', 'partner'],
        produces: ['image/jpeg', 'image/png', 'image/webp'],
        params: z.object({ id: schemas.id('shp'), fileId: schemas.id('pod') }).strict(),
        summary: 'One door photo or signature image, as stored (checked against its SHA-256 first)',
        async handler({ params }, rc) {
          await readable(rc, params.id);
          const { file, bytes } = await readPodFile(podStore, appDb(), params.id, params.fileId);
          rc.koa.type = file.contentType;
          rc.koa.set('Cache-Control', 'private, max-age=3600');
          rc.koa.set('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
          rc.koa.body = bytes;
        },
      }),
      route({
        method: 'post', path: '/shipments/:id/handover-offers', operationId: 'offerHandover', response: HandoverOffer, successStatus: 200,
        errors: {
          400: { codes: ['handover_to_self'] }, 403: { codes: ['other_rider'] }, 404: { codes: ['shipment_not_found', 'rider_not_found'] },
          409: { codes: ['transition_not_allowed', 'shipment_ended', 'not_in_custody'], description: 'The shipment is not being carried by a rider' },
        },
        tags: ['tracking'], access: ['admin', 'dispatcher', 'rider'], params: id('shp'),
        body: z.object({
          toRiderId: schemas.id('rdr').meta({ description: 'The rider who is to take the shipment over (they accept it on their phone by scanning its label and their box)' }),
          clientEventId: common.clientEventId,
        }).strict(),
        summary: 'Offer a carried shipment to another rider; custody moves when that rider accepts (hand_over with the label and box they scanned). Replaces an open offer',
        async handler({ params, body }, rc) {
          return { body: await offerHandover(params.id, body, actorOf(rc), rc.audit) };
        },
      }),
      route({
        method: 'get', path: '/riders/me/handover-offers', operationId: 'listOwnHandoverOffers', tags: ['tracking'], access: ['rider'],
        response: z.object({ incoming: z.array(HandoverOffer), outgoing: z.array(HandoverOffer) }),
        errors: { 404: { codes: ['rider_not_found'] } },
        summary: 'The logged-in rider\'s handover offers of the last day: made to them (to accept) and made by them (accepted or still open)',
        async handler(_input, rc) {
          const riderId = rc.user!.riderId;
          if (!riderId) throw new AppError('not_found', 'rider_not_found', 'This account is not linked to a rider.');
          return { body: await offersOf(appDb(), riderId) };
        },
      }),
      route({
        method: 'post', path: '/shipments/:id/delivery-code', operationId: 'reissueDeliveryCode', response: z.object({ shipmentId: z.string(), reissued: z.literal(true) }), errors: { 404: { codes: ['shipment_not_found'] }, 409: { codes: ['no_code_now'] } }, tags: ['tracking'], access: ['admin', 'dispatcher'], params: id('shp'), successStatus: 200,
        reasonRequired: true, body: z.object({ reason: schemas.reason }).strict(),
        summary: 'Issue a new delivery code (after the old one locked); the customer sees it on their tracking page',
        async handler({ params }, rc) {
          const l = await lifecycleOf(appDb(), params.id);
          if (!l) throw new AppError('not_found', 'shipment_not_found', `No shipment ${params.id}.`);
          if (!['picked_up', 'in_transit', 'arriving', 'ready_for_pickup'].includes(l.state)) throw new AppError('conflict', 'no_code_now', `Shipment ${params.id} is ${l.state}: a code is issued only while it is on its way or waiting at the store.`);
          await issueDeliveryCode(appDb(), params.id);
          await rc.audit(appDb(), { action: 'delivery_code.reissue', entityType: 'shipment', entityId: params.id });
          return { body: { shipmentId: params.id, reissued: true } };
        },
      }),
    ],
  };
}
