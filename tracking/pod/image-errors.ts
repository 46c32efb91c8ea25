/**
 * The three ways a proof-of-delivery photo is refused. Codes are stable (clients switch on
 * them); each message tells the rider what happened and what to do. Shared by the per-format
 * parsers so they agree on wording.
 */
import { AppError } from '../../platform/errors';

export type ImageType = 'jpeg' | 'png' | 'webp';

export function unsupported(): AppError {
  return new AppError(
    'invalid_input',
    'image_type_unsupported',
    'The photo is not a JPEG, PNG or WebP image. Take the photo with the phone camera and upload it as it was saved (JPEG).',
  );
}

export function tooLarge(bytes: number, maxBytes: number): AppError {
  const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
  return new AppError(
    'invalid_input',
    'image_too_large',
    `The photo is ${mb(bytes)}; at most ${mb(maxBytes)} is accepted. Take it again at a lower resolution or quality.`,
    { bytes, maxBytes },
  );
}

export function tooManyPixels(width: number, height: number, maxPixels: number): AppError {
  return new AppError(
    'invalid_input',
    'image_too_large',
    `The photo is ${width}×${height} pixels; at most ${maxPixels.toLocaleString('en')} pixels are accepted. Take it again at a lower resolution.`,
    { width, height, maxPixels },
  );
}

/** `reason` names the broken structure, for support; the person reads the first sentences. */
export function corrupt(type: ImageType, reason: string): AppError {
  return new AppError(
    'invalid_input',
    'image_corrupt',
    `The photo could not be read: the ${type.toUpperCase()} file is cut short or damaged (${reason}). Upload it again; if that fails too, take a new photo.`,
    { type, reason },
  );
}
