/** Errors from any bridge, reduced to what the UI shows: a message and, for bad input, the field. */
export interface ErrorDetails {
  message: string;
  field?: string;
}

/** An API call that failed; `field` names the request field at fault (e.g. "amount"). */
export class ApiCallError extends Error {
  readonly field: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, options: { field?: string; status?: number } = {}) {
    super(message);
    this.name = 'ApiCallError';
    this.field = options.field;
    this.status = options.status;
  }
}

/** Reads message and field from whatever was thrown (the Electron preload rethrows plain Errors). */
export function errorDetails(error: unknown): ErrorDetails {
  if (error instanceof Error) {
    const field = (error as { field?: unknown }).field;
    return typeof field === 'string' && field ? { message: error.message, field } : { message: error.message };
  }
  return { message: typeof error === 'string' ? error : 'Something went wrong.' };
}
