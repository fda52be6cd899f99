/**
 * A provider is more than its adapter: it needs the shared contract test, fixtures in the provider's
 * published shape, a doc saying which key to create, and a row in the README's provider table.
 * This test fails when a registered provider lacks any of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProvider } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { providers } from './registry.js';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('provider registry', () => {
  it('states each documented request limit with its source, and never polls a report faster than such a limit allows', () => {
    const limited = providers.filter((provider) => provider.documentedLimit);
    expect(limited.map((provider) => provider.id).sort()).toEqual(['anthropic', 'github', 'railway']);
    for (const { documentedLimit: limit, refresh } of limited) {
      expect(limit!.count).toBeGreaterThan(0);
      expect(limit!.source).toMatch(/\S{10,}/);
      // A poll reads each report once: the shortest interval must leave room for the limit's reads.
      if (limit!.unit === 'polls') expect(refresh.minimumMs).toBeGreaterThanOrEqual(limit!.windowMs / limit!.count);
    }
  });

  it('has unique ids', () => {
    const ids = providers.map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(providers.map((provider) => [provider.id, provider] as const))('%s', (id, provider) => {
    it('has a doc and a README row', () => {
      expect(existsSync(join(root, 'docs', 'providers', `${id}.md`)), `docs/providers/${id}.md`).toBe(true);
      expect(readme, `README provider table row for ${id}`).toMatch(new RegExp(`^\\| \`${id}\` \\|`, 'm'));
    });

    it.runIf(provider.kind === 'api')('has its adapter folder, schemas, fixtures and contract test', () => {
      const folder = join(root, 'src', 'core', 'providers', id);
      for (const file of [`${id}-provider.ts`, `${id}-schemas.ts`, `${id}-provider.test.ts`]) {
        expect(existsSync(join(folder, file)), `${id}/${file}`).toBe(true);
      }
      expect(readdirSync(join(folder, '__fixtures__')).length, `${id}/__fixtures__`).toBeGreaterThan(0);
      expect(readFileSync(join(folder, `${id}-provider.test.ts`), 'utf8')).toContain('describeProviderContract(');
      expect(provider.fetchSnapshot).toBeTypeOf('function');
      expect(provider.credentials.length).toBeGreaterThan(0);
    });

    it('carries everything the app needs to know about it: monogram, environment use, price list', () => {
      expect(provider.monogram.letters).toMatch(/^\S{1,3}$/);
      // White letters on it must stay readable in both themes: a dark colour (relative luminance < 0.2).
      expect(provider.monogram.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(luminance(provider.monogram.colour), provider.monogram.colour).toBeLessThan(0.2);
      expect(provider.implicitFromEnv).toBeTypeOf('boolean');
      if (provider.kind === 'manual') expect(provider.implicitFromEnv).toBe(false);
      if (provider.priceListId !== undefined) expect(findProvider({ providerId: provider.priceListId }), provider.priceListId).toBeDefined();
    });

    it('says which key to create, or why none is needed', () => {
      expect(provider.keyHelp.length).toBeGreaterThan(20);
      expect(provider.refresh.minimumMs).toBeGreaterThan(0);
      expect(provider.refresh.defaultMs).toBeGreaterThanOrEqual(provider.refresh.minimumMs);
    });
  });
});

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
