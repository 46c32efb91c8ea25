/**
 * The customer's tracking page and the bag label, for app/ to wire (tracking/index.ts may
 * re-export this): `publicTrackingModule(deps)` is a RouteModule (the public JSON and the label),
 * `publicTrackingPage(deps)` an `extra` mount for createApiApp (the HTML page at /t/:token).
 */
export { publicTrackingModule, publicTrackingPage, TrackingJson, type PublicTrackingOptions } from './http';
export { coldChainStatus, type PublicTrackingDeps, type TrackingView, type ColdChainStatus } from './view';
export { publicKeys as trackingPublicKeys } from './config';
