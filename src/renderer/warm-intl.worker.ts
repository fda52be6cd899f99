/**
 * Runs in a worker (warm-intl.ts starts it): the first Intl formatter built in the page's process loads
 * ICU's locale data once for every thread of it, so building one here spares the page's main thread that
 * cost. The worker then ends itself.
 */
const locale = (self as unknown as { name?: string }).name || 'en-US';
try {
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(0);
  new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(0);
} catch {
  // An unusual locale: the popover's own formatters handle it.
}
self.close();
