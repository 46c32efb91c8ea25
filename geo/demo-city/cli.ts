/**
 * Writes the synthetic demo city as OSM XML.
 *   tsx geo/demo-city/cli.ts --seed 1 --size demo --out city.osm
 * --size: small (~300 segments) | demo (~30,000) | scale (~500,000) | a number of segments.
 */
import { parseArgs } from 'node:util';
import { writeDemoCityFile, type DemoCitySize } from './index';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '1' }, size: { type: 'string', default: 'demo' }, out: { type: 'string' } },
});
if (!values.out) {
  console.error('usage: tsx geo/demo-city/cli.ts --seed 1 --size small|demo|scale|<segments> --out file.osm');
  process.exit(2);
}
const size: DemoCitySize = /^\d+$/.test(values.size!) ? Number(values.size) : (values.size as DemoCitySize);
if (typeof size === 'string' && !['small', 'demo', 'scale'].includes(size)) {
  console.error(`unknown --size ${size}`);
  process.exit(2);
}
const t0 = Date.now();
const s = await writeDemoCityFile(values.out, { seed: Number(values.seed), size });
console.log(
  `wrote ${values.out}: ${s.nodes} nodes, ${s.ways} ways, ${s.segments} road segments, ${s.bridges} bridges, ` +
    `bbox ${s.bbox.minLat.toFixed(5)},${s.bbox.minLng.toFixed(5)},${s.bbox.maxLat.toFixed(5)},${s.bbox.maxLng.toFixed(5)} in ${Date.now() - t0} ms`,
);
