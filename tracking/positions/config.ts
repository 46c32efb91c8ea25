/** Settings of rider positions and live ETAs (declared once; environment overrides). */
import { defineKey } from '../../platform/config/registry';

const c = 'tracking';

export const positionKeys = {
  maxFutureS: defineKey({ context: c, env: 'TRACKING_POSITION_MAX_FUTURE_S', type: 'int', default: 300, min: 0, unit: 's', doc: 'A fix whose device time is further ahead of the server clock is flagged future_time' }),
  maxSpeedKmh: defineKey({ context: c, env: 'TRACKING_POSITION_MAX_SPEED_KMH', type: 'number', default: 200, min: 1, unit: 'km/h', doc: 'Moving faster than this from the previous accepted fix is flagged impossible_jump' }),
  maxAccuracyM: defineKey({ context: c, env: 'TRACKING_POSITION_MAX_ACCURACY_M', type: 'number', default: 500, min: 1, unit: 'm', doc: 'A fix with a worse reported accuracy is flagged low_accuracy' }),
  writeThroughS: defineKey({ context: c, env: 'TRACKING_POSITION_WRITE_THROUGH_S', type: 'int', default: 30, min: 0, max: 3600, unit: 's', doc: 'A rider\'s latest position reaches dispatch.riders (where planning starts routes) at most this often; Redis has it at once. 0 writes every batch' }),
  partitionDaysAhead: defineKey({ context: c, env: 'TRACKING_POSITION_PARTITION_DAYS_AHEAD', type: 'int', default: 7, min: 1, max: 60, unit: 'days', doc: 'Daily partitions of rider positions created ahead' }),
  etaIntervalS: defineKey({ context: c, env: 'TRACKING_ETA_INTERVAL_S', type: 'int', default: 15, min: 1, max: 3600, unit: 's', doc: 'A rider\'s stop ETAs are recomputed from a position batch at most this often (shared by all API processes)' }),
  arrivingM: defineKey({ context: c, env: 'TRACKING_ARRIVING_M', type: 'number', default: 300, min: 10, max: 5000, unit: 'm', doc: 'An accepted fix this close to a delivery stop of a shipment in transit marks it arriving' }),
  // Door openings expected at pickup and handover (door-windows.ts states the rule).
  doorPickupBeforeMin: defineKey({ context: c, env: 'TRACKING_DOOR_PICKUP_BEFORE_MIN', type: 'number', default: 10, min: 0, max: 120, unit: 'min', doc: 'A box door opening this long before a custody leg starts (the pickup scan at the facility) is expected' }),
  doorPickupAfterMin: defineKey({ context: c, env: 'TRACKING_DOOR_PICKUP_AFTER_MIN', type: 'number', default: 5, min: 0, max: 120, unit: 'min', doc: 'A box door opening up to this long after a custody leg starts (the pickup scan at the facility) is expected' }),
  doorHandoverRadiusM: defineKey({ context: c, env: 'TRACKING_DOOR_HANDOVER_RADIUS_M', type: 'number', default: 150, min: 10, max: 2000, unit: 'm', doc: 'A rider fix this close to the shipment\'s delivery point puts its box at the handover place' }),
  doorFixBeforeS: defineKey({ context: c, env: 'TRACKING_DOOR_FIX_BEFORE_S', type: 'int', default: 60, min: 0, max: 3600, unit: 's', doc: 'A box door opening up to this long before a rider fix at the handover place is expected (the fix may follow the opening)' }),
  doorFixAfterMin: defineKey({ context: c, env: 'TRACKING_DOOR_FIX_AFTER_MIN', type: 'number', default: 5, min: 0, max: 120, unit: 'min', doc: 'A box door opening up to this long after a rider fix at the handover place is expected' }),
  doorArrivingMin: defineKey({ context: c, env: 'TRACKING_DOOR_ARRIVING_MIN', type: 'number', default: 15, min: 0, max: 120, unit: 'min', doc: 'A box door opening up to this long after its shipment became arriving (within TRACKING_ARRIVING_M of the stop) is expected' }),
};
