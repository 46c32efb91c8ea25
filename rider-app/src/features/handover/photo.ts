/**
 * A door photo from the phone's camera (`<input capture>`), made small enough for the 2 MB
 * upload limit: drawn onto a canvas at most 1600 px on its long side and saved as JPEG, which
 * also leaves the camera's Exif (with the customer's home position) behind.
 */
const MAX_SIDE = 1600;

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  const bmp = await createImageBitmap(file);
  const k = Math.min(1, MAX_SIDE / Math.max(bmp.width, bmp.height));
  const c = document.createElement('canvas');
  c.width = Math.round(bmp.width * k);
  c.height = Math.round(bmp.height * k);
  c.getContext('2d')!.drawImage(bmp, 0, 0, c.width, c.height);
  bmp.close();
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('the photo could not be encoded'))), 'image/jpeg', 0.8));
}
