/**
 * Mistral Admin API `GET /v1/admin/spend-limit` (`LimitsOUT` in mistralai/platform-docs-public,
 * `public/openapi.yaml`, Aug 2026): the Organization's monthly limit and the usage counted against it,
 * amounts in the Organization's billing currency (the docs: "500 means 500, not 500 cents").
 * Only the fields used; unknown ones ignored.
 */
import { z } from 'zod';
import { currencyCode, decimalAmount } from '../adapter-kit.js';

export const limitsSchema = z.object({
  limits: z.object({
    completion: z
      .object({
        no_monthly_limit: z.boolean().nullish(),
        monthly_limit_reached: z.boolean().nullish(),
        /** API usage counted against the limit. */
        usage: decimalAmount.nullish(),
        /** Vibe usage counted against the limit. */
        vibe_usage: decimalAmount.nullish(),
        /** "Total current usage counted against the limit." */
        total_usage: decimalAmount.nullish(),
        usage_limit: decimalAmount.nullish(),
      })
      .nullish(),
    last_payment_failure: z.boolean().nullish(),
    /** "Currency used for usage and limit amounts." Required in the spec. */
    currency: currencyCode,
  }),
});

export type Limits = z.infer<typeof limitsSchema>;
