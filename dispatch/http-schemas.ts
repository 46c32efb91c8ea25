/**
 * The JSON answers of dispatch's routes, as zod schemas: the OpenAPI document is generated from
 * them, and in the dev and test profiles every answer is checked against them (platform/http).
 */
import { BOX_STATES } from './box-lifecycle/machine';
import { z } from 'zod';
import { OpeningHoursSchema } from './domain/opening-hours';
import { TEMPERATURE_CLASSES, TIERS } from './network';
import { ORDER_STATUSES } from './orders/types';
import { PLAN_REASON_KINDS } from './plan-reason';

const Iso = z.string().meta({ description: 'ISO 8601 instant (UTC)' });
const LatLng = z.object({ lat: z.number(), lng: z.number() });
const TemperatureClass = z.enum(TEMPERATURE_CLASSES);

export const FacilityOut = z.object({
  id: z.string(), name: z.string(), tier: z.enum(TIERS), location: LatLng, address: z.string(), timeZone: z.string(),
  openingHours: OpeningHoursSchema, coldCapabilities: z.array(TemperatureClass), riderCap: z.int(), handlingSeconds: z.int(), active: z.boolean(),
}).meta({ id: 'Facility' });

export const LotOut = z.object({
  id: z.string(), skuId: z.string(), lotNumber: z.string(), expiry: z.iso.date(), onHand: z.int(), reserved: z.int(),
}).meta({ id: 'Lot' });
export const StockLotOut = LotOut.extend({ available: z.int().meta({ description: 'onHand − reserved' }) }).meta({ id: 'StockLot' });

export const SkuOut = z.object({
  id: z.string(), name: z.string(), genericName: z.string(), temperatureClass: TemperatureClass, rx: z.boolean(),
  stabilityProfile: z.string(), stabilityBudgetMin: z.int().nullable(), volumeUnits: z.int(),
}).meta({ id: 'Sku' });

export const RiderOut = z.object({
  id: z.string(), name: z.string(), homeFacilityId: z.string(), vehicleType: z.enum(['e_bike', 'scooter', 'car', 'walker']), speedFactor: z.number(),
  shifts: z.array(z.object({ day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), start: z.string(), end: z.string() })),
  status: z.enum(['online', 'offline']), active: z.boolean(),
}).meta({ id: 'Rider' });
export const RiderWithPositionOut = RiderOut.extend({
  lastPosition: LatLng.extend({ at: Iso }).nullable().meta({ description: 'Last reported position (WGS-84)' }),
}).meta({ id: 'RiderWithPosition' });

const Calibration = z.object({ state: z.enum(['ok', 'due_soon', 'overdue']), daysLeft: z.int() });
export const BoxOut = z.object({
  id: z.string(), facilityId: z.string(), kind: z.enum(['passive', 'active']), holdoverMinutes: z.object({ summer: z.int(), winter: z.int() }),
  modelId: z.string(), calibrationDue: z.iso.date().meta({ description: 'Due date of the latest calibration certificate' }), batteryPct: z.int().nullable(), sampleIntervalS: z.int(), probes: z.int(), riderId: z.string().nullable(),
  pairedAt: Iso.nullable(), status: z.string(), compartments: z.array(z.object({ temperatureClass: TemperatureClass, capacityUnits: z.int() })),
}).meta({ id: 'Box' });
export const BoxWithCalibrationOut = BoxOut.extend({ calibration: Calibration }).meta({ id: 'BoxWithCalibration' });
export const BoxListItemOut = z.object({
  id: z.string(), facilityId: z.string(), kind: z.enum(['passive', 'active']), status: z.string(), riderId: z.string().nullable(),
  batteryPct: z.int().nullable(), calibrationDue: z.iso.date(), calibration: Calibration,
  model: z.object({ id: z.string(), name: z.string(), gspAccurate: z.boolean() }),
  certificate: z.enum(['declared', 'documented']).nullable().meta({ description: 'The latest certificate: documented (its file on record), declared (a due date typed in at registration), or none' }),
  lifecycle: z.object({ state: z.enum(BOX_STATES), sealNumber: z.string().nullable() })
    .meta({ description: 'The box\'s lifecycle state as last recorded (GET /boxes/{id}/lifecycle brings it up to the box\'s readings) and the seal on it now' }),
}).meta({ id: 'BoxListItem' });

