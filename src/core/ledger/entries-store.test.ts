/** The ledger's hand-written record check against the zod schema it replaced, on random records. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ledgerEntryDtoSchema } from '../../shared/api.js';
import { readableAmount, readableCurrency } from '../model/money.js';
import { storedEntry } from './entries-store.js';

/** The stored-entry schema as it was: every entry the ledger kept before is kept now, and nothing else. */
const zodStoredEntry = ledgerEntryDtoSchema.extend({
  amount: z.string().refine(readableAmount),
  currency: z.string().refine(readableCurrency),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** Mostly a value the ledger keeps, sometimes a near miss, a random string or number, or nothing. */
const field = (good: unknown[], bad: unknown[] = []) =>
  fc.option(
    fc.oneof(
      { arbitrary: fc.constantFrom(...good), weight: 12 },
      { arbitrary: fc.constantFrom(...bad, 'x'), weight: 2 },
      { arbitrary: fc.oneof(fc.string(), fc.integer()), weight: 1 },
    ),
    { nil: undefined, freq: 40 },
  );
const record = fc.record(
  {
    id: field(['00000000-0000-4000-8000-000000000001']),
    provider: field(['openai', 'custom']),
    account: field(['team', '']),
    kind: field(['spend', 'topup', 'balance'], ['refund', 'SPEND']),
    amount: field(['12.50', '-3', '0.000000000001', '9999999999999', ' 7.25 ', '1e5', '.5', '5.'], ['0.0000000000001', '10000000000000', 'abc', 'NaN', 12.5]),
    currency: field(['USD', 'usd', 'EUR '], ['ZZZ', 'US', '']),
    date: field(['2026-11-02'], ['2026-1-2', '2026-11-02T00:00:00Z', '']),
    note: field(['seat', '']),
    createdAt: field(['2026-11-02T10:00:00.000Z']),
    extra: field(['kept out']),
  },
  { requiredKeys: [] },
);

describe('storedEntry', () => {
  it('keeps exactly the entries the zod schema kept, with the same fields', () => {
    fc.assert(
      fc.property(fc.oneof(record, fc.anything()), (value) => {
        const parsed = zodStoredEntry.safeParse(value);
        expect(storedEntry(value)).toEqual(parsed.success ? parsed.data : undefined);
      }),
      { numRuns: 3000, seed: 20261204 },
    );
  });
});
