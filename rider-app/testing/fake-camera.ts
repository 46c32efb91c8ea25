/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture=<file>.y4m`): each QR
 * code drawn (by the `qrcode` package) on a white frame, shown for `seconds` in turn, looped by
 * Chromium. Y4M is raw YUV 4:2:0: the QR is black and white, so the chroma planes are flat 128.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { PNG } from 'pngjs';

const W = 640, H = 480, FPS = 10;

async function lumaFrame(text: string): Promise<Buffer> {
  const png = PNG.sync.read(await QRCode.toBuffer(text, { type: 'png', width: 432, margin: 2, errorCorrectionLevel: 'M' }));
  const y = Buffer.alloc(W * H, 235);
  const ox = Math.floor((W - png.width) / 2), oy = Math.floor((H - png.height) / 2);
  for (let r = 0; r < png.height; r++) {
    for (let c = 0; c < png.width; c++) {
      const i = (r * png.width + c) * 4;
      const lum = 0.299 * png.data[i] + 0.587 * png.data[i + 1] + 0.114 * png.data[i + 2];
      y[(oy + r) * W + ox + c] = lum < 128 ? 16 : 235;
    }
  }
  return y;
}

export async function writeQrVideo(file: string, texts: string[], seconds = 2): Promise<void> {
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F${FPS}:1 Ip A1:1 C420jpeg\n`)];
  for (const text of texts) {
    const y = await lumaFrame(text);
    for (let f = 0; f < seconds * FPS; f++) parts.push(Buffer.from('FRAME\n'), y, chroma);
  }
  writeFileSync(file, Buffer.concat(parts));
}

/** A small PNG "door photo" (a grey gradient) for the photo input. */
export function doorPhotoPng(): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < 64 * 48; i++) {
    const v = 80 + (i % 64) * 2;
    png.data[i * 4] = v; png.data[i * 4 + 1] = v; png.data[i * 4 + 2] = v + 20; png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}
