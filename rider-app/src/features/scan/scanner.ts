/**
 * QR scanning with the camera (@zxing/browser, loaded only when the camera is opened: it is
 * most of a scan's weight). `accept` says whether a decoded text is what is being asked for;
 * the scanner keeps looking until it is (a box code read while the label is wanted is ignored).
 */
export interface ScanControls { stop(): void }

export async function scanQr(video: HTMLVideoElement, accept: (text: string) => boolean, onResult: (text: string) => void): Promise<ScanControls> {
  const { BrowserQRCodeReader } = await import('@zxing/browser');
  const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150, delayBetweenScanSuccess: 150 });
  let done = false;
  const controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, video, (result) => {
    if (done || !result) return;
    const text = result.getText().trim();
    if (!accept(text)) return;
    done = true;
    controls.stop();
    onResult(text);
  });
  return { stop: () => { done = true; controls.stop(); } };
}

/** A box's QR holds its id (box_…); a label's holds the tracking link (…/t/<token>) or the shipment id. */
export const isBoxCode = (s: string) => /^box_[A-Za-z0-9_-]+$/.test(s);
export const isLabelCode = (s: string) => !isBoxCode(s) && s.length > 0 && s.length <= 300;
