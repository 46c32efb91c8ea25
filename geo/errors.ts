/** geo modules import errors from here; the platform owns the closed set of kinds. */
export { AppError, isAppError, type ErrorKind } from '../platform/errors';
