/**
 * Removes secrets from text that may reach the user, a file or the renderer (provider error messages,
 * notes). A key can arrive whole, URL-encoded, or cut anywhere by a provider or by a message length
 * limit, so every run of 8 or more characters that also occurs inside a secret is removed, not only the
 * whole value. Secrets shorter than 8 characters (still at least 4) are removed where they occur whole.
 *
 * The documented prefix that names a key's kind ("sk-ant-admin01-", "ghp_") is not secret, and messages
 * name it ("this is a normal API key, sk-ant-api…"): a fragment made only of such a prefix stays.
 *
 * Scrub before cutting a text to length: cutting first can leave the start of a key at the cut, which
 * the scrubber then sees only in part.
 */

/** Runs of this many characters from a secret are removed wherever they appear. */
export const SECRET_FRAGMENT = 8;
const MIN_SECRET = 4;
const MARKER = '[redacted]';

/**
 * Published key prefixes of the providers Spendbar reads (longest first). Only these exact strings are
 * treated as public; everything after them is secret.
 */
const PUBLIC_PREFIXES = [
  'sk-ant-admin01-',
  'sk-ant-api03-',
  'github_pat_',
  'sk-or-v1-',
  'sk-admin-',
  'sk-proj-',
  'sk_live_',
  'rk_live_',
  'sk_test_',
  'rk_test_',
  'sk-ant-',
  'xai-',
  'ghp_',
  'gho_',
  'ghs_',
  'sbp_',
  'gsk_',
  'sk-',
];

/** How many leading characters of a secret are a published, non-secret prefix. */
export function publicPrefixLength(secret: string): number {
  return PUBLIC_PREFIXES.find((prefix) => secret.startsWith(prefix) && secret.length > prefix.length)?.length ?? 0;
}

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const forms = secretForms(secrets);
  if (forms.length === 0 || text === '') return text;
  const covered = new Uint8Array(text.length);
  let any = false;
  const mark = (start: number, length: number) => {
    covered.fill(1, start, start + length);
    any = true;
  };
  const grams = new Set<string>();
  for (const form of forms) {
    if (form.length >= SECRET_FRAGMENT) {
      // A fragment lying wholly inside the public prefix names only the kind of key.
      const first = Math.max(0, publicPrefixLength(form) - SECRET_FRAGMENT + 1);
      for (let i = first; i + SECRET_FRAGMENT <= form.length; i += 1) grams.add(form.slice(i, i + SECRET_FRAGMENT));
    } else {
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) mark(at, form.length);
    }
  }
  if (grams.size > 0) {
    for (let i = 0; i + SECRET_FRAGMENT <= text.length; i += 1) {
      if (grams.has(text.slice(i, i + SECRET_FRAGMENT))) mark(i, SECRET_FRAGMENT);
    }
  }
  if (!any) return text;
  const marker = markerFor(forms);
  let clean = '';
  for (let i = 0; i < text.length; ) {
    if (covered[i]) {
      while (i < text.length && covered[i]) i += 1;
      clean += marker;
    } else {
      clean += text[i];
      i += 1;
    }
  }
  return clean;
}

/** Scrubs, then cuts to `max` characters (with an ellipsis), in that order. */
export function scrubAndClip(text: string, secrets: readonly string[], max: number): string {
  const clean = scrubSecrets(text, secrets);
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms];
}

/**
 * The marker must not itself form a secret fragment with the text around it. Any run that reaches into
 * a marker contains one of its characters, so a marker whose ends (and whose whole) no secret contains
 * is always safe; otherwise a character that occurs in no secret is used.
 */
function markerFor(forms: readonly string[]): string {
  if (forms.every((form) => !form.includes('[') && !form.includes(']') && !form.includes('redacted'))) return MARKER;
  for (let code = 0x2588; ; code += 1) {
    const candidate = String.fromCharCode(code);
    if (forms.every((form) => !form.includes(candidate))) return candidate.repeat(3);
  }
}
