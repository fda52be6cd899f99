import { z } from 'zod';

/**
 * An integer count of the currency's smallest unit. Stripe sends JSON integers; an integer string is
 * accepted as unambiguous. Fractions are refused: they would mean the unit was misunderstood.
 */
const minorUnits = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'is not a whole number')]);

/** One currency's amount in `GET /v1/balance` (`available[]`, `pending[]`). */
const balanceAmountSchema = z.object({
  amount: minorUnits,
  currency: z.string(),
});

/** `GET /v1/balance`. Only the fields used; unknown fields are ignored. */
export const balanceSchema = z.object({
  available: z.array(balanceAmountSchema),
  pending: z.array(balanceAmountSchema).nullish(),
  livemode: z.boolean().nullish(),
});

/** One entry of `GET /v1/balance_transactions`. */
const balanceTransactionSchema = z.object({
  id: z.string(),
  /** Unix seconds. */
  created: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
  currency: z.string(),
  amount: minorUnits.nullish(),
  /** Fees paid for this transaction, in the smallest currency unit. */
  fee: minorUnits,
  reporting_category: z.string().nullish(),
  type: z.string().nullish(),
});

export const balanceTransactionListSchema = z.object({
  data: z.array(balanceTransactionSchema),
  has_more: z.boolean(),
});

export type Balance = z.infer<typeof balanceSchema>;
export type BalanceTransaction = z.infer<typeof balanceTransactionListSchema>['data'][number];
