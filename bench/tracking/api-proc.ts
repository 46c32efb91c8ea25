/** The `api` process for bench:tracking: app/'s own route modules and wiring, measured as is. */
import { startApi } from '../../app/api';
import { routeModules } from '../../app/modules';
import { closePositions } from '../../tracking/positions';
import { logger } from '../../platform/logger';

const api = await startApi({ warmUp: true, modules: routeModules, port: Number(process.env.HTTP_PORT) });
logger.warn({ url: api.url }, 'bench api up');
const stop = async () => { await api.close(); await closePositions(); process.exit(0); };
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
