/** Every context's HTTP routes, mounted under /api/v1. Adding a context is one line here. */
import type { RouteModule } from '../platform/http/route';
import { authModule } from '../platform/auth/routes';
import { auditModule } from '../platform/audit/routes';
import { devicesModule } from '../platform/mqtt/routes';
import { dispatchModule } from '../dispatch/http';
import { geoModule, sharedRoutingEngine } from '../geo';
import { appDb } from '../platform/db/pool';
import { telemetryModule } from '../telemetry';
import { trackingModule } from '../tracking';
import { lifecycleDeps, onAssigned, onCancelled, positions, publicTracking } from './tracking';
import { temperatureReports } from './report';
import { kpiModule } from './kpi/http';

export const routeModules: RouteModule[] = [authModule, auditModule, devicesModule, geoModule({ db: appDb(), engine: sharedRoutingEngine() }), dispatchModule({ recordPositions: positions.record, onAssigned, onCancelled }), telemetryModule,
  trackingModule(lifecycleDeps), positions, publicTracking, temperatureReports, kpiModule];
