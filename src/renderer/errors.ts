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

/**
 * Reads message and field from whatever was thrown. Electron's context bridge keeps only an Error's
 * message, so a preload may reject with a plain `{ message, field }` object instead; both are read here.
 */
export function errorDetails(error: unknown): ErrorDetails {
  if (typeof error === 'string') return { message: error };
  if (typeof error === 'object' && error !== null) {
    const { message, field } = error as { message?: unknown; field?: unknown };
    if (typeof message === 'string' && message) {
      return typeof field === 'string' && field ? { message, field } : { message };
    }
  }
  return { message: 'Something went wrong.' };
}

/** Just the message, for banners that have no field to point at. */
export const errorMessage = (error: unknown): string => errorDetails(error).message;
