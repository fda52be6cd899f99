/**
 * The first Intl formatter a page builds loads ICU's locale data: 20 to 80 ms on a 2-core machine, against
 * well under a millisecond for each formatter after it, and the page always needs one (the total is
 * money). That data is shared by every thread of the page's process, so main.tsx has a worker build one
 * while the popover's code loads and the overview is on its way, and the first render of the total no
 * longer pays for it. Where no worker can start, the main thread builds one there and then (the cost is
 * the same, only earlier). Nothing is kept: format.ts and shared/format-money.ts build their own.
 */
export function warmIntl(locale: string): void {
  try {
    // `name` carries the locale, so the worker needs no message (and the page no listener).
    new Worker(new URL('./warm-intl.worker.ts', import.meta.url), { name: locale });
    return;
  } catch {
    // No worker here (or a CSP refusing it): warm on this thread instead.
  }
  try {
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(0);
    new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(0);
  } catch {
    // An unusual locale: the popover's own formatters handle (and report) it.
  }
}
