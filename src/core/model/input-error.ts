/** Bad input from the user (CLI flag, form field): a message to show and the field at fault. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** The request names something that does not exist (an account, an entry): HTTP 404 in `serve`. */
export class NotFoundError extends InputError {
  constructor(message: string, field?: string) {
    super(message, field);
    this.name = 'NotFoundError';
  }
}

/** The request would overwrite something that already exists (restoring an entry twice): HTTP 409. */
export class ConflictError extends InputError {
  constructor(message: string, field?: string) {
    super(message, field);
    this.name = 'ConflictError';
  }
}
