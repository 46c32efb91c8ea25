/** Examples the OpenAPI document shows for dispatch's main operations (the OpenAPI test parses each with its schema). */

export const placeOrderRequest = {
  channel: 'app',
  externalRef: 'APP-20261205-0042',
  items: [{ skuId: 'sku_insulin01', quantity: 2 }, { skuId: 'sku_ibuprofen', quantity: 1 }],
  customer: { name: '张伟', phone: '13812345678', address: '广州市天河区体育西路 100 号 3 栋 1201', location: { lat: 23.1291, lng: 113.3214, crs: 'gcj02' } },
  delivery: { mode: 'instant', promiseMinutes: 30 },
  rxRef: 'ERX-440106-778812',
  deliveryNote: '放门口',
};

export const order = {
  id: 'ord_7k2m9x', token: 'q8ZkV3nW5rT1', channel: 'app', externalRef: 'APP-20261205-0042', status: 'awaiting_rx', deliveryMode: 'instant',
  window: { start: null, end: '2026-12-05T09:12:00.000Z' },
  customer: { name: '张*', phone: '138******78', address: '广州市天河区****', location: { lat: 23.13174, lng: 113.31612 }, masked: true, purged: false },
  rx: { ref: 'ERX-440106-778812', status: 'pending', reviewedBy: null, reviewedAt: null, note: null },
  items: [{ line: 1, skuId: 'sku_insulin01', name: '门冬胰岛素注射液', quantity: 2 }, { line: 2, skuId: 'sku_ibuprofen', name: '布洛芬缓释胶囊', quantity: 1 }],
  shipments: [{ id: 'shp_4h8q2c', facilityId: 'fac_tianhe01', status: 'planned', riderId: null, eta: null, dueAt: '2026-12-05T09:12:00.000Z', coldClasses: ['chilled'], replaces: null, replacedBy: null }],
  decision: { status: 'single', chosen: ['fac_tianhe01'], summary: { en: 'Tianhe store has every line in stock, 11 min away.', zh: '天河店全部有货，车程 11 分钟。' } },
  reservationExpiresAt: null,
  cancelReason: null,
  createdAt: '2026-12-05T08:42:00.000Z',
};

export const orderList = {
  orders: [
    { id: 'ord_7k2m9x', status: 'confirmed', channel: 'app', deliveryMode: 'instant', dueAt: '2026-12-05T09:12:00.000Z', createdAt: '2026-12-05T08:42:00.000Z', rxStatus: 'verified', shipments: [{ id: 'shp_4h8q2c', facilityId: 'fac_tianhe01', status: 'planned', riderId: 'rdr_li01' }] },
    { id: 'ord_7k2a11', status: 'in_delivery', channel: 'third_party', deliveryMode: 'scheduled', dueAt: '2026-12-05T10:00:00.000Z', createdAt: '2026-12-05T08:30:12.000Z', rxStatus: 'not_required', shipments: [{ id: 'shp_4h8a90', facilityId: 'fac_tianhe01', status: 'in_transit', riderId: 'rdr_wang02' }] },
  ],
  nextBefore: null,
};

export const plan = {
  planId: 'pln_9r3t5u', facilityId: 'fac_tianhe01', createdAt: '2026-12-05T08:43:05.000Z', reason: 'order ord_7k2m9x', reasonCode: { kind: 'order_placed', params: { orderId: 'ord_7k2m9x' } },
  summary: { served: 2, unassigned: 0, lateness: 0, travelTime: 1260, distance: 6400, cost: 1260, iterations: 800, timeMs: 42, riders: 2, shipments: 2 },
  holdover: { minutes: 240, ambientC: 35, forecastAt: "2026-07-15T06:00:00.000Z", beyondQualification: false, referenceMinutes: 300, referenceAmbientC: 25, basis: "ambient", severe: false, shortened: true },
  unassigned: [],
  routes: [{
    riderId: 'rdr_li01', travelS: 1260, distanceM: 6400,
    stops: [
      { shipmentId: 'shp_4h8q2c', step: 'pickup', eta: '2026-12-05T08:50:00.000Z', lateness: 0, lat: 23.1347, lng: 113.3228, locked: false },
      { shipmentId: 'shp_4h8q2c', step: 'delivery', eta: '2026-12-05T09:04:00.000Z', lateness: 0, lat: 23.1291, lng: 113.3214, locked: false },
    ],
  }],
};
