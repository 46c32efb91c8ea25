import { describe, expect, it } from 'vitest';
import { documentType, gspAccuracy } from './devices';
import { demoCertificatePdf } from './demo/certificate';

describe('gspAccuracy', () => {
  it('accepts ranges that cover 0–40 °C at ±0.5 °C or better, in any order and overlapping', () => {
    expect(gspAccuracy([{ fromC: 0, toC: 40, accuracyC: 0.5 }]).accurate).toBe(true);
    expect(gspAccuracy([{ fromC: 20, toC: 60, accuracyC: 0.3 }, { fromC: -30, toC: 25, accuracyC: 0.5 }]).accurate).toBe(true);
    // Outside 0–40 °C any accuracy will do.
    expect(gspAccuracy([{ fromC: -80, toC: 0, accuracyC: 2 }, { fromC: 0, toC: 40, accuracyC: 0.2 }, { fromC: 40, toC: 70, accuracyC: 2 }]).accurate).toBe(true);
  });
  it('refuses a range inside 0–40 °C worse than ±0.5 °C, a gap, or ranges that stop short', () => {
    expect(gspAccuracy([{ fromC: 0, toC: 40, accuracyC: 0.51 }])).toEqual({ accurate: false, reason: '±0.51 °C between 0 and 40 °C; GSP needs ±0.5 °C over 0–40 °C' });
    // Overlapping ranges: the worse one counts.
    expect(gspAccuracy([{ fromC: 0, toC: 40, accuracyC: 0.2 }, { fromC: 30, toC: 50, accuracyC: 1 }]).accurate).toBe(false);
    expect(gspAccuracy([{ fromC: 0, toC: 10, accuracyC: 0.2 }, { fromC: 11, toC: 40, accuracyC: 0.2 }]).reason).toBe('no stated accuracy from 10 °C; the ranges must cover 0–40 °C');
    expect(gspAccuracy([{ fromC: 2, toC: 40, accuracyC: 0.2 }]).reason).toBe('no stated accuracy from 0 °C; the ranges must cover 0–40 °C');
    expect(gspAccuracy([{ fromC: 0, toC: 39.5, accuracyC: 0.2 }]).accurate).toBe(false);
    expect(gspAccuracy([{ fromC: -20, toC: 0, accuracyC: 0.1 }]).accurate).toBe(false);
  });
});

describe('documentType', () => {
  const code = (b: Buffer) => { try { documentType(b); return 'ok'; } catch (e) { return (e as { code: string }).code; } };
  it('reads the type from the bytes and wants the end marker', () => {
    const pdf = demoCertificatePdf({ boxId: 'box_1', certificateNumber: 'N1', issuer: 'Lab', calibratedOn: '2026-01-01', dueOn: '2027-01-01', model: 'M' });
    expect(documentType(pdf)).toBe('application/pdf');
    expect(code(pdf.subarray(0, pdf.length - 8))).toBe('document_corrupt');
    expect(documentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]))).toBe('image/jpeg');
    expect(code(Buffer.from('RIFF\x10\0\0\0WEBPVP8X', 'latin1'))).toBe('document_unsupported');
    expect(code(Buffer.alloc(0))).toBe('document_unsupported');
    expect(code(Buffer.from(' %PDF-1.4 %%EOF'))).toBe('document_unsupported');
  });
});
