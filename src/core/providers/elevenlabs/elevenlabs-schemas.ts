/**
 * ElevenLabs `GET /v1/user/subscription`. Two published shapes are accepted: the older
 * `ExtendedSubscriptionResponseModel` (elevenlabs-docs openapi.json, 2025: `next_invoice` with
 * `amount_due_cents` and `next_payment_attempt_unix`, `currency` usd|eur) and the newer SDK `Subscription`
 * (elevenlabs-python, 2026: adds `current_overage`, `open_invoices`, `max_credit_limit_extension`, a
 * nullable reset time). Only the fields used; unknown ones ignored.
 */
import { z } from 'zod';
import { decimalAmount, integerAmount, wholeNumber } from '../adapter-kit.js';

const invoice = z.object({
  /** Integer cents. */
  amount_due_cents: integerAmount.nullish(),
  /** Unix seconds; -1 when there is no next payment attempt (newer SDK). */
  next_payment_attempt_unix: wholeNumber.nullish(),
  /** Some older invoice models carried their own currency. */
  currency: z.string().nullish(),
});

export const subscriptionSchema = z.object({
  tier: z.string().nullish(),
  status: z.string().nullish(),
  /** Characters (credits) used this period. */
  character_count: wholeNumber,
  /** Characters (credits) allowed this period. */
  character_limit: wholeNumber,
  next_character_count_reset_unix: wholeNumber.nullish(),
  /** usd, eur (and inr, pln in newer SDKs), lower case. */
  currency: z.string().nullish(),
  next_invoice: invoice.nullish(),
  has_open_invoices: z.boolean().nullish(),
  open_invoices: z.array(invoice).nullish(),
  /** Newer: the usage-based overage so far, a decimal string in major units. */
  current_overage: z.object({ amount: decimalAmount, currency: z.string().nullish() }).nullish(),
  /** Newer: `"unlimited"`, or how many credits the limit may be exceeded by (0 = no usage-based billing). */
  max_credit_limit_extension: z.union([wholeNumber, z.literal('unlimited')]).nullish(),
});

export type Subscription = z.infer<typeof subscriptionSchema>;
