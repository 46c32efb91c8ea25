/** HTTP routes of the device-model registry and the boxes' calibration certificates (devices.ts). Admins write; staff read. */
import { z } from 'zod';
import { appDb, withTx } from '../platform/db/pool';
import { route, schemas } from '../platform/http/route';
import { localDateOf } from './domain/zoned-time';
import { fleetChanged } from './fleet-snapshot';
import {
  CERTIFICATE_CONTENT_TYPES, CERTIFICATE_MAX_BYTES, CertificateMeta, DeviceModelInput, addCertificate, certificateParams, createDeviceModel, deleteDeviceModel,
  getDeviceModel, listCertificates, listDeviceModels, readCertificateDocument, setBoxModel, updateDeviceModel,
} from './devices';
import { CertificateOut, DeviceModelOut } from './http-schemas';
import { AppError } from '../platform/errors';

const staff = ['admin', 'dispatcher', 'qa'] as const;
const modelParams = z.object({ id: schemas.id('dm') }).strict();
const boxParams = z.object({ id: schemas.id('box') }).strict();
const modelInvalid = { 400: { codes: ['validation_failed', 'range_inverted', 'holdover_unsorted'] } };

const EXAMPLE_MODEL = {
  maker: 'Elitech', name: 'RC-5+ TE', probeAccuracy: [{ fromC: -40, toC: -20, accuracyC: 1 }, { fromC: -20, toC: 40, accuracyC: 0.5 }, { fromC: 40, toC: 85, accuracyC: 1 }],
  sampleIntervalS: 60, bufferReadings: 32000, holdover: [{ ambientC: 10, minutes: 480 }, { ambientC: 25, minutes: 360 }, { ambientC: 35, minutes: 240 }],
};

