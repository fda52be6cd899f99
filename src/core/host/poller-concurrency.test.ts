/**
 * A poll cycle takes as long as its slowest account, not the sum of a queue: every account is polled at
 * once, and each account's independent calls overlap too.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { routes, startFakeServer, type FakeServer, type RouteTable } from '../../../tests/fakes/fake-http-server.js';
import { deepseekRoutes } from '../../../tests/fakes/deepseek-fake.js';
import { xaiRoutes } from '../../../tests/fakes/xai-fake.js';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';
import { SpendbarService } from './service.js';

const DELAY_MS = 500;
let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A fake that answers every request after DELAY_MS and remembers the most requests it held at once. */
async function slowFake(table: RouteTable) {
  const state = { inFlight: 0, maxInFlight: 0 };
  const handler = routes(table);
  const server = await startFakeServer(async (request) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
    state.inFlight -= 1;
    return handler(request);
  });
  servers.push(server);
  return { server, state };
}

function service() {
  return new SpendbarService({ dataDir: mkdtempSync(join(tmpdir(), 'spendbar-concurrency-')), secrets: new MemorySecretStore(), http: createHttpClient(), env: {} });
}

describe('poll cycle concurrency', () => {
  it('polls all accounts at once: 10 accounts answering in 500 ms are all asked within the first delay', async () => {
    const fake = await slowFake(deepseekRoutes());
    const engine = service();
    for (let index = 0; index < 10; index += 1) {
      await engine.addAccount('deepseek', `team${index}`, { baseUrl: fake.server.origin });
      await engine.setKey('deepseek', `team${index}`, `sk-deepseek-test-${index}`);
    }
    const outcomes = await engine.poll();
    expect(outcomes.filter((outcome) => outcome.errorKind === undefined)).toHaveLength(10);
    // Every request was waiting at the fake at the same time (four at a time took three rounds). The
    // wall time is not asserted: storing ten results (fsync each) varies too much on a busy machine;
    // `npm run bench` measures it.
    expect(fake.state.maxInFlight).toBe(10);
    const overview = await engine.overview();
    expect(overview.accounts.filter((account) => account.provider === 'deepseek' && account.balance !== null)).toHaveLength(10);
  });

  it("makes an adapter's independent calls together: xAI's three answer in one delay, not three", async () => {
    const fake = await slowFake(xaiRoutes('team-test'));
    const engine = service();
    await engine.addAccount('xai', 'default', { baseUrl: fake.server.origin, teamId: 'team-test' });
    await engine.setKey('xai', 'default', 'xai-management-test-key');
    const started = Date.now();
    const [outcome] = await engine.poll();
    expect(outcome?.errorKind).toBeUndefined();
    expect(fake.server.requests).toHaveLength(3);
    expect(fake.state.maxInFlight).toBe(3);
    expect(Date.now() - started).toBeLessThan(2 * DELAY_MS);
  });
});
