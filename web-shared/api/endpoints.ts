/** Each endpoint the web apps use: one typed function over `request`, its types from the generated `operations`. */
import { request, type Query } from './client';
import type { Answer, QueryOf, RequestBody } from './types';

export const api = {
  login: (username: string, password: string) =>
    request<Answer<'login'>>('POST', '/auth/login', { body: { username, password } satisfies RequestBody<'login'> }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Answer<'getCurrentUser'>>('GET', '/auth/me'),

  facilities: (q: QueryOf<'listFacilities'> = {}) => request<Answer<'listFacilities'>>('GET', '/facilities', { query: q }),
  riders: (q: QueryOf<'listRiders'> = {}) => request<Answer<'listRiders'>>('GET', '/riders', { query: q }),
  serviceAreas: () => request<Answer<'listServiceAreas'>>('GET', '/geo/service-areas'),
  basemap: () => request<Answer<'getBasemap'>>('GET', '/geo/basemap'),
  /** `url` is the template from `basemap()` with z/x/y filled in (it already starts with /api/v1). */
  roadTile: (url: string, signal?: AbortSignal) => request<Answer<'getRoadTile'>>('GET', url.replace(/^\/api\/v1/, ''), { signal }),

  orders: (q: QueryOf<'listOrders'> = {}) => request<Answer<'listOrders'>>('GET', '/orders', { query: q as Query }),
  /** Open orders with their delivery points and due times, for the live map. */
  mapOrders: (q: QueryOf<'listMapOrders'> = {}) => request<Answer<'listMapOrders'>>('GET', '/map/orders', { query: q as Query }),
  boxes: (q: QueryOf<'listBoxes'> = {}) => request<Answer<'listBoxes'>>('GET', '/boxes', { query: q as Query }),
  boxStates: (q: QueryOf<'listLatestBoxStates'> = {}) => request<Answer<'listLatestBoxStates'>>('GET', '/telemetry/boxes/latest', { query: q as Query }),
  order: (id: string) => request<Answer<'getOrder'>>('GET', `/orders/${encodeURIComponent(id)}`),
  orderEvents: (id: string) => request<Answer<'listOrderEvents'>>('GET', `/orders/${encodeURIComponent(id)}/events`),
  shipmentLifecycle: (id: string) => request<Answer<'getShipmentLifecycle'>>('GET', `/shipments/${encodeURIComponent(id)}/lifecycle`),
  temperatureSummary: (id: string) => request<Answer<'getTemperatureSummary'>>('GET', `/shipments/${encodeURIComponent(id)}/temperature-summary`),

  alarms: (q: QueryOf<'listAlarms'> = {}) => request<Answer<'listAlarms'>>('GET', '/telemetry/alarms', { query: q as Query }),
  acknowledgeAlarm: (id: string, note: string) =>
    request<Answer<'acknowledgeAlarm'>>('POST', `/telemetry/alarms/${encodeURIComponent(id)}/acknowledge`, { body: { note } satisfies RequestBody<'acknowledgeAlarm'> }),
  alarm: (id: string) => request<Answer<'getAlarm'>>('GET', `/telemetry/alarms/${encodeURIComponent(id)}`),
  resolveAlarm: (id: string, note: string) =>
    request<Answer<'resolveAlarm'>>('POST', `/telemetry/alarms/${encodeURIComponent(id)}/resolve`, { body: { note } satisfies RequestBody<'resolveAlarm'> }),
  readings: (q: QueryOf<'listReadings'>) => request<Answer<'listReadings'>>('GET', '/telemetry/readings', { query: q as Query }),
};
