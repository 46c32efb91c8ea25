/** English messages of the order drawer's sourcing, shipment and record sections (the `orderDetail` namespace). Keys mirror zh-CN.ts. */
export default {
  sourcing: {
    title: 'Sourcing decision', facility: 'Facility', tier: 'Tier', outcome: 'Outcome', eta: 'ETA', why: 'Why',
    none: 'No decision was stored for this order.', noReason: '—',
    outcomeName: { chosen: 'Chosen', eligible: 'Could serve all', partial: 'Could serve some', rejected: 'Not possible' },
    reasonName: {
      out_of_service_area: 'Outside its service area', closed: 'Closed at that time', no_cold_capability: 'Cannot keep this temperature class',
      cold_paused: 'Instant cold delivery paused here',
      out_of_stock: 'Out of stock', no_box: 'No free cold box', cannot_meet_promise: 'Too late for the promise', unroutable: 'No road route',
    },
    forSku: 'for {sku}', latest: 'best arrival {time}',
  },
  shipment: {
    replaces: 'Replacement for {id}', replacedBy: 'Replaced by {id}',
    state: 'State', rider: 'Rider', legs: 'Custody', holder: 'Holder', box: 'Box', from: 'From', to: 'To', now: 'now',
    holderKind: { facility: 'Facility', rider: 'Rider', store: 'Store', customer: 'Customer' },
    noLegs: 'Not picked up yet.', loadFailed: 'This shipment did not load: {message}.',
    stateName: {
      planned: 'Planned', assigned: 'Assigned', at_pickup: 'Rider at the facility', picked_up: 'Picked up', in_transit: 'On the way', arriving: 'Arriving',
      delivered: 'Delivered', failed: 'Failed', returning: 'Coming back', returned: 'Returned', cancelled: 'Cancelled', ready_for_pickup: 'Ready for pickup', collected: 'Collected',
    },
  },
  record: {
    title: 'Temperature record', range: 'Range', readings: '{n} readings', minMax: 'Min / max', mkt: 'MKT', outOfRange: 'Out of range', gaps: 'Largest gap',
    sealed: 'Sealed', open: 'Open (shipment not ended)', none: 'No readings yet: the record starts when the box is picked up.',
    report: 'Report', pdf: 'PDF ({lang})', csv: 'CSV', loadFailed: 'The temperature record did not load: {message}.',
    minutes: '{n} min', seconds: '{n} s',
  },
};
