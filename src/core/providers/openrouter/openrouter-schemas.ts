import { z } from 'zod';
import { decimalAmount } from '../adapter-kit.js';

/** A USD amount that the docs type as a number; a numeric string is accepted as unambiguous. */
const usd = decimalAmount;

/** `GET /credits` (management keys only). Only the fields used; unknown fields are ignored. */
export const creditsResponseSchema = z.object({
  data: z.object({
    total_credits: usd,
    total_usage: usd,
  }),
});

/** `GET /key` (any key): the calling key's own usage and limit. */
export const keyResponseSchema = z.object({
  data: z.object({
    label: z.string().nullish(),
    limit: usd.nullish(),
    limit_remaining: usd.nullish(),
    limit_reset: z.string().nullish(),
    usage: usd.nullish(),
    usage_monthly: usd.nullish(),
    is_free_tier: z.boolean().nullish(),
    is_management_key: z.boolean().nullish(),
    is_provisioning_key: z.boolean().nullish(),
  }),
});

export type CreditsResponse = z.infer<typeof creditsResponseSchema>;
export type KeyResponse = z.infer<typeof keyResponseSchema>;
