/** English messages of the KPI page (the `kpi` namespace). Keys mirror zh-CN.ts. */
export default {
  nav: 'KPIs', title: 'Key performance indicators', day: 'Day', facility: 'Facility', allFacilities: 'All facilities',
  csv: 'Download CSV', reload: 'Reload', byHour: 'By hour', byFacility: 'By facility',
  meta: '{date} ({zone}): {orders} orders, {shipments} shipments, {delivered} delivered',
  empty: 'No order on this day. Choose another day or facility; figures appear once orders are placed.',
  noFacilities: 'No facility had shipments on this day.',
  loadFailed: 'The figures did not load: {message}. Press “Reload” to try again.',
  tile: {
    within30: 'Delivered within 30 min', avgDoor: 'Average order-to-door', onTime: 'On time', fulfilment: 'Fulfilment', intact: 'Cold chain intact',
    excursions: 'Excursions per 1,000 cold shipments', ackMedian: 'Alarm acknowledgement (median)', ackP90: 'Alarm acknowledgement (p90)', ack5: 'Alarms acknowledged within 5 min',
  },
  unit: { min: '{n} min', per1000: '{n} per 1,000', orders: '{n} orders', shipments: '{n} shipments' },
  why: {
    instant: 'No instant shipment delivered on this day: nothing to divide by.',
    delivered: 'Nothing delivered on this day: nothing to divide by.',
    ended: 'No shipment ended (delivered, failed or returned) on this day: nothing to divide by.',
    coldEnded: 'No cold shipment ended on this day: nothing to divide by.',
    cold: 'No cold shipment on this day: nothing to divide by.',
    acked: 'No alarm acknowledged on this day: nothing to measure.',
    raised: 'No alarm raised on this day: nothing to divide by.',
  },
  alarmsLine: '{raised} raised, {acked} acknowledged',
  chart: { orders: 'Orders', delivered: 'Delivered', riders: 'Riders at work', count: 'Shipments', ridersAxis: 'Riders' },
  col: { orders: 'Orders', delivered: 'Delivered' },
};
