/** Every context's HTTP routes, mounted under /api/v1. Adding a context is one line here. */
import type { RouteModule } from '../platform/http/route';
import { authModule } from '../platform/auth/routes';
import { auditModule } from '../platform/audit/routes';
import { devicesModule } from '../platform/mqtt/routes';
import { dispatchModule } from '../dispatch/http';

export const routeModules: RouteModule[] = [authModule, auditModule, devicesModule, dispatchModule];
