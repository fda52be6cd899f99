/**
 * Stripe: what Stripe costs the user this month (the `fee` of every balance transaction plus Stripe's
 * separately charged fees, such as Billing or Radar), per currency and day; and the available balance
 * per currency. Amounts are integers in each currency's smallest unit.
 */
import { Dec, money, normalizeCurrency, type Money } from '../../model/money.js';
import { ProviderError } from '../../model/provider-error.js';
import type { BreakdownItem, DailySpend, Figure, Snapshot } from '../../model/snapshot.js';
import { nextCursor } from '../adapter-kit.js';
import { MINUTE, type ProviderContext, type ProviderDefinition } from '../provider.js';
import { guarded } from '../snapshot-guard.js';
import { inOrder } from '../concurrent-calls.js';
import { balanceSchema, balanceTransactionListSchema, type Balance, type BalanceTransaction } from './stripe-schemas.js';

const NAME = 'Stripe';
const KEYS_URL = 'https://dashboard.stripe.com/apikeys';
/** 100 transactions a page; a month beyond 5,000 transactions is shown as a lower bound. */
const PAGE_SIZE = 100;
const MAX_PAGES = 50;

/** Stripe's zero-decimal and three-decimal currencies (docs.stripe.com/currencies); all others use two. */
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export const stripeProvider: ProviderDefinition = {
  id: 'stripe',
  name: NAME,
  monogram: { letters: 'St', colour: '#5243c2' },
  implicitFromEnv: true,
  kind: 'api',
  credentials: [{ name: 'apiKey', env: 'STRIPE_API_KEY', label: 'Restricted key', secret: true }],
  settings: [{ name: 'currency', label: 'Currency', help: 'Which balance currency to show (e.g. eur) when the account holds several.' }],
  defaultBaseUrl: 'https://api.stripe.com',
  keyHelp: 'A restricted key (rk_…) with Read access to Balance and balance transactions only; the secret key (sk_…) works but can do far more.',
  keyUrl: KEYS_URL,
  reportsSpend: true,
  defaultCurrency: 'USD',
  // A busy account pages through many transactions; fees do not need minute-by-minute freshness.
  refresh: { defaultMs: 60 * MINUTE, minimumMs: 5 * MINUTE },
  fetchSnapshot: guarded(NAME, fetchStripeSnapshot),
};

/** Fees of one currency this month. */
interface CurrencyFees {
  /** `fee` of payments, refunds and other transactions. */
  processing: Dec;
  /** Transactions that are themselves Stripe fees (reporting category `fee`): Billing, Radar, Connect… */
  service: Dec;
  byDay: Map<string, Dec>;
}

