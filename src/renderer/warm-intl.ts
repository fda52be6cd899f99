/**
 * The first Intl formatter a page builds loads ICU's locale data: 20 to 80 ms on a 2-core machine, against
 * well under a millisecond for each formatter after it, and the page always needs one (the total is
 * money); the first string comparison likewise loads collation data (about 15 ms). main.tsx builds one while the browser still streams and compiles the popover's code, instead
 * of inside the first render of the total. Nothing is kept: format.ts and shared/format-money.ts build
 * and cache their own. (A worker building it instead, ICU's data being shared by the process's threads,
 * measured no better on 2 busy cores: it only moves the work to another thread and adds one.)
 */
export function warmIntl(locale: string): void {
  try {
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(0);
    new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(0);
    // The list's order breaks ties by name (model/attention.ts): the first comparison loads collation data.
    'a'.localeCompare('b');
  } catch {
    // An unusual locale: the popover's own formatters handle (and report) it.
  }
}
