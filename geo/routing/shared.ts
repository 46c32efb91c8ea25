/**
 * The process-wide routing engine (created on first use), so the in-memory road graph and its
 * contraction hierarchy are built once per process and shared by the geo routes, sourcing and
 * planning.
 */
import { appDb } from '../../platform/db/pool';
import { createRoutingEngine } from './factory';
import type { RoutingEngine } from './engine';

let engine: RoutingEngine | undefined;

export function sharedRoutingEngine(): RoutingEngine {
  engine ??= createRoutingEngine(appDb());
  return engine;
}

export async function closeSharedRoutingEngine(): Promise<void> {
  const e = engine;
  engine = undefined;
  await e?.close?.();
}
