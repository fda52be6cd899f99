/**
 * Property tests of the secret scrubber: random secrets placed at random offsets (whole, cut at either
 * end, URL-encoded) in messages of random length never survive in any fragment of 8 or more characters,
 * after the scrub and after any cut to length. Also run through the real HTTP client, whose provider
 * quotes are cut to 200 characters.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { SECRET_FRAGMENT, publicPrefixLength, scrubAndClip, scrubSecrets } from '../../src/core/http/secret-scrub.js';
import { ProviderError, redact } from '../../src/core/model/provider-error.js';
import { startFakeServer, type FakeServer } from '../fakes/fake-http-server.js';

/**
 * Every fragment of `length` characters of each secret that occurs in `text`, except those lying wholly
 * inside a published key prefix ("sk-ant-admin01-"), which name the kind of key and are not secret.
 */
function survivingFragments(text: string, secrets: readonly string[], length = SECRET_FRAGMENT): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    for (let i = Math.max(0, publicPrefixLength(secret) - length + 1); i + length <= secret.length; i += 1) {
      const fragment = secret.slice(i, i + length);
      if (text.includes(fragment)) found.push(fragment);
    }
  }
  return found;
}

const keyAlphabet = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'.split(''));
/** Keys as providers issue them, and arbitrary strings (brackets, unicode, the marker's own letters). */
const secretArb = fc.oneof(
  fc.tuple(fc.constantFrom('sk-', 'sk-ant-admin01-', 'sk-or-v1-', 'xai-', 'ghp_', 'rk_live_', ''), fc.string({ unit: keyAlphabet, minLength: 8, maxLength: 96 })).map(
    ([prefix, body]) => prefix + body,
  ),
  fc.string({ unit: 'binary', minLength: 8, maxLength: 64 }),
  fc.string({ minLength: 8, maxLength: 40 }).map((body) => `[redacted]${body}`),
);

/** A secret placed in filler text: whole, or only its head or tail (as a provider or a cut might). */
const placement = fc.record({
  before: fc.string({ unit: 'grapheme', maxLength: 400 }),
  after: fc.string({ unit: 'grapheme', maxLength: 400 }),
  form: fc.constantFrom('whole', 'head', 'tail', 'encoded', 'twice'),
  cut: fc.nat(),
});

function place(secret: string, p: { before: string; after: string; form: string; cut: number }): string {
  const at = 1 + (p.cut % secret.length);
  const middle =
    p.form === 'head' ? secret.slice(0, at) : p.form === 'tail' ? secret.slice(at - 1) : p.form === 'encoded' ? encodeURIComponent(secret) : p.form === 'twice' ? `${secret}${secret}` : secret;
  return `${p.before}${middle}${p.after}`;
}

describe('secret scrubber (property)', () => {
  it('leaves no fragment of 8+ characters of any secret, before or after a cut', () => {
    fc.assert(
      fc.property(fc.array(secretArb, { minLength: 1, maxLength: 3 }), fc.array(placement, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 600 }), (secrets, placements, max) => {
        const text = placements.map((p, i) => place(secrets[i % secrets.length]!, p)).join(' ');
        const encoded = secrets.map((secret) => encodeURIComponent(secret));
        for (const output of [scrubSecrets(text, secrets), scrubAndClip(text, secrets, max), redact(text.slice(0, max), secrets)]) {
          expect(survivingFragments(output, secrets)).toEqual([]);
          expect(survivingFragments(output, encoded)).toEqual([]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing in a text that holds no part of a secret', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ unit: 'grapheme', maxLength: 300 }), (secret, text) => {
        fc.pre(survivingFragments(text, [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]).length === 0);
        expect(scrubSecrets(text, [secret])).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('scrubs a key that straddles the 200-character quote limit', () => {
    const key = 'sk-admin-0123456789abcdefghijklmnopqrstuv';
    const said = `${'x'.repeat(160)} ${key} is not an admin key`;
    const quoted = scrubAndClip(said, [key], 200);
    expect(quoted.length).toBeLessThanOrEqual(200);
    expect(survivingFragments(quoted, [key])).toEqual([]);
    expect(quoted).toContain('[redacted]');
  });

  it('keeps a published key prefix that names the kind of key, and nothing after it', () => {
    const key = 'sk-ant-api03-Zx81kLq0PmN7vR2sT4uW6yA9bC3dE5fG';
    expect(scrubSecrets(`a normal API key (sk-ant-api…) ${key.slice(0, 24)}`, [key])).toBe('a normal API key (sk-ant-api…) sk-ant[redacted]');
    expect(scrubSecrets(`Admin keys start sk-ant-admin01-`, [key])).toBe('Admin keys start sk-ant-admin01-');
  });
});

describe('provider error text through the HTTP client (property)', () => {
  let server: FakeServer;
  let reply = { status: 401, message: '' };
  beforeAll(async () => {
    server = await startFakeServer(() => ({ status: reply.status, json: { error: { message: reply.message } } }));
  });
  afterAll(async () => {
    await server.close();
  });

  it('never lets a fragment of 8+ characters of the key into the error, wherever the provider echoes it', async () => {
    const client = createHttpClient({ maxRetries: 0, totalTimeoutMs: 2000 });
    await fc.assert(
      fc.asyncProperty(secretArb, placement, fc.constantFrom(400, 401, 402, 403, 404, 429), async (secret, p, status) => {
        reply = { status, message: place(secret, p) };
        const error = await client.json({ url: `${server.origin}/v1/costs`, schema: z.object({}), provider: 'Fake', secrets: [secret] }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ProviderError);
        expect(survivingFragments((error as ProviderError).message, [secret])).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
