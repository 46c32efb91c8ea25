import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoCityFile } from '../demo-city/index';
import { AppError } from '../errors';
import { sharedData } from '../testing/shared-data';
import { importOsm, sniffOsmFile } from './import-osm';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'none';
}

describe('OSM file checks (no database)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'geo-sniff-'));
  // Never reached: these files are rejected before the database is used.
  const noDb = { pool: {} as never, databaseUrl: 'postgres://x@127.0.0.1:1/x' };

  it('recognises XML, PBF and bz2', async () => {
    const xml = path.join(dir, 'city.osm');
    await writeDemoCityFile(xml, { size: 'small' });
    expect(await sniffOsmFile(xml)).toBe('xml');
    const pbf = sharedData('osm/monaco.osm.pbf');
    if (pbf) expect(await sniffOsmFile(pbf)).toBe('pbf');
    const bz2 = '/usr/share/doc/python-osmnx-doc/examples/tests/input_data/West-Oakland.osm.bz2';
    if ((await code(sniffOsmFile(bz2))) !== 'osm_file_not_found') expect(await sniffOsmFile(bz2)).toBe('bz2');
  });

  it('rejects non-OSM and empty files with stable codes', async () => {
    const json = path.join(dir, 'x.json');
    await writeFile(json, '{"not":"osm"}');
    expect(await code(importOsm(json, noDb))).toBe('osm_file_invalid');
    const html = path.join(dir, 'x.html');
    await writeFile(html, '<?xml version="1.0"?><html><body/></html>');
    expect(await code(importOsm(html, noDb))).toBe('osm_file_invalid');
    const empty = path.join(dir, 'empty.osm');
    await writeFile(empty, '');
    expect(await code(importOsm(empty, noDb))).toBe('osm_file_empty');
    const noWays = path.join(dir, 'nodes-only.osm');
    await writeFile(noWays, '<?xml version="1.0"?>\n<osm version="0.6"><node id="1" lat="1" lon="1"/></osm>\n');
    expect(await code(importOsm(noWays, noDb))).toBe('osm_file_empty');
    expect(await code(importOsm(path.join(dir, 'missing.osm'), noDb))).toBe('osm_file_not_found');
  });
});
