/** The dispatch context's public face: other contexts import only from here. */
export { dispatchModule, type DispatchDeps } from './http';
export { custodyAt, custodyHistory, type BoxCustody } from './custody';
export { requestPlan, closePlanQueue, PLAN_QUEUE } from './planning-trigger';
export { getBox } from './network';
export { getOrder } from './orders/read';
export { startDispatchWorkers } from './workers';

export { customerContactForNotification, shipmentsPastPromise, type NotificationContact } from './orders/notification-contact';
