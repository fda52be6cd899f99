/**
 * The month-to-date total is what a glance at the popover is for, so the served page's small entry
 * (main.tsx) paints it from the first overview the moment that answer arrives, while the browser still
 * loads and runs the popover's code (React, the contract's schemas). The popover's first render then
 * replaces it (React clears #root when it first commits) with the whole header: where each part comes
 * from, the month-end outlook and the age of the figures.
 *
 * Only the totals are read, and only when they have the contract's shape; anything else paints nothing
 * and leaves the answer to the popover, which checks all of it. The amounts are the engine's figures,
 * formatted by the one money formatter, in the same markup and classes as Header.tsx, so nothing moves
 * when the popover takes over.
 */
import { formatMoney } from '../shared/format-money';

export interface EarlyTotal {
  readonly currency: string;
  readonly monthToDate: string;
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z0-9]{2,12}$/;

/** The approximate total in the display currency, as the header shows it above the native totals. */
export interface EarlyConverted {
  readonly amount: string;
  readonly currency: string;
  readonly ratesDate: string;
  readonly ratesSource: string;
  readonly stale: boolean;
  readonly excluded: readonly string[];
}

export interface EarlyHeader {
  readonly demo: boolean;
  readonly totals: readonly EarlyTotal[];
  readonly converted?: EarlyConverted;
}

/** The words beside the converted total, shared with Header.tsx so both say the same. */
export function convertedNote(converted: Pick<EarlyConverted, 'ratesDate' | 'ratesSource' | 'stale' | 'excluded'>): { source: string; stale?: string; excluded?: string } {
  return {
    source: `approximate, ${converted.ratesSource} of ${converted.ratesDate}`,
    ...(converted.stale ? { stale: ' · over a week old' } : {}),
    ...(converted.excluded.length > 0 ? { excluded: ` · leaves out ${converted.excluded.join(', ')} (no rate)` } : {}),
  };
}

function readConverted(value: unknown): EarlyConverted | null {
  if (typeof value !== 'object' || value === null) return null;
  const { amount, currency, ratesDate, ratesSource, stale, excluded } = value as Record<string, unknown>;
  if (typeof amount !== 'string' || !DECIMAL.test(amount) || typeof currency !== 'string' || !CURRENCY.test(currency)) return null;
  if (typeof ratesDate !== 'string' || typeof ratesSource !== 'string' || typeof stale !== 'boolean') return null;
  if (!Array.isArray(excluded) || !excluded.every((code): code is string => typeof code === 'string')) return null;
  return { amount, currency, ratesDate, ratesSource, stale, excluded };
}

/** The header's figures in an overview answer, or null when the answer is not one this paint can trust. */
export function earlyHeader(body: unknown): EarlyHeader | null {
  if (typeof body !== 'object' || body === null) return null;
  const { totals, demo, converted } = body as { totals?: unknown; demo?: unknown; converted?: unknown };
  if (!Array.isArray(totals) || typeof demo !== 'boolean') return null;
  // Above the totals, and it makes them smaller: painted without it, they would move when it came.
  const convertedTotal = converted === undefined ? undefined : readConverted(converted);
  if (convertedTotal === null) return null;
  const read: EarlyTotal[] = [];
  for (const total of totals) {
    if (typeof total !== 'object' || total === null) return null;
    const { currency, monthToDate } = total as { currency?: unknown; monthToDate?: unknown };
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) return null;
    if (typeof monthToDate !== 'string' || !DECIMAL.test(monthToDate)) return null;
    read.push({ currency, monthToDate });
  }
  return { demo, totals: read, ...(convertedTotal ? { converted: convertedTotal } : {}) };
}

/**
 * Paints the header's title and totals into an empty #root, inside the popover's frame. Does nothing once
 * anything is there (the popover rendered first, or an error was shown).
 */
export function paintEarlyHeader(root: HTMLElement, { demo, totals, converted }: EarlyHeader, locale: string): boolean {
  if (root.childElementCount > 0) return false;
  const doc = root.ownerDocument;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => {
    const made = doc.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  };
  const frame = element('main', 'popover');
  const header = element('header', 'header');
  // header-top keeps the toolbar's height (styles.css), so the totals do not move when the buttons come.
  const top = element('div', 'header-top');
  const title = element('h1', 'title', 'This month');
  if (demo) title.append(element('span', 'demo-label', 'Demo data'));
  top.append(title);
  header.append(top);
  if (converted) {
    const line = element('p', 'converted');
    line.dataset.testid = 'converted-total';
    const amount = element('span', 'converted-amount');
    const sign = element('span', undefined, '≈ ');
    sign.setAttribute('aria-hidden', 'true');
    amount.append(sign, element('span', 'sr-only', 'About '), formatMoney(converted.amount, converted.currency, { precision: 'total', locale }));
    const words = convertedNote(converted);
    const note = element('span', 'converted-note', words.source);
    if (words.stale) note.append(element('strong', 'converted-stale', words.stale));
    if (words.excluded) note.append(words.excluded);
    line.append(amount, note);
    header.append(line);
  }
  if (totals.length === 0) {
    header.append(element('p', 'totals-empty', 'No spend recorded this month yet.'));
  } else {
    const list = element('ul', 'totals');
    list.setAttribute('aria-label', 'Month-to-date spend');
    for (const total of totals) {
      const item = element('li', 'total-block');
      const amount = element('span', 'total', formatMoney(total.monthToDate, total.currency, { precision: 'total', locale }));
      amount.dataset.testid = `total-${total.currency}`;
      item.append(amount);
      list.append(item);
    }
    header.append(list);
  }
  // Marks the page as not yet interactive for assistive technology until the popover takes over.
  root.setAttribute('aria-busy', 'true');
  frame.append(header);
  root.append(frame);
  return true;
}

/**
 * Reads a copy of the first overview answer (the HTTP bridge reads the original) and paints its totals.
 * Called by the entry right after the request starts, so the copy is taken before anyone reads the body.
 */
export function paintTotalsOnArrival(answer: Promise<Response>, root: HTMLElement, locale: () => string): Promise<boolean> {
  return answer
    .then((response) => (response.ok ? response.clone().json() : null))
    .then((body: unknown) => {
      const header = earlyHeader(body);
      return header ? paintEarlyHeader(root, header, locale()) : false;
    })
    .catch(() => false);
}
