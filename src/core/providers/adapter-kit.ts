/**
 * Small pieces several balance adapters share (xAI, DeepSeek, Moonshot, SiliconFlow, ElevenLabs,
 * Mistral): exact amount schemas that accept the number-or-string forms providers actually send, and
 * the mapping of errors that arrive inside a 200 (`{"code": …}` envelopes) to the engine's error kinds.
 */
import { z } from 'zod';
import { canonicalAmount, Dec, normalizeCurrency } from '../model/money.js';
import { ProviderError, redact, type ErrorKind } from '../model/provider-error.js';
import { scrubAndClip } from '../http/secret-scrub.js';

const decimalText = /^-?\d+(\.\d+)?$/;
const integerText = /^-?\d+$/;

export { canonicalAmount };

/**
 * A money amount documented as a number or as a decimal string; either form is accepted because the
 * meaning is unambiguous. Numbers go through their shortest round-trip text, so 0.1 stays 0.1; the
 * result is canonical, and an amount beyond any bill is a parse error naming the field.
 */
export const decimalAmount = z
  .union([z.number().finite(), z.string().trim().regex(decimalText, 'is not a decimal amount')])
  .transform((value, ctx) => {
    const amount = canonicalAmount(new Dec(typeof value === 'number' ? String(value) : value));
    if (amount === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is beyond any plausible amount' });
      return z.NEVER;
    }
    return amount;
  });

/** An integer count of minor units (cents), as a JSON number or as proto3 JSON's int64 string. */
export const integerAmount = z
  .union([z.number().int(), z.string().trim().regex(integerText, 'is not a whole number')])
  .transform((value) => new Dec(typeof value === 'number' ? String(value) : value));

/** A whole count (characters, Unix seconds) that some SDKs serialise as a string; always a safe integer. */
export const wholeNumber = z
  .union([z.number().int(), z.string().trim().regex(integerText, 'is not a whole number')])
  .transform((value) => Number(value))
  .pipe(z.number().int().refine(Number.isSafeInteger, 'is too large to be a count'));

/** A non-negative count (requests, units, tokens), possibly fractional, as a number or numeric string. */
export const countValue = z
  .union([z.number(), z.string().trim().regex(/^\d+(\.\d+)?$/, 'is not a count')])
  .transform(Number)
  .pipe(z.number().finite('is too large to be a count').nonnegative('is not a count'));

/** An ISO 4217 code in any case ("usd", "CNY"), upper-cased; an unknown code is a parse error. */
export const currencyCode = z.string().transform((code, ctx) => {
  try {
    return normalizeCurrency(code);
  } catch {
    ctx.addIssue({ code: 'custom', message: `is not a known currency code ("${code.slice(0, 12)}")` });
    return z.NEVER;
  }
});

/** Cents to major units, exactly. */
export function fromCents(cents: Dec): Dec {
  return cents.div(100);
}

/**
 * Maps an error code found inside a 200 body. Codes that look like HTTP statuses are read as such;
 * other codes are classified by what the message says, and otherwise count as a configuration problem
 * (the provider refused the request for a reason Spendbar cannot fix by retrying).
 */
export function errorInBody(
  provider: string,
  code: number | string | undefined,
  providerText: string | undefined,
  url: string,
  secrets: readonly string[],
): ProviderError {
  const numeric = typeof code === 'number' ? code : Number(code);
  const said = providerText ? ` ("${scrubAndClip(providerText, secrets, 200)}")` : '';
  const kind = kindForCode(numeric, providerText ?? '');
  const messages: Record<ErrorKind, string> = {
    'missing-credential': `${provider} needs a key.`,
    auth: `${provider} rejected the key (error code ${code ?? 'unknown'})${said}. Check or replace the key.`,
    permission: `${provider} refused access with this key (error code ${code ?? 'unknown'})${said}.`,
    billing: `${provider} says the account is out of credit (error code ${code ?? 'unknown'})${said}. Top up to keep using it.`,
    'rate-limited': `${provider} is rate-limiting Spendbar (error code ${code ?? 'unknown'})${said}. It will wait before asking again.`,
    'provider-unavailable': `${provider} reported an internal error (error code ${code ?? 'unknown'})${said}. Spendbar will retry later.`,
    network: `${provider} could not be reached.`,
    parse: `${provider} answered in an unexpected shape.`,
    config: `${provider} answered with error code ${code ?? 'unknown'}${said}. Check the account's key, settings and base URL.`,
  };
  return new ProviderError(kind, redact(messages[kind], secrets), { url });
}

function kindForCode(code: number, text: string): ErrorKind {
  if (code === 401) return 'auth';
  if (code === 402) return 'billing';
  if (code === 403) return 'permission';
  if (code === 429) return 'rate-limited';
  if (code >= 500 && code < 600) return 'provider-unavailable';
  if (code >= 400 && code < 500) return 'config';
  if (/insufficient|balance|余额|quota|credit/i.test(text)) return 'billing';
  if (/api key|apikey|unauthori[sz]ed|authenticat|invalid token|令牌|密钥/i.test(text)) return 'auth';
  return 'config';
}

/**
 * The cursor of the next page, refused when it is the one just used: a provider repeating its cursor
 * would otherwise be asked for the same page until the page limit, a burst of identical requests.
 */
export function nextCursor(provider: string, used: string | undefined, next: string, url: string): string {
  if (next === used) throw new ProviderError('parse', `${provider} sent the same page cursor twice; Spendbar stopped following its pages.`, { url: url.split('?')[0] });
  return next;
}