const ProbeRangeOut = z.object({ fromC: z.number(), toC: z.number(), accuracyC: z.number() });
export const DeviceModelOut = z.object({
  id: z.string(), maker: z.string(), name: z.string(), probeAccuracy: z.array(ProbeRangeOut), sampleIntervalS: z.int(), bufferReadings: z.int(),
  holdover: z.array(z.object({ ambientC: z.number(), minutes: z.int() })),
  gsp: z.object({ accurate: z.boolean(), reason: z.string().nullable() }).meta({ description: 'Whether the model reads to ±0.5 °C over 0–40 °C; boxes of a model that does not cannot be paired' }),
  boxes: z.int().meta({ description: 'Boxes of this model' }),
}).meta({ id: 'DeviceModel' });
export const CertificateOut = z.object({
  id: z.string(), boxId: z.string(), source: z.enum(['declared', 'documented']), certificateNumber: z.string().nullable(), issuer: z.string().nullable(),
  calibratedOn: z.iso.date().nullable(), dueOn: z.iso.date(), contentType: z.string().nullable(), sha256: z.string().nullable(), bytes: z.int().nullable(),
  uploadedBy: z.string().nullable(), uploadedAt: Iso,
}).meta({ id: 'CalibrationCertificate' });

export const CustodySpanOut = z.object({
  boxId: z.string(), shipmentId: z.string(), riderId: z.string().nullable(), holderFacilityId: z.string().nullable(),
  temperatureClass: z.string(), units: z.int(), from: Iso, to: Iso.nullable(),
}).meta({ id: 'CustodySpan' });

const ShipmentRef = z.object({ id: z.string(), facilityId: z.string(), status: z.string(), riderId: z.string().nullable() });
const OrderStatus = z.enum(ORDER_STATUSES);

export const OrderOut = z.object({
  id: z.string(), token: z.string().meta({ description: 'The customer tracking link token' }), channel: z.string(), externalRef: z.string().nullable(),
  status: OrderStatus, deliveryMode: z.string(),
  window: z.object({ start: Iso.nullable(), end: Iso }),
  customer: z.object({
    name: z.string(), phone: z.string(), address: z.string(), location: LatLng.nullable(),
    masked: z.boolean().meta({ description: 'true: name, phone and address are masked (张*, 138******78) for this viewer' }),
    purged: z.boolean().meta({ description: 'true: the personal data was erased after the complaint window (PRIVACY_PERSONAL_DATA_DAYS); name, phone and address are empty' }),
  }),
  rx: z.object({ ref: z.string().nullable(), status: z.string(), reviewedBy: z.string().nullable(), reviewedAt: Iso.nullable(), note: z.string().nullable() }),
  items: z.array(z.object({ line: z.int(), skuId: z.string(), name: z.string().nullable().describe('the SKU\'s name; null for riders'), quantity: z.int() })),
  shipments: z.array(ShipmentRef.extend({
    eta: Iso.nullable(), dueAt: Iso, coldClasses: z.array(z.string()),
    replaces: z.string().nullable().meta({ description: 'The shipment this one replaces (a failed or quarantined one), or null' }),
    replacedBy: z.string().nullable().meta({ description: 'The replacement sent for this shipment, or null' }),
  })),
  decision: z.unknown().meta({ description: 'The sourcing decision: every candidate facility and why it was or was not chosen' }),
  reservationExpiresAt: Iso.nullable(),
  cancelReason: z.string().nullable(),
  createdAt: Iso,
}).meta({ id: 'Order' });

export const OrderListItemOut = z.object({
  id: z.string(), status: OrderStatus, channel: z.string(), deliveryMode: z.string(), dueAt: Iso, createdAt: Iso, rxStatus: z.string(),
  shipments: z.array(ShipmentRef),
}).meta({ id: 'OrderListItem' });

export const MapOrderOut = z.object({
  id: z.string(), status: OrderStatus, location: LatLng.meta({ description: 'Delivery point, WGS-84' }),
  dueAt: Iso.meta({ description: 'Promised by (end of the window)' }), facilityId: z.string(), riderId: z.string().nullable(), shipmentStatus: z.string(),
  cold: z.boolean().meta({ description: 'Carries chilled or frozen goods' }),
  holdoverEndsAt: Iso.nullable().meta({ description: 'A cold shipment out in a box: when the box\'s validated holdover runs out' }),
}).meta({ id: 'MapOrder' });

export const OrderEventOut = z.object({
  at: Iso, type: z.string(), status: z.string().nullable(), actorId: z.string().nullable(), detail: z.unknown(),
}).meta({ id: 'OrderEvent' });

