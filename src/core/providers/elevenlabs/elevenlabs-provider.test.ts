import { describe, expect, it } from 'vitest';
import { elevenlabsRoutes } from '../../../../tests/fakes/elevenlabs-fake.js';
import { routes, type FakeReply } from '../../../../tests/fakes/fake-http-server.js';
import type { ProviderError } from '../../model/provider-error.js';
import type { Snapshot } from '../../model/snapshot.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import subscription2025 from './__fixtures__/subscription-2025.json' with { type: 'json' };
import subscription2026 from './__fixtures__/subscription-2026.json' with { type: 'json' };
import { elevenlabsProvider } from './elevenlabs-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const apiKey = 'sk_3c9e1f0a7b5d4c2e8f6a0b1c2d3e4f5061728394';

describeProviderContract({
  provider: elevenlabsProvider,
  credentials: { apiKey },
  baseUrl: (origin) => origin,
  healthy: routes(elevenlabsRoutes()),
  expectSnapshot(snapshot) {
    expect(snapshot.quota).toEqual({ used: 17231, limit: 100000, unit: 'characters', resetsAt: '2026-12-01T00:00:00.000Z' });
    expect(snapshot.notes).toContain('Next invoice: 22.00 USD on 2026-12-01.');
    expect(snapshot.notes).toContain('Plan: creator (active).');
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.balance).toBeUndefined();
  },
});

async function poll(reply: FakeReply) {
  const { outcome, requests } = await pollAdapter({ provider: elevenlabsProvider, handler: routes({ 'GET /v1/user/subscription': reply }), credentials: { apiKey } });
  return { result: outcome, requests };
}

async function snapshotFor(json: unknown): Promise<Snapshot> {
  const { result } = await poll({ json });
  if (result instanceof Error) throw result;
  return result;
}

describe('ElevenLabs specifics', () => {
  it('sends the key in the xi-api-key header, not as a Bearer token', async () => {
    const { requests } = await poll({ json: subscription2025 });
    expect(requests[0]!.headers['xi-api-key']).toBe(apiKey);
    expect(requests[0]!.headers.authorization).toBeUndefined();
  });

  it('reads the newer SDK shape: quota, euro invoice, no invoice currency of its own', async () => {
    const snapshot = await snapshotFor(subscription2026);
    expect(snapshot.quota).toEqual({ used: 244469, limit: 500000, unit: 'characters', resetsAt: '2026-12-01T00:00:00.000Z' });
    expect(snapshot.notes).toContain('Next invoice: 99.00 EUR on 2026-12-01.');
    expect(snapshot.notes?.join(' ')).not.toMatch(/overage/);
    expect(snapshot.monthToDate).toBeUndefined();
  });

  it('mentions a usage-based overage without counting it as spend', async () => {
    const snapshot = await snapshotFor({ ...subscription2026, character_count: 520000, current_overage: { amount: '39.11', currency: 'usd' } });
    expect(snapshot.notes).toContain('Usage-based overage so far: 39.11 USD.');
    expect(snapshot.notes).toContain('Quota used up: further use is billed as overage.');
    expect(snapshot.monthToDate).toBeUndefined();
  });

  it('says when the quota is used up and cannot be extended', async () => {
    const snapshot = await snapshotFor({ character_count: 10000, character_limit: 10000, max_credit_limit_extension: 0, tier: 'free' });
    expect(snapshot.notes).toContain('Quota used up until it resets.');
  });

  it('leaves the reset time unknown when ElevenLabs sends none, and omits the date of an invoice with no payment attempt', async () => {
    const snapshot = await snapshotFor({
      ...subscription2026,
      next_character_count_reset_unix: null,
      next_invoice: { amount_due_cents: 500, next_payment_attempt_unix: -1 },
    });
    expect(snapshot.quota!.resetsAt).toBeUndefined();
    expect(snapshot.notes).toContain('Next invoice: 5.00 EUR.');
  });

  it('notes open invoices', async () => {
    const snapshot = await snapshotFor({ ...subscription2026, has_open_invoices: true, open_invoices: [{ amount_due_cents: 2200, next_payment_attempt_unix: 1795000000 }] });
    expect(snapshot.notes).toContain('An unpaid invoice is open.');
  });

  it('accepts counts sent as strings', async () => {
    const snapshot = await snapshotFor({ character_count: '12', character_limit: '10000' });
    expect(snapshot.quota).toMatchObject({ used: 12, limit: 10000 });
    expect(snapshot.notes).toEqual([]);
  });

  it('tells the user about the user_read permission on a 401', async () => {
    const { result } = await poll({
      status: 401,
      json: { detail: { status: 'missing_permissions', message: 'The API key you used is missing the permission user_read to execute this operation.' } },
    });
    expect((result as ProviderError).kind).toBe('auth');
    expect((result as ProviderError).message).toMatch(/user_read/);
    expect((result as ProviderError).message).toContain('elevenlabs.io/app/settings/api-keys');
  });

  it('names the field when the character count is missing', async () => {
    const { result } = await poll({ json: { tier: 'free', character_limit: 10000 } });
    expect((result as ProviderError).kind).toBe('parse');
    expect((result as ProviderError).message).toContain('character_count');
  });
});
