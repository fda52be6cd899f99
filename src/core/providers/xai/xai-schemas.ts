/**
 * xAI Management API billing responses (xai-org/xai-proto, `management_api/v1/billing.proto`), in
 * proto3 canonical JSON: lowerCamelCase names, int64 as JSON strings, a Cent as `{"val": "-1500"}`.
 *
 * proto3 scalars without the `optional` keyword have no presence: the server leaves out zeros, so a
 * missing `val` or `amountAfterVat` inside a message that is present means 0. Fields the proto marks
 * `optional` (softSl, hardSlOverride) and whole messages that are missing stay unknown.
 */
import { z } from 'zod';
import { integerAmount, wholeNumber } from '../adapter-kit.js';

/** `prod_charger.Cent`: USD cents. */
const cent = z.object({ val: integerAmount.nullish() });

/** `GET /v1/billing/teams/{team_id}/prepaid/balance` (ListPrepaidBalanceChangesResp). */
export const prepaidBalanceSchema = z.object({
  changes: z
    .array(
      z.object({
        changeOrigin: z.string().nullish(),
        topupStatus: z.string().nullish(),
        amount: cent.nullish(),
      }),
    )
    .nullish(),
  /** "The team's currently available prepaid credits (excluding pending charges)". Sign varies. */
  total: cent,
});

/** `GET …/postpaid/invoice/preview` (GetAmountToPayResp). */
export const invoicePreviewSchema = z.object({
  coreInvoice: z
    .object({
      amountBeforeVat: integerAmount.nullish(),
      vatCost: integerAmount.nullish(),
      amountAfterVat: integerAmount.nullish(),
      prepaidCredits: cent.nullish(),
      prepaidCreditsUsed: cent.nullish(),
    })
    .nullish(),
  effectiveSpendingLimit: integerAmount.nullish(),
  billingCycle: z.object({ year: wholeNumber.nullish(), month: wholeNumber.nullish() }).nullish(),
});

/** `GET …/postpaid/spending-limits` (GetSpendingLimitsResp). */
export const spendingLimitsSchema = z.object({
  spendingLimits: z
    .object({
      hardSlOverride: cent.nullish(),
      hardSlAuto: cent.nullish(),
      effectiveHardSl: cent.nullish(),
      softSl: cent.nullish(),
      effectiveSl: cent.nullish(),
    })
    .nullish(),
});

export type PrepaidBalance = z.infer<typeof prepaidBalanceSchema>;
export type InvoicePreview = z.infer<typeof invoicePreviewSchema>;
export type SpendingLimits = z.infer<typeof spendingLimitsSchema>;
