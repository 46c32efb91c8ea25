/** The dispatch context's public face: other contexts import only from here. */
export { dispatchModule, type DispatchDeps } from './http';
export {
  custodyAt, custodyHistory, bindShipment, endCustody, handOverCustody, markReturning, collectAtStore, custodyChanged,
  type BoxCustody, type CustodySpan, type BindResult, type OpenExcursions,
} from './custody';
export { requestPlan, closePlanQueue, PLAN_QUEUE } from './planning-trigger';
export { getBox, riderHomeFacility } from './network';
export { getOrder } from './orders/read';
export { replaceShipment, type ReplacementGrounds, type Replacement } from './orders/replace';
export { purgePersonalData, personalDataPurged, latestLotExpiry, PURGED_PII, type PersonalDataPurge } from './orders/personal-data';
export { startDispatchWorkers } from './workers';
export { orderByToken, publicOrder, phoneLast4Matches, shipmentLabel, type PublicOrder, type ShipmentLabel } from './orders/public';
export { currentPlan, type AssignmentHook } from './planning';
export type { CancelHook } from './orders/types';
export { riderRoute, setShipmentEtas, recordRiderPositions, stopServiceSeconds, type RiderRoute } from './tracking-port';

export { customerContactForNotification, shipmentsPastPromise, type NotificationContact } from './orders/notification-contact';
export { shipmentForReport, type ShipmentForReport } from './report-port';
export { shipmentFacts, unservableOrders, facilityDirectory, shipmentsOfFacility, shipmentLanes, type ShipmentFact, type ShipmentLane } from './kpi';
export { dispatchKeys } from './config';
export { checkSealAtDoor, type ReadinessCheck } from './box-lifecycle/store';
