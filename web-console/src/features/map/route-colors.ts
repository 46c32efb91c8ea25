/**
 * One colour per rider's planned route, the same on the live map and the dispatch board and from
 * one plan to the next: the rider's place among its facility's riders, by id.
 */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#bcbd22', '#393b79', '#637939', '#843c39'];
export const NO_ROUTE_COLOR = '#9e9e9e';

export function routeColors(riderIds: readonly string[]): Map<string, string> {
  return new Map([...riderIds].sort().map((id, i) => [id, PALETTE[i % PALETTE.length]]));
}
