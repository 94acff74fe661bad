/**
 * Errors a user can meet. Each carries a sentence a person understands (`message`)
 * and a stable `code` the UI and tests can switch on.
 */
export type UserErrorCode =
  | 'bad-data-file'
  | 'bad-model-file'
  | 'bad-classifier-file'
  | 'bad-image'
  | 'storage-full'
  | 'storage-failed'
  | 'backend-unavailable'
  | 'network'
  | 'cancelled'
  | 'not-found'
  | 'bad-name'
  | 'not-enough-samples'
  | 'backbone-mismatch';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const dataFileError = (what: string, detail: string) =>
  new UserError('bad-data-file', `${what} is not a valid data file: ${detail}.`, detail);

export const modelFileError = (detail: string) =>
  new UserError('bad-model-file', `This model file is damaged or not a model we can read (${detail}).`, detail);
