/** Each endpoint the web apps use: one typed function over `request`. */
import { request, type Query } from './client';
import type { Alarm, Basemap, Facility, FeatureCollection, Order, OrderEvent, OrderListItem, OrderStatus, Rider, RoadTile, Tier, User } from './types';

export const api = {
  login: (username: string, password: string) => request<{ expiresAt: string; user: User }>('POST', '/auth/login', { body: { username, password } }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<User>('GET', '/auth/me'),

  facilities: (q: { tier?: Tier } = {}) => request<{ facilities: Facility[] }>('GET', '/facilities', { query: q }),
  riders: (q: { facilityId?: string; status?: 'online' | 'offline' } = {}) => request<{ riders: Rider[] }>('GET', '/riders', { query: q }),
  serviceAreas: () => request<FeatureCollection>('GET', '/geo/service-areas'),
  basemap: () => request<Basemap>('GET', '/geo/basemap'),
  /** `url` is the template from `basemap()` with z/x/y filled in (it already starts with /api/v1). */
  roadTile: (url: string, signal?: AbortSignal) => request<RoadTile>('GET', url.replace(/^\/api\/v1/, ''), { signal }),

  orders: (q: { status?: OrderStatus; facilityId?: string; tier?: Tier; from?: string; to?: string; limit?: number; before?: string } = {}) =>
    request<{ orders: OrderListItem[]; nextBefore: string | null }>('GET', '/orders', { query: q as Query }),
  order: (id: string) => request<Order>('GET', `/orders/${encodeURIComponent(id)}`),
  orderEvents: (id: string) => request<{ events: OrderEvent[] }>('GET', `/orders/${encodeURIComponent(id)}/events`),

  alarms: (q: { open?: 'true' | 'false'; severity?: string; limit?: number } = {}) => request<{ alarms: Alarm[]; nextBefore: string | null }>('GET', '/telemetry/alarms', { query: q as Query }),
  acknowledgeAlarm: (id: string, note: string) => request<Alarm>('POST', `/telemetry/alarms/${encodeURIComponent(id)}/acknowledge`, { body: { note } }),
};
