/** The engine under Node, as the app and `spendbar serve` run it, on a fresh data folder. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpendbarService } from '../../src/core/host/service.js';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { MemorySecretStore } from '../../src/core/secrets/secret-store.js';
import { accountSetup, benchProviders, startBenchFake, type BenchFake } from './fakes.js';

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `spendbar-bench-${label}-`));
}

export interface BenchEngine {
  readonly service: SpendbarService;
  readonly dataDir: string;
  /** One fake per account, in account order. */
  readonly fakes: BenchFake[];
  close(): Promise<void>;
}

/**
 * `count` accounts spread over the providers that have fakes (the 16th onwards are second accounts of
 * the first providers), each with its own fake server.
 */
export async function openBenchEngine(count: number, options: { dataDir?: string; now?: () => Date; pollTimeoutMs?: number } = {}): Promise<BenchEngine> {
  const dataDir = options.dataDir ?? tempDir('engine');
  const service = new SpendbarService({
    dataDir,
    secrets: new MemorySecretStore(),
    http: createHttpClient(),
    env: { NO_PROXY: '127.0.0.1,localhost' },
    now: options.now,
    pollTimeoutMs: options.pollTimeoutMs,
  });
  const fakes: BenchFake[] = [];
  for (let index = 0; index < count; index += 1) {
    const provider = benchProviders[index % benchProviders.length]!;
    const fake = await startBenchFake(provider);
    fakes.push(fake);
    const name = `bench${index}`;
    const { settings, secret } = accountSetup(fake);
    await service.addAccount(provider, name, settings);
    await service.setKey(provider, name, secret);
  }
  return {
    service,
    dataDir,
    fakes,
    close: async () => {
      await Promise.all(fakes.map((fake) => fake.server.close()));
    },
  };
}
