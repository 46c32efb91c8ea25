/** Geo's face for the web build: only modules without server dependencies (pure math). */
export { type LatLng, type Crs, outOfChina, wgs84ToGcj02, gcj02ToWgs84, gcj02ToBd09, bd09ToGcj02, wgs84ToBd09, bd09ToWgs84 } from './datum';
