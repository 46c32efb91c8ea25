/**
 * The per-shipment custody record as a chain of legs: the facility holds it until pickup, then
 * each holder (a rider, or a store in a relay) in turn, then the customer (or the facility again
 * after a return). Custody spans come from dispatch per compartment; spans that start together
 * are one leg.
 */
import type { CustodySpan } from '../../dispatch';
import type { State } from './machine';

export interface CustodyLeg {
  holder: { kind: 'facility' | 'rider' | 'store' | 'customer'; id: string | null };
  boxId: string | null;
  from: string;
  to: string | null;
  compartments: Array<{ temperatureClass: string; units: number }>;
}

export function custodyRecord(s: { facilityId: string; createdAt: Date; state: State; endedAt: Date | null }, spans: readonly CustodySpan[]): CustodyLeg[] {
  const legs: CustodyLeg[] = [];
  const first = spans[0];
  legs.push({ holder: { kind: 'facility', id: s.facilityId }, boxId: null, from: s.createdAt.toISOString(), to: first?.from ?? (s.state === 'collected' && s.endedAt ? s.endedAt.toISOString() : null), compartments: [] });
  for (const k of spans) {
    const last = legs[legs.length - 1];
    const holder = k.holderFacilityId ? { kind: 'store' as const, id: k.holderFacilityId } : { kind: 'rider' as const, id: k.riderId };
    if (last.from === k.from && last.boxId === k.boxId && last.holder.kind === holder.kind && last.holder.id === holder.id) {
      last.compartments.push({ temperatureClass: k.temperatureClass, units: k.units });
      continue;
    }
    legs.push({ holder, boxId: k.boxId, from: k.from, to: k.to, compartments: [{ temperatureClass: k.temperatureClass, units: k.units }] });
  }
  const end = s.endedAt?.toISOString() ?? legs[legs.length - 1].to;
  if (s.state === 'delivered' || s.state === 'collected') legs.push({ holder: { kind: 'customer', id: null }, boxId: null, from: end!, to: null, compartments: [] });
  if (s.state === 'returned') legs.push({ holder: { kind: 'facility', id: s.facilityId }, boxId: null, from: end!, to: null, compartments: [] });
  return legs;
}
