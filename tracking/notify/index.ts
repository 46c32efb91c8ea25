/**
 * Customer notifications (issue 16): picked up (with the delivery code), arriving, delivered,
 * failed, delayed and excursion under QA review (GDP 9.2), in zh-CN or English, through the
 * SMS adapter and/or a signed webhook, at most one per kind per shipment. app/ wires:
 * - worker process: `startCustomerNotifications()` (sends with retries, the delay/excursion
 *   tick, the excursion feed subscriber); `closeNotifyQueue()` at shutdown;
 * - the lifecycle: `notifyCustomer({ shipmentId, kind, code?, reason? })` on picked_up,
 *   arriving, delivered and failed; `notifyExcursionReview(shipmentId, alarmId)` where an
 *   excursion alarm is raised, if not through the feed.
 */
export { notifyCustomer, notifyExcursionReview, listCustomerNotifications, closeNotifyQueue, type NotifyRequest, type NotifyResult } from './notify';
export { startCustomerNotifications, checkDelays, checkExcursions, runNotifyTick, type CustomerNotifyOptions } from './worker';
export { subscribeExcursionAlarms } from './excursion-feed';
export { renderMessage, pickLanguage } from './render';
export { NOTIFICATION_KINDS, type NotificationKind, type Language } from './kinds';
export { notifyKeys, trackingLink } from './config';
