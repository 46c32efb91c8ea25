import { describe, expect, it } from 'vitest';
import { contractJsonSchema } from './schema';
import { contractTables } from './readme-table';

describe('contractTables (the README copy of the contract)', () => {
  const md = contractTables(contractJsonSchema() as never);

  it('says what the decoder requires: hist on every reading, the birth probes as an array of {id, position}', () => {
    expect(md).toContain('| `readings[].hist` | boolean | yes |');
    expect(md).toContain('| `readings[].rh` | number | no |');
    expect(md).toMatch(/\| `probes` \| array of 1–8 objects \(their fields below\) \| yes \|/);
    expect(md).toMatch(/\| `probes\[\]\.id` \| string, `[^`]+` \| yes \|/);
    expect(md).toMatch(/\| `probes\[\]\.position` \| string, `[^`]+` \| yes \|/);
  });

  it('puts topics in code, so <boxId> is not read as an HTML tag', () => {
    expect(md).toContain('`dt/coldchain/box/<boxId>/telemetry`');
    expect(md.replace(/`[^`]*`/g, '')).not.toContain('<');
    expect(md).toContain('**`status`** — Retained plain-text payload on `dt/coldchain/box/<boxId>/status`: `online` or `offline`.');
  });
});
