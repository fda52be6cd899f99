import { z } from 'zod';
import { decimalAmount } from '../adapter-kit.js';

/**
 * A number the spec types as `number`/`integer`. A numeric string is accepted too: it is unambiguous,
 * and some proxies and older API versions quote numbers.
 */
const numeric = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);

/**
 * One line of `GET /organizations/{org}/settings/billing/usage` (or the user variant). Amounts are USD
 * dollars as JSON numbers. Only the fields used; unknown fields are ignored.
 */
const usageItemSchema = z.object({
  date: z.string().nullish(),
  product: z.string().nullish(),
  sku: z.string().nullish(),
  quantity: numeric.nullish(),
  unitType: z.string().nullish(),
  netAmount: decimalAmount,
});

export const usageReportSchema = z.object({
  usageItems: z.array(usageItemSchema),
});

/** `GET …/settings/billing/premium_request/usage`: Copilot premium requests by model. */
const premiumItemSchema = z.object({
  product: z.string().nullish(),
  model: z.string().nullish(),
  unitType: z.string().nullish(),
  grossQuantity: numeric.nullish(),
  netQuantity: numeric.nullish(),
  netAmount: decimalAmount.nullish(),
});

export const premiumRequestReportSchema = z.object({
  usageItems: z.array(premiumItemSchema),
});

export type UsageReport = z.infer<typeof usageReportSchema>;
export type UsageItem = UsageReport['usageItems'][number];
export type PremiumRequestReport = z.infer<typeof premiumRequestReportSchema>;
