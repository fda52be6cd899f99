/**
 * Checks a manual entry the way a careful bookkeeper would, before anything is stored: a real date, an
 * exact positive amount for spend and top-ups, a known currency, and no spend typed in for a provider
 * that reports its spend itself (that would count it twice).
 */
import type { EntryInput, LedgerEntryDto } from '../shared/api.js';
import { DEFAULT_ACCOUNT, requireProvider, validateAccountName, type Account } from './accounts.js';
import { isRealDate, localDate } from './model/billing-month.js';
import { InputError } from './model/input-error.js';
import { formatAmount, normalizeCurrency, parseAmount } from './model/money.js';

export type ValidEntry = Omit<LedgerEntryDto, 'id' | 'createdAt'>;

const DAY_MS = 86_400_000;

export function validateEntry(input: EntryInput, accounts: readonly Account[], now: Date): ValidEntry {
  const provider = requireProvider(input.provider);
  const account = input.account === undefined ? defaultAccountFor(provider.id, accounts) : validateAccountName(input.account);
  const amount = parseAmount(input.amount);
  if ((input.kind === 'spend' || input.kind === 'topup') && !amount.greaterThan(0)) {
    throw new InputError(`A ${input.kind === 'spend' ? 'spend' : 'top-up'} amount must be positive; got ${input.amount}.`, 'amount');
  }
  if (input.kind === 'spend' && provider.reportsSpend) {
    throw new InputError(`${provider.name} reports its spend itself, so a spend entry would count it twice. Top-ups and known balances are fine.`, 'kind');
  }
  const currency = normalizeCurrency(input.currency ?? provider.defaultCurrency);
  const date = input.date ?? localDate(now);
  if (!isRealDate(date)) throw new InputError(`"${date}" is not a date: use YYYY-MM-DD, for example ${localDate(now)}.`, 'date');
  if (date > localDate(new Date(now.getTime() + DAY_MS))) throw new InputError(`${date} is in the future; entries record what already happened.`, 'date');
  const note = (input.note ?? '').trim();
  if (note.length > 500) throw new InputError('The note is longer than 500 characters.', 'note');
  return { provider: provider.id, account, kind: input.kind, amount: formatAmount(amount), currency, date, note };
}

export function validateEntryUpdate(
  existing: LedgerEntryDto,
  changes: Partial<Pick<LedgerEntryDto, 'amount' | 'currency' | 'date' | 'note' | 'kind'>>,
  accounts: readonly Account[],
  now: Date,
): LedgerEntryDto {
  const merged = { ...existing, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
  const valid = validateEntry(merged, accounts, now);
  return { ...valid, id: existing.id, createdAt: existing.createdAt };
}

/** An entry without --account goes to the provider's only account, else to "default". */
export function defaultAccountFor(providerId: string, accounts: readonly Account[]): string {
  const mine = accounts.filter((account) => account.provider.id === providerId);
  return mine.length === 1 ? mine[0]!.name : DEFAULT_ACCOUNT;
}
