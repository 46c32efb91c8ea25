/**
 * QR scanning with the camera (@zxing/browser, loaded only when the camera is opened: it is
 * most of a scan's weight). The page opens the camera itself and hands zxing the playing video
 * element, so stopping always releases the camera. One session reads every code a step needs:
 * `onText` gets each decoded text and answers whether the scan is complete. Closing the camera
 * between codes and reopening it raced the old session's teardown against the new one's video.
 */
export interface ScanControls { stop(): void }

export async function scanQr(video: HTMLVideoElement, onText: (text: string) => boolean): Promise<ScanControls> {
  const [{ BrowserQRCodeReader }, { DecodeHintType }, stream] = await Promise.all([
    import('@zxing/browser'),
    import('@zxing/library'),
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
  // TRY_HARDER: every row is searched for finder patterns, not every few; a label's denser code
  // (a tracking link) was missed frame after frame without it.
  const reader = new BrowserQRCodeReader(new Map([[DecodeHintType.TRY_HARDER, true]]));
  // Our own frame loop around zxing's decodeFromCanvas: zxing's scan() sizes its canvas once,
  // when the loop starts, and ends the loop for good on any error but "no code here"; a video
  // whose frame size was not known yet at that moment would leave a scan that never reads.
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => { done = true; clearTimeout(timer); release(); };
  const tick = () => {
    if (done) return;
    const w = video.videoWidth, h = video.videoHeight;
    if (w > 0 && h > 0) {
      if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
      ctx.drawImage(video, 0, 0, w, h);
      video.dataset.frames = String(Number(video.dataset.frames ?? 0) + 1);
      let text: string | null = null;
      try { text = reader.decodeFromCanvas(canvas).getText().trim(); } catch { /* no readable code in this frame */ }
      if (text !== null && onText(text)) { stop(); return; }
    }
    timer = setTimeout(tick, 150);
  };
  tick();
  return { stop };
}

/** A box's QR holds its id (box_…); a label's holds the tracking link (…/t/<token>) or the shipment id. */
export const isBoxCode = (s: string) => /^box_[A-Za-z0-9_-]+$/.test(s);
export const isLabelCode = (s: string) => !isBoxCode(s) && s.length > 0 && s.length <= 300;
