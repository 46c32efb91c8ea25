/**
 * QR scanning with the camera (@zxing/browser, loaded only when the camera is opened: it is
 * most of a scan's weight). The page opens the camera itself and hands zxing the playing video
 * element, so stopping always releases the camera. One session reads every code a step needs:
 * `onText` gets each decoded text and answers whether the scan is complete. Closing the camera
 * between codes and reopening it raced the old session's teardown against the new one's video.
 */
export interface ScanControls { stop(): void }

export async function scanQr(video: HTMLVideoElement, onText: (text: string) => boolean): Promise<ScanControls> {
  const [{ BrowserQRCodeReader }, stream] = await Promise.all([
    import('@zxing/browser'),
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
  ]);
  let done = false;
  const release = () => { for (const t of stream.getTracks()) t.stop(); video.srcObject = null; };
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  try {
    await video.play();
  } catch (e) {
    release();
    throw e;
  }
  const reader = new BrowserQRCodeReader(undefined, { delayBetweenScanAttempts: 150, delayBetweenScanSuccess: 150 });
  // The first result may come before decodeFromVideoElement has returned its controls.
  let controls: { stop(): void } | null = null;
  const stop = () => { done = true; controls?.stop(); release(); };
  controls = await reader.decodeFromVideoElement(video, (result) => {
    if (done || !result) return;
    if (onText(result.getText().trim())) stop();
  });
  if (done) controls.stop();
  return { stop };
}

/** A box's QR holds its id (box_…); a label's holds the tracking link (…/t/<token>) or the shipment id. */
export const isBoxCode = (s: string) => /^box_[A-Za-z0-9_-]+$/.test(s);
export const isLabelCode = (s: string) => !isBoxCode(s) && s.length > 0 && s.length <= 300;
