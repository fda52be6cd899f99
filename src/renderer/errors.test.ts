import { describe, expect, it } from 'vitest';
import { ApiCallError, errorDetails } from './errors';

describe('errorDetails', () => {
  it('keeps the field of a rejected request so the form can show the message beside it', () => {
    expect(errorDetails(new ApiCallError('Amount must be positive', { field: 'amount' }))).toEqual({
      message: 'Amount must be positive',
      field: 'amount',
    });
  });

  it('reads a plain { message, field } object, as a preload may reject with across the context bridge', () => {
    expect(errorDetails({ message: 'Date is in the future', field: 'date' })).toEqual({
      message: 'Date is in the future',
      field: 'date',
    });
  });

  it('reads plain Errors and strings, and never shows an empty message', () => {
    expect(errorDetails(new Error('Cannot reach Spendbar.'))).toEqual({ message: 'Cannot reach Spendbar.' });
    expect(errorDetails('offline')).toEqual({ message: 'offline' });
    expect(errorDetails(undefined)).toEqual({ message: 'Something went wrong.' });
    expect(errorDetails(new Error(''))).toEqual({ message: 'Something went wrong.' });
  });
});
