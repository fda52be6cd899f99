/**
 * DeepSeek `GET /user/balance` (api-docs.deepseek.com, "Get User Balance"). Amounts are decimal strings
 * in major units, one entry per currency (CNY and/or USD). Only the fields used; unknown ones ignored.
 */
import { z } from 'zod';
import { currencyCode, decimalAmount } from '../adapter-kit.js';

export const userBalanceSchema = z.object({
  /** Whether the balance is enough for API calls. */
  is_available: z.boolean().nullish(),
  balance_infos: z.array(
    z.object({
      currency: currencyCode,
      total_balance: decimalAmount,
      granted_balance: decimalAmount.nullish(),
      topped_up_balance: decimalAmount.nullish(),
    }),
  ),
});

export type UserBalance = z.infer<typeof userBalanceSchema>;
