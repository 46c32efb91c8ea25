/** English. Keys mirror zh-CN.ts: messages.test.ts checks both have the same. */
import consoleAdmin from './console-admin.en';
import dispatch from '../../web-console/src/features/dispatch/i18n/en';
import qa from '../../web-console/src/features/qa/i18n/en';
import kpi from '../../web-console/src/features/kpi/i18n/en';
import orderDetail from '../../web-console/src/features/orders/i18n/en';
import login from './login.en';
export default {
  ...consoleAdmin,
  dispatch,
  qa,
  kpi,
  orderDetail,
  app: { title: 'Cold-chain dispatch console', language: 'Language', logout: 'Log out', loggedInAs: '{name} ({role})' },
  role: { admin: 'Admin', dispatcher: 'Dispatcher', qa: 'QA', rider: 'Rider', partner: 'Partner pharmacy' },
  nav: { map: 'Live map', orders: 'Orders', alarms: 'Alarms', dispatch: 'Dispatch' },
  login,
  map: {
    box: { label: 'Box {id}', withRider: 'with rider {name}', atFacility: 'at {name}', nowhere: 'position unknown', missing: 'No state for box {id}: it has not reported any reading yet.' },
    facilities: 'Facilities', riders: 'Riders', serviceAreas: 'Service areas', roads: 'Roads',
    tier: { central: 'Central warehouse', forward: 'Forward warehouse', store: 'Partner pharmacy' },
    riderStatus: { online: 'online', offline: 'offline' },
    noPosition: 'no position yet', lastSeen: 'reported {time}',
    feed: { connecting: 'Connecting to live updates…', open: 'Live', lost: 'Live updates lost; reconnecting. The map may be out of date.' },
    empty: 'No facilities yet. An admin can add them, or run npm start to load the demo.',
    loadFailed: 'The map data did not load: {message}. Reload the page to try again.',
    search: 'Search orders, riders or facilities',
    orders: 'Open orders', boxes: 'Boxes', cold: 'cold', selected: 'Selected', openOrder: 'Open the order',
    urgency: { late: 'Late', critical: 'Under 15 min left', soon: 'Under 30 min left', ok: '30 min or more left' }, allUrgency: 'Any urgency',
    left: '{min} min left', late: '{min} min late',
    boxState: { critical: 'Critical alarm', alarm: 'Alarm', offline: 'No recent reading', ok: 'In range' },
    emptyOrders: 'No open orders match. Clear the search or the urgency filter.', emptyRiders: 'No riders match. Clear the search.',
    river: 'River',
    offline: 'Offline base map: our own road network',
  },
  orders: {
    title: 'Orders', status: 'Status', channel: 'Channel', mode: 'Delivery', due: 'Due', created: 'Placed', facility: 'Facility',
    rider: 'Rider', all: 'All', refresh: 'Refresh', more: 'Load more', empty: 'No orders match. Change the filters.',
    loadFailed: 'The orders did not load: {message}. Try again.',
    detail: 'Order', customer: 'Customer', phone: 'Phone', address: 'Address', masked: 'Personal data hidden by the privacy policy', purged: 'purged', purgedNote: 'Personal data erased after the complaint window; the temperature record is kept',
    items: 'Items', quantity: 'Qty', shipments: 'Shipments', events: 'Order events', eta: 'ETA', noEvents: 'No events yet',
    statusName: {
      awaiting_rx: 'Awaiting Rx review', awaiting_confirmation: 'Awaiting confirmation', confirmed: 'Confirmed', in_delivery: 'In delivery', delivered: 'Delivered', cancelled: 'Cancelled',
    },
    channelName: { app: 'App', mini_program: 'Mini program', third_party: 'Third-party platform', store_pos: 'Store counter' },
    modeName: { instant: 'Instant', scheduled: 'Scheduled', recurring: 'Recurring', pickup: 'Store pickup' },
    shipmentStatusName: { held: 'Held', ready: 'Ready', assigned: 'Assigned', picked_up: 'Picked up', returning: 'Coming back', delivered: 'Delivered', cancelled: 'Cancelled', returned: 'Returned' },
    eventName: {
      created: 'Placed', confirmed: 'Payment confirmed', cancelled: 'Cancelled', rx_verified: 'Prescription verified', rx_rejected: 'Prescription rejected',
      reservation_expired: 'Reservation expired', picked_up: 'Picked up', delivered: 'Delivered', returned: 'Returned',
    },
  },
  alarms: {
    title: 'Alarms', severity: 'Severity', type: 'Type', box: 'Box', raised: 'Raised', status: 'Status', tier: 'Escalation tier',
    acknowledge: 'Acknowledge', ackNote: 'Note', ackPrompt: 'Say what was done (at least 3 characters)', ackDone: 'Alarm acknowledged',
    empty: 'No open alarms right now.', loadFailed: 'The alarms did not load: {message}.',
    severityName: { critical: 'Critical', major: 'Major', minor: 'Minor', warning: 'Warning' },
    statusName: { active: 'Active', acknowledged: 'Acknowledged', resolved: 'Resolved' },
    resolve: 'Resolve', resolveDone: 'Alarm resolved', resolveNote: 'Resolution note', notePrompt: 'Note (at least 3 characters, kept in the audit trail)',
    detail: 'Alarm details', showOnMap: 'Show on map', sound: 'Sound', activeCount: '{n} unacknowledged alarms',
    tierValue: 'Tier {n}', nextTier: 'Next tier', nextTierAt: 'Tier {n} at {time}', inTime: 'in {left}',
    noNextTier: 'Highest tier reached', escalationStopped: 'Acknowledged: escalation stopped', limits: 'Alarm limits', limitsValue: '{low} – {high} °C', peak: 'Peak',
    typeName: {
      TEMP_HIGH: 'Too warm', TEMP_LOW: 'Too cold', FREEZE: 'Freezing', WARN_HIGH: 'Getting warm', WARN_LOW: 'Getting cold', CUMULATIVE: 'Too long out of range',
      BUDGET_EXCEEDED: 'Time out of range used up', DATA_GAP: 'Readings missing', MONITORING_LOST: 'Box not reporting', DOOR_OPEN: 'Door open', LOW_BATTERY: 'Battery low', PREDICTED_EXCURSION: 'Will go out of range soon',
    },
    curve: {
      title: 'Box temperature (live)', legend: 'dashed red: alarm limits; red shading: the excursion', time: 'Time', probe: 'Probe {n}',
      empty: 'No readings from this box yet.', loadFailed: 'The readings did not load: {message}.',
    },
  },
  common: { cancel: 'Cancel', ok: 'OK', close: 'Close', utc: 'UTC: {time}' },
};