export const deviceRoutes = [
  route({
    method: 'get', path: '/device-models', operationId: 'listDeviceModels', response: z.object({ models: z.array(DeviceModelOut) }), tags: ['fleet'], access: [...staff],
    summary: 'Device models: probe accuracy per range, sample interval, buffer, holdover table, and whether they meet GSP accuracy',
    async handler() { return { body: { models: await listDeviceModels(appDb()) } }; },
  }),
  route({
    method: 'post', path: '/device-models', operationId: 'createDeviceModel', response: DeviceModelOut, tags: ['fleet'], access: ['admin'], body: DeviceModelInput, successStatus: 201,
    errors: { ...modelInvalid, 409: { codes: ['already_exists'] } }, examples: { request: EXAMPLE_MODEL },
    summary: 'Add a device model (ranges from below to above, accuracy above 0 °C, holdover rows in ascending ambient temperature)',
    async handler({ body }, rc) {
      return withTx(appDb(), async (c) => {
        const m = await createDeviceModel(c, body);
        await rc.audit(c, { action: 'device_model.create', entityType: 'device_model', entityId: m.id, newValue: body });
        return { status: 201, body: m };
      });
    },
  }),
  route({
    method: 'get', path: '/device-models/:id', operationId: 'getDeviceModel', response: DeviceModelOut, tags: ['fleet'], access: [...staff], params: modelParams,
    errors: { 404: { codes: ['device_model_not_found'] } }, summary: 'One device model',
    async handler({ params }) {
      const m = await getDeviceModel(appDb(), params.id);
      if (!m) throw new AppError('not_found', 'device_model_not_found', `No device model ${params.id}.`);
      return { body: m };
    },
  }),
  route({
    method: 'put', path: '/device-models/:id', operationId: 'updateDeviceModel', response: DeviceModelOut, tags: ['fleet'], access: ['admin'], params: modelParams, body: DeviceModelInput,
    errors: { ...modelInvalid, 404: { codes: ['device_model_not_found'] }, 409: { codes: ['already_exists'] } },
    summary: 'Replace a device model\'s data; its boxes are judged by it from their next pairing',
    async handler({ params, body }, rc) {
      return withTx(appDb(), async (c) => {
        const { before, after } = await updateDeviceModel(c, params.id, body);
        await rc.audit(c, { action: 'device_model.update', entityType: 'device_model', entityId: params.id, oldValue: before, newValue: body });
        return { body: after };
      });
    },
  }),
  route({
    method: 'delete', path: '/device-models/:id', operationId: 'deleteDeviceModel', successStatus: 204, tags: ['fleet'], access: ['admin'], params: modelParams,
    errors: { 404: { codes: ['device_model_not_found'] }, 409: { codes: ['device_model_in_use', 'device_model_default'] } },
    summary: 'Remove a device model no box is of',
    async handler({ params }, rc) {
      await withTx(appDb(), async (c) => {
        const m = await deleteDeviceModel(c, params.id);
        await rc.audit(c, { action: 'device_model.delete', entityType: 'device_model', entityId: params.id, oldValue: m });
      });
      return { status: 204 };
    },
  }),
  route({
    method: 'put', path: '/boxes/:id/model', operationId: 'setBoxModel', response: z.object({ boxId: z.string(), modelId: z.string() }), tags: ['fleet'], access: ['admin'], params: boxParams,
    body: z.object({ modelId: schemas.id('dm') }).strict(), errors: { 404: { codes: ['box_not_found', 'device_model_not_found'] } },
    summary: 'Set the device model of a box',
    async handler({ params, body }, rc) {
      const r = await withTx(appDb(), async (c) => {
        const { before, after } = await setBoxModel(c, params.id, body.modelId);
        await rc.audit(c, { action: 'box.model', entityType: 'box', entityId: params.id, oldValue: { modelId: before }, newValue: { modelId: after } });
        return { boxId: params.id, modelId: after };
      });
      fleetChanged();
      return { body: r };
    },
  }),
  route({
    method: 'get', path: '/boxes/:id/certificates', operationId: 'listBoxCertificates', response: z.object({ certificates: z.array(CertificateOut) }), tags: ['fleet'], access: [...staff], params: boxParams,
    errors: { 404: { codes: ['box_not_found'] } }, summary: 'A box\'s calibration certificates, the one that sets its due date first',
    async handler({ params }) { return { body: { certificates: await listCertificates(appDb(), params.id) } }; },
  }),
  route({
    method: 'post', path: '/boxes/:id/certificates', operationId: 'uploadBoxCertificate', response: CertificateOut, tags: ['fleet'], access: ['admin'], params: boxParams, successStatus: 201,
    query: CertificateMeta, binaryBody: { contentTypes: CERTIFICATE_CONTENT_TYPES, maxBytes: CERTIFICATE_MAX_BYTES },
    errors: {
      400: { codes: ['document_unsupported', 'document_corrupt', 'document_type_mismatch', 'calibrated_in_future', 'due_before_calibration', 'interval_over_a_year'] },
      404: { codes: ['box_not_found'] }, 409: { codes: ['certificate_exists'] },
    },
    summary: 'Upload a calibration certificate (PDF, PNG or JPEG, at most 5 MB; the details in the query); its due date becomes the box\'s',
    async handler({ params, query, body }, rc) {
      const cert = await withTx(appDb(), async (c) => {
        const made = await addCertificate(c, { boxId: params.id, meta: query, bytes: body as unknown as Buffer, claimedType: rc.koa.get('content-type'), uploadedBy: rc.user?.id ?? null, today: localDateOf(new Date()) });
        await rc.audit(c, { action: 'box.certificate', entityType: 'box', entityId: params.id, newValue: { ...made } });
        return made;
      });
      fleetChanged();
      return { status: 201, body: cert };
    },
  }),
  route({
    method: 'get', path: '/boxes/:id/certificates/:certId', operationId: 'getBoxCertificateDocument', produces: ['application/pdf', 'image/png', 'image/jpeg'], tags: ['fleet'], access: [...staff],
    params: certificateParams, errors: { 404: { codes: ['certificate_not_found', 'no_document'] } },
    summary: 'A certificate\'s document as uploaded (checked against its SHA-256 first)',
    async handler({ params }, rc) {
      const { cert, bytes } = await readCertificateDocument(appDb(), params.id, params.certId);
      rc.koa.type = cert.contentType!;
      rc.koa.set('Content-Disposition', `attachment; filename="${params.id}-${cert.certificateNumber!.replace(/[^A-Za-z0-9._-]/g, '_')}.${cert.contentType === 'application/pdf' ? 'pdf' : cert.contentType === 'image/png' ? 'png' : 'jpg'}"`);
      rc.koa.set('Digest', `sha-256=${Buffer.from(cert.sha256!, 'hex').toString('base64')}`);
      rc.koa.body = bytes;
    },
  }),
];
