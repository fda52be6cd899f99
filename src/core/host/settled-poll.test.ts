/**
 * The poller keeps settled days beside the month file and hands them back: the next poll asks OpenAI only
 * from yesterday, and falls back to the whole month when forced, after a failed poll, when the kept file
 * is unreadable, when the account's key or host changed, and in a new month.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openaiDailyRoutes, requestWindow } from '../../../tests/fakes/daily-buckets.js';
import { routes, startFakeServer, type FakeServer } from '../../../tests/fakes/fake-http-server.js';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';
import { SpendbarService } from './service.js';

let fake: FakeServer;
let dataDir: string;
let now: Date;
const folder = () => join(dataDir, 'history', 'openai--env');
const settledFile = (month = '2026-11') => join(folder(), `${month}.settled.json`);

function service(server: FakeServer = fake, key = 'sk-admin-settled-test-0000') {
  return new SpendbarService({
    dataDir,
    env: { OPENAI_ADMIN_KEY: key, SPENDBAR_OPENAI_BASE_URL: `${server.origin}/v1`, NO_PROXY: '127.0.0.1' },
    secrets: new MemorySecretStore(),
    http: createHttpClient({ maxRetries: 0, totalTimeoutMs: 2000 }),
    now: () => now,
  });
}

/** The first day each cost request of the last poll asked for. */
async function costStarts(spendbar: SpendbarService, server: FakeServer = fake, force = false): Promise<string[]> {
  const asked = server.requests.length;
  await spendbar.poll({ force });
  return server.requests
    .slice(asked)
    .filter((request) => request.path === '/v1/organization/costs')
    .map((request) => requestWindow(request)!.start.toISOString().slice(0, 10));
}

beforeEach(async () => {
  fake = await startFakeServer(routes(openaiDailyRoutes()));
  dataDir = mkdtempSync(join(tmpdir(), 'spendbar-settled-'));
  now = new Date('2026-11-21T10:00:00Z');
});
afterEach(async () => {
  await fake.close();
});

describe('settled days between polls', () => {
  it('asks from yesterday once the month is kept, rewrites the kept file only when a day settles, and shows full-month figures', async () => {
    const spendbar = service();
    expect(await costStarts(spendbar)).toEqual(['2026-11-01']);
    expect(existsSync(settledFile())).toBe(true);
    const written = statSync(settledFile()).ino;
    const firstTotal = (await spendbar.overview()).totals[0]?.monthToDate;
    now = new Date('2026-11-21T10:15:00Z');
    expect(await costStarts(spendbar)).toEqual(['2026-11-20']);
    // Nothing new settled within the day: the file was not rewritten.
    expect(statSync(settledFile()).ino).toBe(written);
    expect((await spendbar.overview()).totals[0]?.monthToDate).toBe(firstTotal);
    now = new Date('2026-11-22T00:30:00Z');
    expect(await costStarts(spendbar)).toEqual(['2026-11-20']);
    expect(statSync(settledFile()).ino).not.toBe(written);
    now = new Date('2026-11-22T00:45:00Z');
    expect(await costStarts(spendbar)).toEqual(['2026-11-21']);
    // The kept days are not month files: the months listed stay the months polled.
    expect(readdirSync(folder()).filter((name) => name.endsWith('.json')).sort()).toEqual(['2026-11.json', '2026-11.settled.json']);
  });

  it('fetches the whole month when forced, after a failed poll, and when the kept file is unreadable', async () => {
    const spendbar = service();
    await costStarts(spendbar);
    expect(await costStarts(spendbar, fake, true)).toEqual(['2026-11-01']);
    expect(await costStarts(spendbar)).toEqual(['2026-11-20']);

    const healthy = routes(openaiDailyRoutes());
    fake.setHandler(() => ({ status: 500, json: { error: { message: 'down', type: 'server_error', param: null, code: null } } }));
    await spendbar.poll();
    fake.setHandler(healthy);
    expect(await costStarts(spendbar)).toEqual(['2026-11-01']);
    expect(await costStarts(spendbar)).toEqual(['2026-11-20']);

    writeFileSync(settledFile(), '{"version":1,"month":"2026-11",');
    expect(await costStarts(spendbar)).toEqual(['2026-11-01']);
    expect(await costStarts(spendbar)).toEqual(['2026-11-20']);
  });

  it('fetches the whole month with another key or host, and starts a new month empty; the kept file holds nothing of the key', async () => {
    await costStarts(service());
    expect(readFileSync(settledFile(), 'utf8')).not.toContain('settled-test');
    expect(await costStarts(service(fake, 'sk-admin-other-org-0000'))).toEqual(['2026-11-01']);
    expect(await costStarts(service(fake, 'sk-admin-other-org-0000'))).toEqual(['2026-11-20']);
    const other = await startFakeServer(routes(openaiDailyRoutes()));
    try {
      expect(await costStarts(service(other), other)).toEqual(['2026-11-01']);
    } finally {
      await other.close();
    }
    now = new Date('2026-12-03T10:00:00Z');
    const spendbar = service();
    expect(await costStarts(spendbar)).toEqual(['2026-12-01']);
    expect(await costStarts(spendbar)).toEqual(['2026-12-02']);
    expect(existsSync(settledFile('2026-12'))).toBe(true);
  });
});
