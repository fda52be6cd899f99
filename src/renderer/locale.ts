/** The locale the popover formats in; no React here, so the page's small entry (main.tsx) can use it too. */
let locale: string | undefined;

/**
 * The user's locale for numbers and dates (the OS language in Electron, the browser's in serve mode).
 * Read once and kept until the browser says the language changed: reading navigator.language is slow in
 * Chromium (18 ms in all over one first render's reads, in a CPU profile), and the first render asks
 * for every figure of every row.
 */
export function userLocale(): string {
  if (locale === undefined) {
    locale = navigator.language || 'en-US';
    if (typeof addEventListener === 'function') addEventListener('languagechange', () => (locale = undefined), { once: true });
  }
  return locale;
}
