/**
 * Tracking's public face: a shipment's delivery lifecycle, rider positions and ETAs, proof of
 * delivery and the customer's tracking page. It builds on dispatch (shipments, custody, plans)
 * and telemetry (alarms, readings), which it reaches through their index.ts; app/ mounts its
 * routes and starts its workers.
 */
export { STATES, ACTIONS, FAIL_CODES, decide, replay, type State, type Action, type FailCode } from './lifecycle/machine';
export { applyAction, lifecycleOf, recordAssignments, recordCancellations, type LifecycleDeps, type Actor } from './lifecycle/store';
export { currentDeliveryCode } from './pod/delivery-code';
export { trackingModule } from './http';
export { trackingKeys } from './config';
export { positionsModule, startPositionWorkers, closePositions, latestPosition, coarsePosition, type ArrivingEvent,
  doorWindows, doorWindowsOf, type DoorWindow, type DoorLeg } from './positions';
export { publicTrackingModule, publicTrackingPage, type PublicTrackingDeps } from './public';
export { notifyCustomer, startCustomerNotifications, closeNotifyQueue } from './notify';
export { shipmentOutcomes, ridersAtWorkByHour, type ShipmentOutcome } from './kpi';
