/**
 * The API's tags, declared once: a route's `tags` must name one of these (RouteDef types it),
 * and the OpenAPI document lists them, with their descriptions, in this order.
 */
export const API_TAGS = {
  auth: 'Log in and out; who am I.',
  users: 'User accounts, roles and lockouts (admin).',
  audit: 'The audit trail (21 CFR Part 11 / Annex 11): who changed what, when and why.',
  network: 'Facilities (central, forward, store) and their service areas.',
  stock: 'Stock lots per facility, received and reserved first-expiry-first-out.',
  catalogue: 'SKUs: storage class, prescription need, dimensions.',
  fleet: 'Riders and cold boxes: status, pairing, calibration, positions.',
  devices: 'Box MQTT credentials.',
  orders: 'Orders: placing (sourcing + reservation), reading, prescription review, confirmation, cancellation, CSV import.',
  planning: 'Route plans per facility and rider; pinning shipments.',
  custody: 'Custody history: which box carried which shipment, when.',
  tracking: 'Delivery lifecycle, rider position batches, labels and the customer tracking JSON.',
  telemetry: 'Box readings, latest box state, alarms, alarm profiles and contacts, the real-time feed.',
  geo: 'Road network: snapping, routes, matrices, service areas, the offline base map.',
  kpi: 'The day\'s operating figures: 30-minute rate, order-to-door time, fulfilment, intact rate, excursions, alarm response.',
  demo: 'The live demo: the notifications its local sinks caught (SMS, e-mail).',
  quality: 'Quality: the per-shipment temperature record (export, verify, live figures) and report (PDF, CSV), quarantine, disposition with e-signatures, change requests, audit-trail reviews.',
} as const;

export type ApiTag = keyof typeof API_TAGS;
