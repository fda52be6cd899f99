/**
 * Checks a manual entry the way a careful bookkeeper would, before anything is stored: a real date, an
 * exact positive amount for spend and top-ups, a known currency, and no spend typed in for a provider
 * that reports its spend itself (that would count it twice).
 */
import type { EntryInput, LedgerEntryDto } from '../../shared/api.js';
import { DEFAULT_ACCOUNT, requireProvider, validateAccountName, type Account } from '../accounts/accounts.js';
import { isRealDate, localDate, monthOf, parseMonth, parseRealDateTime, type BillingMonth } from '../model/billing-month.js';
import { InputError } from '../model/input-error.js';
import { formatAmount, normalizeCurrency, parseAmount } from '../model/money.js';

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

const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * An entry put back by undo is checked like a new one, and its id and creation time must be ones
 * Spendbar could have given it: the restore path must not become a way to store what `entry add` refuses.
 */
export function validateRestoredEntry(entry: LedgerEntryDto, accounts: readonly Account[], now: Date): LedgerEntryDto {
  if (!ENTRY_ID.test(entry.id)) throw new InputError(`"${entry.id}" is not an entry id.`, 'id');
  const created = parseRealDateTime(entry.createdAt);
  if (!created || !entry.createdAt.includes('T')) throw new InputError(`createdAt "${entry.createdAt}" is not an ISO 8601 date-time.`, 'createdAt');
  if (created.getTime() > now.getTime() + DAY_MS) throw new InputError(`createdAt ${entry.createdAt} is in the future.`, 'createdAt');
  return { ...validateEntry(entry, accounts, now), id: entry.id, createdAt: created.toISOString() };
}

/** Providers' billing APIs reach back years at most; an earlier month is a typo. */
const EARLIEST_POLL_MONTH = '2015-01';

/**
 * The month a poll may ask a provider for: not after the current billing month (nothing to fetch, and a
 * history file for 2099 would be stored) and not before 2015.
 */
export function validatePollMonth(text: string | undefined, now: Date): BillingMonth {
  const current = monthOf(now);
  if (text === undefined) return current;
  const month = parseMonth(text);
  if (!month) throw new InputError(`"${text}" is not a month: use YYYY-MM, for example ${current.key}.`, 'month');
  if (month.key > current.key) throw new InputError(`${month.key} has not started yet; the current billing month is ${current.key}.`, 'month');
  if (month.key < EARLIEST_POLL_MONTH) throw new InputError(`${month.key} is too far back; poll a month from ${EARLIEST_POLL_MONTH} to ${current.key}.`, 'month');
  return month;
}

/** An entry without --account goes to the provider's only account, else to "default". */
export function defaultAccountFor(providerId: string, accounts: readonly Account[]): string {
  const mine = accounts.filter((account) => account.provider.id === providerId);
  return mine.length === 1 ? mine[0]!.name : DEFAULT_ACCOUNT;
}
