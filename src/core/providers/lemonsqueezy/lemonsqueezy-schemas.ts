import { z } from 'zod';

/** A count documented as an integer; an integer string is accepted as unambiguous. */
const count = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(Number);

/**
 * `GET /v1/subscription-items` (JSON:API list; docs.lemonsqueezy.com/api/subscription-items and
 * lmsqueezy/lemonsqueezy.js src/subscriptionItems/types.ts). Only the fields used.
 */
export const subscriptionItemsSchema = z.object({
  data: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      attributes: z.object({
        subscription_id: z.union([z.string(), z.number()]).nullish(),
        is_usage_based: z.boolean().nullish(),
      }),
    }),
  ),
  meta: z.object({ page: z.object({ lastPage: count.nullish(), total: count.nullish() }).nullish() }).nullish(),
});

/** `GET /v1/subscription-items/{id}/current-usage`: usage of the current billing period, in `meta`. */
export const currentUsageSchema = z.object({
  meta: z.object({
    period_start: z.string().nullish(),
    period_end: z.string().nullish(),
    quantity: count,
    interval_unit: z.string().nullish(),
    interval_quantity: count.nullish(),
  }),
});

export type SubscriptionItems = z.infer<typeof subscriptionItemsSchema>;
export type CurrentUsage = z.infer<typeof currentUsageSchema>['meta'];
