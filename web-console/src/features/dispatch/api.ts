/** The dispatch page's endpoints: one typed function each over the shared request client. */
import { request } from '../../../../web-shared/api/client';
import type { PlanReason } from './plan-reason';

export interface PlanStop { shipmentId: string; step: 'pickup' | 'delivery'; eta: string; lateness: number; lat: number; lng: number; locked: boolean }
export interface PlanRoute { riderId: string; stops: PlanStop[]; travelS: number; distanceM: number }
export interface Plan {
  planId: string; facilityId: string; createdAt: string; reason: string | null; reasonCode?: PlanReason;
  unassigned: Array<{ shipmentId: string; reason: string; detail: string }>;
  routes: PlanRoute[];
  /** The facility's open shipments: order, promise, pin. */
  shipments: Array<{ id: string; orderId: string; status: string; dueAt: string; pinnedRiderId: string | null; coldClasses: string[] }>;
  holdover?: PlanHoldover | null;
}

export type PlanEdit =
  | { type: 'assign'; shipmentId: string; riderId: string; position?: number }
  | { type: 'reorder'; riderId: string; shipmentIds: string[] }
  | { type: 'unpin'; shipmentId: string };

export type BreachRule = 'late' | 'holdover' | 'capacity' | 'shift' | 'precedence' | 'pin' | 'unroutable';
export interface Breach {
  rule: BreachRule; riderId: string; shipmentId: string | null; new: boolean;
  minutes?: number; limitMinutes?: number; load?: number; capacity?: number; dimension?: string; pinnedTo?: string;
}
export interface EditPreview {
  facilityId: string; basePlanId: string; timeZone: string; computedAt: string; edit: PlanEdit;
  routes: Array<{ riderId: string; stops: PlanStop[]; travelS: number; distanceM: number; before: string[] }>;
  breaches: Breach[]; unassigned: string[];
}
/** The `details` of a 409 plan_changed. */
export interface PlanChanged {
  basePlanId: string; currentPlanId: string; currentCreatedAt: string; currentReason: string | null; currentReasonCode?: PlanReason;
  moved: Array<{ shipmentId: string; fromRiderId: string | null; toRiderId: string | null }>;
}
export interface PlanGeometry {
  planId: string | null;
  routes: Array<{ riderId: string; onRoads: boolean; geometry: { type: 'LineString'; coordinates: Array<[number, number]> }; durationS: number; distanceM: number }>;
}

const fac = (id: string) => `/facilities/${encodeURIComponent(id)}`;

export const dispatchApi = {
  plan: (facilityId: string) => request<Plan>('GET', `${fac(facilityId)}/plan`),
  replan: (facilityId: string) => request<Plan>('POST', `${fac(facilityId)}/plan`),
  preview: (facilityId: string, edit: PlanEdit) => request<EditPreview>('POST', `${fac(facilityId)}/plan/preview`, { body: { edit } }),
  applyEdit: (facilityId: string, basePlanId: string, edit: PlanEdit, reason: string) =>
    request<{ planId: string; preview: EditPreview }>('POST', `${fac(facilityId)}/plan/edits`, { body: { basePlanId, edit, reason } }),
  geometry: (facilityId: string) => request<PlanGeometry>('GET', `${fac(facilityId)}/plan/geometry`),
  pin: (shipmentId: string, riderId: string | null, reason: string) =>
    request<{ shipmentId: string; pinnedRiderId: string | null }>('POST', `/shipments/${encodeURIComponent(shipmentId)}/pin`, { body: { riderId }, reason }),
  cancelOrder: (orderId: string, reason: string) => request<unknown>('POST', `/orders/${encodeURIComponent(orderId)}/cancel`, { body: { reason } }),
};

export interface WeatherHour { at: string; ambientC: number; severe: boolean }
export interface ColdPause {
  id: string; facilityId: string; from: string; until: string; reason: string; createdBy: string; createdAt: string;
  liftedAt: string | null; liftedBy: string | null; active: boolean;
}
export interface FacilityWeather {
  facilityId: string; area: string; source: 'fixture' | 'provider' | 'fallback'; severeNow: boolean; severeFrom: string | null;
  hottest: WeatherHour | null; hours: WeatherHour[]; coldPause: ColdPause | null;
}
/** Why cold shipments got the time-out-of-fridge limit they did (the plan's `holdover`). */
export interface PlanHoldover {
  minutes: number; ambientC: number | null; forecastAt: string | null; beyondQualification: boolean;
  referenceMinutes: number | null; referenceAmbientC: number; basis: 'ambient' | 'season'; severe: boolean; shortened: boolean;
}

const encId = encodeURIComponent;
export const weatherApi = {
  weather: (facilityId: string, hours = 12) => request<FacilityWeather>('GET', `/facilities/${encId(facilityId)}/weather`, { query: { hours } }),
  pauses: (facilityId: string) => request<{ pauses: ColdPause[] }>('GET', `/facilities/${encId(facilityId)}/cold-pauses`),
  pause: (facilityId: string, b: { from?: string; until: string; reason: string }) => request<ColdPause>('POST', `/facilities/${encId(facilityId)}/cold-pauses`, { body: b }),
  lift: (pauseId: string, reason: string) => request<ColdPause>('POST', `/cold-pauses/${encId(pauseId)}/lift`, { body: { reason } }),
};
