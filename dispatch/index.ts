/** The dispatch context's public face: other contexts import only from here. */
export { dispatchModule } from './http';
export {
  custodyAt, custodyHistory, bindShipment, endCustody, handOverCustody, markReturning, collectAtStore, custodyChanged,
  type BoxCustody, type CustodySpan, type BindResult, type OpenExcursions,
} from './custody';
export { requestPlan, closePlanQueue, PLAN_QUEUE } from './planning-trigger';
export { getBox } from './network';
export { getOrder } from './orders/read';
export { startDispatchWorkers } from './workers';

export { orderByToken, publicOrder, phoneLast4Matches, shipmentLabel, type PublicOrder, type ShipmentLabel } from './orders/public';
