/**
 * The admin pages' endpoints: one typed function each over the shared `request` (which is
 * the only caller of fetch). Reasons go in the body, where the API's audit reads them.
 */
import { API_BASE, request, type Query } from '../../../../web-shared/api/client';
import type { Facility, FeatureCollection, LatLng, Role, Rider, Tier } from '../../../../web-shared/api/types';

export interface AdminUser { id: string; username: string; displayName: string; role: Role; facilityId: string | null; riderId: string | null; active: boolean; createdAt: string }
export interface BoxRow {
  id: string; facilityId: string; kind: 'passive' | 'active'; status: string; riderId: string | null; batteryPct: number | null; calibrationDue: string;
  calibration: { state: 'ok' | 'due_soon' | 'overdue'; daysLeft: number };
  model: { id: string; name: string; gspAccurate: boolean };
  certificate: 'declared' | 'documented' | null;
  lifecycle: { state: BoxState; sealNumber: string | null };
}
export type BoxState = 'idle' | 'pre_cooling' | 'ready' | 'packed' | 'sealed' | 'in_use' | 'returned' | 'cleaning';
export type BoxStaffAction = 'start_precool' | 'stop_precool' | 'pack' | 'seal' | 'return' | 'clean' | 'cleaned';
export interface BoxLifecycle {
  boxId: string; facilityId: string; state: BoxState; sealNumber: string | null; precoolMinutes: number;
  readiness: { ready: boolean; since: string | null; reason: string | null; message: string | null } | null;
  events: Array<{
    seq: number; action: BoxStaffAction | 'became_ready' | 'warmed' | 'pick_up' | 'seal_mismatch'; from: BoxState; to: BoxState; at: string;
    actor: { id: string | null; role: string | null }; checklist: Record<string, boolean> | null; sealNumber: string | null; shipmentId: string | null; detail: Record<string, unknown>;
  }>;
}
export interface ProbeRange { fromC: number; toC: number; accuracyC: number }
export interface HoldoverPoint { ambientC: number; minutes: number }
export interface DeviceModelInput { maker: string; name: string; probeAccuracy: ProbeRange[]; sampleIntervalS: number; bufferReadings: number; holdover: HoldoverPoint[] }
export interface DeviceModel extends DeviceModelInput { id: string; gsp: { accurate: boolean; reason: string | null }; boxes: number }
export interface Certificate {
  id: string; boxId: string; source: 'declared' | 'documented'; certificateNumber: string | null; issuer: string | null; calibratedOn: string | null; dueOn: string;
  contentType: string | null; sha256: string | null; bytes: number | null; uploadedBy: string | null; uploadedAt: string;
}
export interface CertificateMeta { certificateNumber: string; issuer: string; calibratedOn: string; dueOn: string }
export interface MqttCredentials { username: string; clientId: string; password: string; topics: { publish: string; commands: string } }
export type TemperatureClass = 'ambient' | 'chilled' | 'frozen';
export interface Sku { id: string; name: string; genericName: string; temperatureClass: TemperatureClass; rx: boolean; stabilityProfile: string; stabilityBudgetMin: number | null; volumeUnits: number }
export interface AlarmProfileRow { facilityId: string; productClass: 'chilled' | 'frozen' | 'ambient'; override: Record<string, unknown>; escalation: unknown[] }
export type AreaSpec = { kind: 'radius'; radiusM: number } | { kind: 'isochrone'; driveMinutes: number };
export interface ServiceArea { facilityId: string; kind: 'radius' | 'isochrone'; radiusM: number | null; driveMinutes: number | null }

export interface SentNotification { channel: 'sms' | 'email'; to: string; subject: string | null; text: string; reference: string; at: string }

const enc = encodeURIComponent;

