/** Per-process handles on other contexts' engines (created on first use). */
import { appDb } from '../platform/db/pool';
import { createRoutingEngine } from '../geo/routing/factory';
import type { RoutingEngine } from '../geo/routing/engine';

let engine: RoutingEngine | undefined;

/** The configured routing engine (pgRouting by default, OSRM when OSRM_URL is set). */
export function routingEngine(): RoutingEngine {
  engine ??= createRoutingEngine(appDb());
  return engine;
}

export async function closeRoutingEngine(): Promise<void> {
  const e = engine;
  engine = undefined;
  await e?.close?.();
}
