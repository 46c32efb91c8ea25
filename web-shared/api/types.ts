/**
 * The API's answers as the web apps read them (the fields they use), after
 * /api/v1/openapi.json and the routes' zod schemas.
 */
export type Role = 'admin' | 'dispatcher' | 'qa' | 'rider' | 'partner';

export interface User { id: string; username: string; displayName: string; role: Role; facilityId: string | null; riderId: string | null }

export interface LatLng { lat: number; lng: number }

export type Tier = 'central' | 'forward' | 'store';

export interface Facility { id: string; name: string; tier: Tier; location: LatLng; address: string; timeZone: string; coldCapabilities: string[]; riderCap: number; active: boolean }

export interface Rider {
  id: string; name: string; homeFacilityId: string; vehicleType: string; status: 'online' | 'offline'; active: boolean;
  lastPosition: (LatLng & { at: string }) | null;
}

export type OrderStatus = 'awaiting_rx' | 'awaiting_confirmation' | 'confirmed' | 'in_delivery' | 'delivered' | 'cancelled';

export interface OrderShipmentRef { id: string; facilityId: string; status: string; riderId: string | null }

export interface OrderListItem { id: string; status: OrderStatus; channel: string; deliveryMode: string; dueAt: string; createdAt: string; rxStatus: string; shipments: OrderShipmentRef[] }

export interface Order {
  id: string; channel: string; externalRef: string | null; status: OrderStatus; deliveryMode: string;
  window: { start: string | null; end: string };
  customer: { name: string; phone: string; address: string; location: LatLng | null; masked: boolean };
  rx: { ref: string | null; status: string };
  items: Array<{ line: number; skuId: string; quantity: number }>;
  shipments: Array<OrderShipmentRef & { eta: string | null; dueAt: string; coldClasses: string[] }>;
  cancelReason: string | null;
  createdAt: string;
}

export interface OrderEvent { at: string; type: string; status: string | null; actorId: string | null; detail: unknown }

export type Severity = 'critical' | 'major' | 'minor' | 'warning';

export interface Alarm {
  id: string; boxId: string; type: string; severity: Severity; status: 'active' | 'acknowledged' | 'resolved'; condition: 'active' | 'cleared';
  temperatureClass: string | null; shipmentIds: string[]; facilityIds: string[]; raisedAt: string; escalationTier: number; ackNote: string | null;
}

export interface Basemap {
  networkVersion: number;
  bbox: [number, number, number, number] | null;
  roadTiles: { url: string; tileSize: number; minZoom: number; maxZoom: number };
  external: { url: string; attribution: string; crs: 'wgs84' | 'gcj02' } | null;
}

/** One tile of the offline base map: per road class, lines in tile pixels. */
export interface RoadTile { networkVersion: number; roads: Array<{ class: string; lines: Array<Array<[number, number]>> }> }

export interface FeatureCollection { type: 'FeatureCollection'; features: Array<{ type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }> }
