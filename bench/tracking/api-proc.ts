/**
 * The `api` process for bench:tracking: app/'s route modules, plus the positions routes while
 * app/ does not mount them yet (once it does, the app's own wiring is measured as is).
 */
import { startApi } from '../../app/api';
import { routeModules } from '../../app/modules';
import { positionsModule, closePositions } from '../../tracking/positions';
import { logger } from '../../platform/logger';

const mounted = routeModules.some((m) => m.routes.some((r) => r.path === '/riders/me/positions'));
const modules = mounted ? routeModules : [...routeModules, positionsModule({ onArriving: () => undefined })];
const api = await startApi({ warmUp: true, modules, port: Number(process.env.HTTP_PORT) });
logger.warn({ url: api.url, positionsFromApp: mounted }, 'bench api up');
const stop = async () => { await api.close(); await closePositions(); process.exit(0); };
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
