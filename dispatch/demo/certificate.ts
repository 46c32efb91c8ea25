/**
 * A one-page calibration certificate as PDF, for the demo boxes (made up: the demo has no lab).
 * Plain PDF 1.4 with the standard Helvetica font, so it needs no font file; ASCII text only.
 */
export function demoCertificatePdf(c: { boxId: string; certificateNumber: string; issuer: string; calibratedOn: string; dueOn: string; model: string }): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (m) => '\\' + m).replace(/[^\x20-\x7e]/g, '?');
  const lines = ['DEMO - Calibration certificate', `Certificate ${c.certificateNumber}`, `Issued by ${c.issuer}`, `Instrument: ${c.model}, box ${c.boxId}`,
    `Calibrated on ${c.calibratedOn}, due on ${c.dueOn}`, 'Probe error within +/-0.5 C at 0, 20 and 40 C'];
  const text = 'BT /F1 14 Tf 60 760 Td 20 TL ' + lines.map((l) => `(${esc(l)}) '`).join(' ') + ' ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
