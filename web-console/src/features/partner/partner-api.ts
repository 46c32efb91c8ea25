/**
 * The partner store page's endpoints. Every one names the store in its path or query, so a
 * partner's page asks only about its own facility (the API would refuse another anyway).
 */
import { request } from '../../../../web-shared/api/client';
import type { Facility, OrderListItem, Rider } from '../../../../web-shared/api/types';
import type { BoxRow, Sku } from '../admin/admin-api';

export interface Lot { id: string; skuId: string; lotNumber: string; expiry: string; onHand: number; reserved: number; available: number }

const enc = encodeURIComponent;

export const partnerApi = {
  facility: (id: string) => request<Facility>('GET', `/facilities/${enc(id)}`),
  orders: (facilityId: string) => request<{ orders: OrderListItem[]; nextBefore: string | null }>('GET', '/orders', { query: { facilityId, limit: 200 } }),
  stock: (facilityId: string) => request<{ lots: Lot[] }>('GET', `/facilities/${enc(facilityId)}/stock`),
  boxes: (facilityId: string) => request<{ boxes: BoxRow[] }>('GET', `/facilities/${enc(facilityId)}/boxes`),
  /** One SKU of the shared catalogue (not store data), by id: the name for a lot. */
  sku: async (id: string) => (await request<{ skus: Sku[] }>('GET', '/skus', { query: { q: id, limit: 20 } })).skus.find((s) => s.id === id) ?? null,
  riders: (facilityId: string) => request<{ riders: Rider[] }>('GET', `/facilities/${enc(facilityId)}/riders`),
};
