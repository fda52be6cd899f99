/**
 * Moonshot (Kimi) `GET /v1/users/me/balance` (platform.moonshot.cn/docs/api/balance): an envelope with
 * `code` (0 = ok), `status` and `scode`, and balances as JSON numbers in major units (CNY on
 * api.moonshot.cn, USD on api.moonshot.ai). Only the fields used; unknown ones ignored.
 */
import { z } from 'zod';
import { decimalAmount } from '../adapter-kit.js';

export const balanceResponseSchema = z.object({
  code: z.union([z.number(), z.string()]),
  status: z.boolean().nullish(),
  scode: z.string().nullish(),
  /** Not in the documented success body; error envelopes may carry one. */
  message: z.string().nullish(),
  data: z
    .object({
      /** Cash plus vouchers; at or below 0 the inference API refuses calls. */
      available_balance: decimalAmount,
      voucher_balance: decimalAmount.nullish(),
      /** Negative when money is owed; then available_balance equals voucher_balance. */
      cash_balance: decimalAmount.nullish(),
    })
    .nullish(),
});

export type BalanceResponse = z.infer<typeof balanceResponseSchema>;
