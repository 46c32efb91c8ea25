/** The endpoints the rider app uses, each a typed function over `request` (the fields it reads). */
import { API_BASE, ApiError, request } from './client';
import type { Alarm, LatLng, Order, Rider } from './types';
import type { Action, State } from '../lifecycle/lifecycle';

/** One stop of a rider's route as the planner stored it: no goods, only where, when and which step. */
export interface PlanStop { shipmentId: string; step: 'pickup' | 'delivery'; eta: string; lateness: number; lat: number; lng: number; locked: boolean }
export interface RiderPlan { planId: string | null; createdAt: string | null; route: { riderId: string; stops: PlanStop[]; travelS: number; distanceM: number } | null }

export interface LifecycleEvent { seq: number; action: Action; from: State; to: State; reason: string | null; clientEventId: string | null; deviceAt: string | null; serverAt: string }
export interface Lifecycle { shipmentId: string; orderId: string; facilityId: string; state: State; riderId: string | null; inCustody: boolean; events: LifecycleEvent[] }

export interface BoxState {
  boxId: string; ts: string | null; t: number[] | null; door: boolean | null; batt: number | null; online: boolean | null;
  shipmentIds: string[]; riderId: string | null;
}

/** A lifecycle step as the rider app sends it (POST /shipments/:id/events). */
export interface ActionBody {
  action: Action; clientEventId: string; deviceAt: string;
  boxId?: string; label?: string; code?: string; reason?: string; location?: LatLng; accuracyM?: number; note?: string;
  photoId?: string; signatureId?: string;
}

/** A rider-to-rider handover offer (tracking/lifecycle/handover.ts): no goods, only temperature classes. */
export interface HandoverOffer {
  id: number; shipmentId: string; fromRiderId: string; toRiderId: string; offeredAt: string;
  status: 'open' | 'accepted' | 'replaced'; closedAt: string | null; boxId: string | null; coldClasses: string[];
}

export interface PositionFix { at: string; lat: number; lng: number; accuracyM: number; speedMps?: number; headingDeg?: number }

/** Raw image bytes (not JSON), so not through `request`; errors read the same way. */
async function uploadImage(shipmentId: string, kind: 'photo' | 'signature', image: Blob): Promise<{ id: string; sha256: string }> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/shipments/${encodeURIComponent(shipmentId)}/pod/${kind}`, {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': image.type || 'image/png', accept: 'application/json' }, body: image,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server cannot be reached; check the network and try again.');
  }
  const json = await res.json().catch(() => undefined) as { id: string; sha256: string; error?: { code?: string; message?: string; details?: unknown } } | undefined;
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? `http_${res.status}`, json?.error?.message ?? `HTTP ${res.status}`, json?.error?.details ?? null);
  return json!;
}

export const riderApi = {
  upload: uploadImage,
  setStatus: (riderId: string, status: 'online' | 'offline') => request<Rider>('POST', `/riders/${encodeURIComponent(riderId)}/status`, { body: { status } }),
  plan: (riderId: string) => request<RiderPlan>('GET', `/riders/${encodeURIComponent(riderId)}/plan`),
  /** The logged-in rider's route: needs no rider id, so it can be asked for alongside /auth/me. */
  ownPlan: () => request<RiderPlan>('GET', '/riders/me/plan'),
  lifecycle: (shipmentId: string) => request<Lifecycle>('GET', `/shipments/${encodeURIComponent(shipmentId)}/lifecycle`),
  act: (shipmentId: string, body: ActionBody) => request<{ state: State } & Record<string, unknown>>('POST', `/shipments/${encodeURIComponent(shipmentId)}/events`, { body }),
  order: (id: string) => request<Order>('GET', `/orders/${encodeURIComponent(id)}`),
  positions: (positions: PositionFix[]) => request<{ accepted: number; flagged: number }>('POST', '/riders/me/positions', { body: { positions } }),
  boxes: () => request<{ boxes: BoxState[] }>('GET', '/telemetry/boxes/latest'),
  openAlarms: () => request<{ alarms: Alarm[] }>('GET', '/telemetry/alarms', { query: { open: 'true', limit: 50 } }),
  offerHandover: (shipmentId: string, toRiderId: string, clientEventId: string) => request<HandoverOffer>('POST', `/shipments/${encodeURIComponent(shipmentId)}/handover-offers`, { body: { toRiderId, clientEventId } }),
  handoverOffers: () => request<{ incoming: HandoverOffer[]; outgoing: HandoverOffer[] }>('GET', '/riders/me/handover-offers'),
  acknowledge: (id: string, note: string) => request<Alarm>('POST', `/telemetry/alarms/${encodeURIComponent(id)}/acknowledge`, { body: { note } }),
};
