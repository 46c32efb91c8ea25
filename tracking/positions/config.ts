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
};
