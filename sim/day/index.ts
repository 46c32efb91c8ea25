/** The simulated day: pure generators (orders, shifts, box thermal model, motion) and the runner. */
export { Rng } from './rng';
export { planOrders, perHour, HOURLY_WEIGHTS, isNightHour, offset, type PlannedOrder, type CityFacility, type DayOptions, type OrderMode } from './demand';
export { planShifts, onDuty, SHIFT_PATTERNS, type Shift } from './shifts';
export { ambientC, stepThermal, drawFaults, precoolReadings, relax, DEFAULT_THERMAL, type BoxThermal, type ThermalParams, type BoxFaults } from './thermal';
export { along, gpsFix, haversineM, lineLengthM, ROAD_SPEED_MPS, type LngLat } from './motion';

export { DayRunner, type DayRunOptions, type DayResult, type DayCounters } from './runner';
export { writeReport, reportHtml, hourChart } from './report';
