/** Every context's HTTP routes, mounted under /api/v1. Adding a context is one line here. */
import type { RouteModule } from '../platform/http/route';
import { authModule } from '../platform/auth/routes';
import { auditModule } from '../platform/audit/routes';
import { devicesModule } from '../platform/mqtt/routes';
import { dispatchModule } from '../dispatch/http';
import { geoModule, sharedRoutingEngine } from '../geo';
import { appDb } from '../platform/db/pool';
import { precoolOf, qaModule, recordModule, telemetryModule } from '../telemetry';
import { recordPorts } from './record-ports';
import { trackingModule } from '../tracking';
import { lifecycleDeps, onAssigned, onCancelled, positions, publicTracking } from './tracking';
import { temperatureReports } from './report';
import { kpiModule } from './kpi/http';
import { lanesModule } from './lanes/http';
import { notificationSinkModule } from './demo/notification-sink';
import { qaPorts } from './qa-ports';
import { replacementGrounds } from './replacement';

export const routeModules: RouteModule[] = [authModule, auditModule, devicesModule, geoModule({ db: appDb(), engine: sharedRoutingEngine() }), dispatchModule({ recordPositions: positions.record, onAssigned, onCancelled, replacementGrounds, boxReadiness: precoolOf }), telemetryModule, qaModule(qaPorts),
  recordModule(recordPorts), trackingModule(lifecycleDeps), positions, publicTracking, temperatureReports, kpiModule, lanesModule, notificationSinkModule];