async function fetchStripeSnapshot(context: ProviderContext): Promise<Snapshot> {
  const key = context.credentials.apiKey ?? '';
  assertSecretKeyKind(key);
  const headers = { authorization: `Bearer ${key}` };
  const common = { provider: NAME, headers, secrets: context.secrets, signal: context.signal, explain: explainStatus };
  const window = `created[gte]=${context.month.start.getTime() / 1000}&created[lt]=${context.month.end.getTime() / 1000}&limit=${PAGE_SIZE}`;
  const fees = new Map<string, CurrencyFees>();
  // The balance and the month's transactions at once; the balance call's failure decides the error.
  const [balanceResponse, partial] = await inOrder([
    () => context.http.json({ ...common, url: `${context.baseUrl}/v1/balance`, schema: balanceSchema }),
    async () => {
      let startingAfter: string | undefined;
      let pages = 0;
      let more = true;
      while (more && pages < MAX_PAGES) {
        const cursor = startingAfter ? `&starting_after=${encodeURIComponent(startingAfter)}` : '';
        const page = await context.http.json({ ...common, url: `${context.baseUrl}/v1/balance_transactions?${window}${cursor}`, schema: balanceTransactionListSchema });
        pages += 1;
        for (const transaction of page.data.data) addFees(fees, transaction, context);
        more = page.data.has_more && page.data.data.length > 0;
        const last = page.data.data.at(-1)?.id;
        startingAfter = more && last !== undefined ? nextCursor(NAME, startingAfter, last, context.baseUrl) : last;
      }
      return more;
    },
  ]);
  const balance = balanceResponse.data;

  const primary = primaryCurrency(context, balance, fees);
  const own = fees.get(primary);
  const total = own ? own.processing.plus(own.service) : new Dec(0);
  const notes: string[] = [];
  if (partial) notes.push(`More than ${PAGE_SIZE * MAX_PAGES} transactions this month: the fees shown cover the newest ${PAGE_SIZE * MAX_PAGES} only.`);
  for (const [currency, other] of [...fees.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (currency !== primary) notes.push(`Stripe fees in ${currency} this month: ${other.processing.plus(other.service).toFixed()}.`);
  }
  const pending = (balance.pending ?? []).filter((entry) => Number(entry.amount) !== 0).map((entry) => fromMinorUnits(entry.amount, entry.currency));
  if (pending.length > 0) notes.push(`Pending (not yet available): ${pending.map((entry) => `${entry.amount.toFixed()} ${entry.currency}`).join(', ')}.`);
  if (balance.livemode === false) notes.push('This is a test-mode key: the figures are test data.');

  const balances = availableBalances(balance, primary);
  return {
    month: context.month.key,
    // A partial count is a floor, not Stripe's figure.
    monthToDate: { money: money(total, primary), confidence: partial ? 'estimated' : 'official' },
    dailySpend: own ? dailySpendOf(own, primary) : [],
    balance: balances[0],
    balances,
    breakdown: own ? breakdownOf(own, primary) : [],
    notes,
    fetchedAt: context.now().toISOString(),
  };
}

/** A publishable key or a webhook secret cannot read balances: say which key to create instead. */
function assertSecretKeyKind(key: string): void {
  if (/^(sk|rk)_/.test(key)) return;
  const what = key.startsWith('pk_') ? 'a publishable key (pk_…)' : key.startsWith('whsec_') ? 'a webhook signing secret' : 'not a Stripe secret or restricted key';
  throw new ProviderError(
    'auth',
    `The Stripe key is ${what}, which cannot read the balance. Create a restricted key (rk_…) with Read access to Balance at ${KEYS_URL}.`,
  );
}

function explainStatus(status: number, said: string | undefined): string | undefined {
  const quoted = said ? ` Stripe said: "${said}".` : '';
  if (status === 401) return `Stripe rejected the key.${quoted} Create a restricted key (rk_…) with Read access to Balance at ${KEYS_URL}, or check that the key was not rolled.`;
  if (status === 403) {
    return `Stripe refused this key access to the balance or its transactions.${quoted} Give the restricted key Read access to Balance (and balance transactions) at ${KEYS_URL}.`;
  }
  return undefined;
}

function addFees(fees: Map<string, CurrencyFees>, transaction: BalanceTransaction, context: ProviderContext): void {
  const created = new Date(Number(transaction.created) * 1000);
  if (Number.isNaN(created.getTime())) throw new ProviderError('parse', `Stripe sent a balance transaction created at "${String(transaction.created).slice(0, 20)}", which is no time.`);
  // The window is asked for; a transaction outside it is not this month's, whatever a proxy sent.
  if (created < context.month.start || created >= context.month.end) return;
  const fee = fromMinorUnits(transaction.fee, transaction.currency);
  const entry = fees.get(fee.currency) ?? { processing: new Dec(0), service: new Dec(0), byDay: new Map<string, Dec>() };
  entry.processing = entry.processing.plus(fee.amount);
  let cost = fee.amount;
  // Stripe's own charges (Billing, Radar…) are negative amounts in the `fee` category; refunds of them positive.
  if (transaction.reporting_category === 'fee' && transaction.amount !== null && transaction.amount !== undefined) {
    const charged = fromMinorUnits(transaction.amount, transaction.currency).amount.negated();
    entry.service = entry.service.plus(charged);
    cost = cost.plus(charged);
  }
  const day = created.toISOString().slice(0, 10);
  entry.byDay.set(day, (entry.byDay.get(day) ?? new Dec(0)).plus(cost));
  fees.set(fee.currency, entry);
}

/** The account setting `currency` wins; then the first available balance (the account's own), then any fee currency. */
function primaryCurrency(context: ProviderContext, balance: Balance, fees: Map<string, CurrencyFees>): string {
  const chosen = context.settings.currency ?? balance.available[0]?.currency ?? [...fees.keys()].sort()[0] ?? 'usd';
  return currencyCode(chosen);
}

function availableBalances(balance: Balance, primary: string): Figure[] {
  const figures = balance.available.map((entry) => ({ money: fromMinorUnits(entry.amount, entry.currency), confidence: 'official' as const }));
  return [...figures.filter((figure) => figure.money.currency === primary), ...figures.filter((figure) => figure.money.currency !== primary)];
}

function dailySpendOf(fees: CurrencyFees, currency: string): DailySpend[] {
  return [...fees.byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, amount]) => ({ date, money: money(amount, currency) }));
}

function breakdownOf(fees: CurrencyFees, currency: string): BreakdownItem[] {
  const items: BreakdownItem[] = [];
  if (!fees.processing.isZero()) items.push({ dimension: 'line_item', label: 'Processing fees', money: money(fees.processing, currency) });
  if (!fees.service.isZero()) items.push({ dimension: 'line_item', label: 'Stripe service fees', money: money(fees.service, currency) });
  return items;
}

/** Converts an integer of the smallest unit exactly: 666670 USD cents are 6666.70, 180 JPY are 180. */
export function fromMinorUnits(amount: number | string, currency: string): Money {
  const code = currencyCode(currency);
  const digits = ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
  return money(new Dec(String(amount)).div(10 ** digits), code);
}

function currencyCode(currency: string): string {
  try {
    return normalizeCurrency(currency);
  } catch {
    throw new ProviderError('parse', `Stripe sent an unknown currency "${currency.slice(0, 12)}".`);
  }
}
