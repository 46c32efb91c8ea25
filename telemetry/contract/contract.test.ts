import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractJsonSchema } from './schema';

const FILE = join(import.meta.dirname, 'coldbox-telemetry-1.schema.json');

describe('coldbox-telemetry-1.schema.json', () => {
  it('is exactly what the zod contract generates (REGEN=1 rewrites it)', () => {
    const generated = JSON.stringify(contractJsonSchema(), null, 2) + '\n';
    if (process.env.REGEN === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });

  it('pins the wire-level essentials a box vendor relies on', () => {
    const s = JSON.parse(readFileSync(FILE, 'utf8'));
    const tel = s.$defs.telemetry;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(tel.required).toEqual(['schema', 'boxId', 'fw', 'seq', 'sentAt', 'readings']);
    expect(tel.additionalProperties).toBe(false);
    expect(tel.properties.schema.const).toBe('coldbox.telemetry/1');
    const reading = tel.properties.readings.items;
    expect(reading.required).toEqual(['ts', 't', 'hist']);
    expect(reading.properties.t).toMatchObject({ minItems: 1, maxItems: 8 });
    expect(s.$defs.birth.required).toEqual(['schema', 'boxId', 'fw', 'sampleIntervalS', 'clockOffsetMs', 'probes']);
    expect(s.$defs.status.enum).toEqual(['online', 'offline']);
  });
});