export const CsvImportOut = z.object({
  total: z.int(), created: z.int(), failed: z.int(),
  rows: z.array(z.object({
    row: z.int().meta({ description: 'Line of the CSV (the header is line 1)' }), externalRef: z.string().nullable(), ok: z.boolean(),
    orderId: z.string().optional(), status: z.string().optional(), error: z.object({ code: z.string(), message: z.string() }).optional(),
  })),
}).meta({ id: 'CsvImportReport' });

const PlanStop = z.object({
  shipmentId: z.string(), step: z.enum(['pickup', 'delivery']), eta: Iso, lateness: z.number().meta({ description: 'Seconds past the window' }),
  lat: z.number(), lng: z.number(), locked: z.boolean(),
});
export const PlanRouteOut = z.object({ riderId: z.string(), stops: z.array(PlanStop), travelS: z.number(), distanceM: z.number() }).meta({ id: 'PlanRoute' });
export const PlanReasonOut = z.object({
  kind: z.enum(PLAN_REASON_KINDS), params: z.record(z.string(), z.string()).meta({ description: 'orderId, riderId, status, shipmentId, edit, userId with userName (the display name), failure, type, severity, boxId, alarmId, or text for kind other' }),
}).meta({ id: 'PlanReason', description: 'Why a plan was made, for showing in the reader\'s language' });
export const PlanHoldoverOut = z.object({
  minutes: z.int().meta({ description: 'Holdover given to cold shipments not yet in a box (the shortest among the riders\' boxes), before the safety margin' }),
  ambientC: z.number().nullable().meta({ description: 'The hottest forecast hour at the facility over the plan\'s horizon, °C (null: the season table was used)' }),
  forecastAt: Iso.nullable(), beyondQualification: z.boolean().meta({ description: 'That ambient is hotter than the box model was qualified for; its hottest qualified holdover applies' }),
  referenceMinutes: z.int().nullable().meta({ description: 'The same box at referenceAmbientC' }), referenceAmbientC: z.number(),
  basis: z.enum(['ambient', 'season']), severe: z.boolean().meta({ description: 'A severe-weather flag covers the facility\'s area within the horizon' }),
  shortened: z.boolean().meta({ description: 'The forecast made the budget shorter than at referenceAmbientC' }),
}).meta({ id: 'PlanHoldover', description: 'Why cold shipments got the time-out-of-fridge limit they did: "holdover 240 min at 35 °C forecast (300 min at 25 °C)"' });
export const PlanOut = z.object({
  planId: z.string(), facilityId: z.string(), createdAt: Iso, reason: z.string().meta({ description: 'Why it was planned, as stored (English text with ids)' }),
  reasonCode: PlanReasonOut,
  summary: z.record(z.string(), z.union([z.number(), z.string()])).meta({ description: 'served, unassigned, lateness, travelTime, distance, cost, iterations, timeMs, riders, shipments; an edited plan also editOf (the plan it changed) and edit (its kind)' }),
  holdover: PlanHoldoverOut.nullable().meta({ description: 'The holdover limit cold shipments were planned with and the forecast behind it; null when the plan had no cold shipment waiting or no box' }),
  unassigned: z.array(z.object({ shipmentId: z.string(), reason: z.string(), detail: z.string() })),
  routes: z.array(PlanRouteOut),
  shipments: z.array(z.object({
    id: z.string(), orderId: z.string(), status: z.enum(['ready', 'assigned', 'picked_up']), dueAt: Iso, pinnedRiderId: z.string().nullable(), coldClasses: z.array(z.string()),
  })).optional().meta({ description: 'The facility\'s open shipments (order, promise, pin), for the dispatch board; absent on one rider\'s route' }),
}).meta({ id: 'Plan' });
export const RiderPlanOut = z.object({ planId: z.string().nullable(), createdAt: Iso.nullable(), route: PlanRouteOut.nullable() }).meta({ id: 'RiderPlan' });

/** A replacement shipment (dispatch/orders/replace.ts). */
export const ReplacementOut = z.object({
  id: z.string().meta({ description: 'The replacement shipment' }), orderId: z.string(), replaces: z.string().meta({ description: 'The shipment it replaces' }),
  facilityId: z.string().meta({ description: 'Where it leaves from: the nearest facility with the stock, by the order sourcing rules' }), eta: Iso, dueAt: Iso,
}).meta({ id: 'Replacement' });