export const adminApi = {
  users: () => request<{ users: AdminUser[] }>('GET', '/users'),
  createUser: (b: { username: string; displayName: string; role: Role; password: string; facilityId?: string; riderId?: string }) => request<AdminUser>('POST', '/users', { body: b }),
  updateUser: (id: string, b: { role?: Role; active?: boolean; facilityId?: string | null; riderId?: string | null; displayName?: string; reason: string }) =>
    request<AdminUser>('PATCH', `/users/${enc(id)}`, { body: b }),
  setPassword: (id: string, password: string, reason: string) => request<void>('POST', `/users/${enc(id)}/password`, { body: { password, reason } }),
  unlockUser: (id: string, reason: string) => request<void>('POST', `/users/${enc(id)}/unlock`, { body: { reason } }),

  facilities: () => request<{ facilities: Facility[] }>('GET', '/facilities'),
  createFacility: (b: { name: string; tier: Tier; location: LatLng; address: string; openingHours: { alwaysOpen: true }; coldCapabilities: TemperatureClass[]; serviceArea: AreaSpec }) =>
    request<Facility>('POST', '/facilities', { body: b }),
  serviceAreas: (facilityIds?: string[]) => request<FeatureCollection>('GET', '/geo/service-areas', { query: { facility: facilityIds?.join(',') } }),
  setServiceArea: (facilityId: string, b: { center: LatLng; reason: string } & AreaSpec) => request<ServiceArea>('PUT', `/geo/service-areas/${enc(facilityId)}`, { body: b }),

  boxes: (q: { facilityId?: string } = {}) => request<{ boxes: BoxRow[] }>('GET', '/boxes', { query: q }),
  registerBox: (b: { id?: string; facilityId: string; kind: 'passive' | 'active'; holdoverMinutes: { summer: number; winter: number }; calibrationDue: string; compartments: Array<{ temperatureClass: TemperatureClass; capacityUnits: number }> }) =>
    request<BoxRow>('POST', '/boxes', { body: b }),
  pairBox: (id: string, riderId: string | null) => request<BoxRow>('POST', `/boxes/${enc(id)}/pairing`, { body: { riderId } }),
  issueCredentials: (id: string, reason: string) => request<MqttCredentials>('POST', `/boxes/${enc(id)}/mqtt-credentials`, { body: { reason } }),
  revokeCredentials: (id: string, reason: string) => request<void>('DELETE', `/boxes/${enc(id)}/mqtt-credentials`, { reason }),
  deviceModels: () => request<{ models: DeviceModel[] }>('GET', '/device-models'),
  createDeviceModel: (b: DeviceModelInput) => request<DeviceModel>('POST', '/device-models', { body: b }),
  updateDeviceModel: (id: string, b: DeviceModelInput) => request<DeviceModel>('PUT', `/device-models/${enc(id)}`, { body: b }),
  deleteDeviceModel: (id: string) => request<void>('DELETE', `/device-models/${enc(id)}`),
  setBoxModel: (boxId: string, modelId: string) => request<{ boxId: string; modelId: string }>('PUT', `/boxes/${enc(boxId)}/model`, { body: { modelId } }),
  boxLifecycle: (boxId: string) => request<BoxLifecycle>('GET', `/boxes/${enc(boxId)}/lifecycle`),
  stepBoxLifecycle: (boxId: string, b: { action: BoxStaffAction; checklist?: Record<string, boolean>; sealNumber?: string }) => request<BoxLifecycle>('POST', `/boxes/${enc(boxId)}/lifecycle`, { body: b }),
  certificates: (boxId: string) => request<{ certificates: Certificate[] }>('GET', `/boxes/${enc(boxId)}/certificates`),
  uploadCertificate: (boxId: string, meta: CertificateMeta, file: Blob) => request<Certificate>('POST', `/boxes/${enc(boxId)}/certificates`, { query: { ...meta }, file }),
  /** A link, not a call: the browser downloads the document with the session cookie. */
  certificateUrl: (boxId: string, certId: string) => `${API_BASE}/boxes/${enc(boxId)}/certificates/${enc(certId)}`,
  riders: (q: { facilityId?: string } = {}) => request<{ riders: Rider[] }>('GET', '/riders', { query: q as Query }),

  skus: (q: { q?: string; limit?: number } = {}) => request<{ skus: Sku[] }>('GET', '/skus', { query: q as Query }),
  createSku: (b: { name: string; genericName: string; temperatureClass: TemperatureClass; rx: boolean; volumeUnits: number }) => request<Sku>('POST', '/skus', { body: b }),

  notificationsSent: (q: { channel?: 'sms' | 'email'; limit?: number } = {}) => request<{ configured: boolean; messages: SentNotification[] }>('GET', '/demo/notifications-sent', { query: q as Query }),

  alarmProfiles: () => request<{ profiles: AlarmProfileRow[] }>('GET', '/telemetry/alarm-profiles'),
  setAlarmProfile: (facilityId: string, productClass: string, b: { override: Record<string, unknown>; escalation: unknown[]; reason: string }) =>
    request<{ facilityId: string; productClass: string; profile: Record<string, unknown> }>('PUT', `/telemetry/alarm-profiles/${enc(facilityId)}/${enc(productClass)}`, { body: b }),
};
