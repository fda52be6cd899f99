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

export interface EarlyHeader {
  readonly demo: boolean;
  readonly totals: readonly EarlyTotal[];
}

/** The header's figures in an overview answer, or null when the answer is not one this paint can trust. */
export function earlyHeader(body: unknown): EarlyHeader | null {
  if (typeof body !== 'object' || body === null) return null;
  const { totals, demo } = body as { totals?: unknown; demo?: unknown };
  if (!Array.isArray(totals) || typeof demo !== 'boolean') return null;
  const read: EarlyTotal[] = [];
  for (const total of totals) {
    if (typeof total !== 'object' || total === null) return null;
    const { currency, monthToDate } = total as { currency?: unknown; monthToDate?: unknown };
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) return null;
    if (typeof monthToDate !== 'string' || !DECIMAL.test(monthToDate)) return null;
    read.push({ currency, monthToDate });
  }
  return { demo, totals: read };
}

/**
 * Paints the header's title and totals into an empty #root, inside the popover's frame. Does nothing once
 * anything is there (the popover rendered first, or an error was shown).
 */
export function paintEarlyHeader(root: HTMLElement, { demo, totals }: EarlyHeader, locale: string): boolean {
  if (root.childElementCount > 0) return false;
  const doc = root.ownerDocument;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => {
    const made = doc.createElement(tag);
    made.className = className;
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
