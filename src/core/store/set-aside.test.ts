import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';
import { SpendbarService } from '../host/service.js';

describe('a set-aside file, as the popover sees it', () => {
  it('is in every overview while it waits, with its path and how to get the data back, and gone once deleted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-aside-'));
    mkdirSync(join(dataDir, 'ledger'));
    writeFileSync(join(dataDir, 'ledger', 'entries.json'), 'not json');
    new SpendbarService({ dataDir, secrets: new MemorySecretStore(), http: createHttpClient(), env: {} });

    // A later process (the app started again) did not move the file itself, and still says so.
    const later = new SpendbarService({ dataDir, secrets: new MemorySecretStore(), http: createHttpClient(), env: {} });
    const aside = readdirSync(join(dataDir, 'ledger')).find((name) => name.includes('.corrupt-'))!;
    for (let view = 0; view < 2; view++) {
      const { warnings } = await later.overview();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`ledger/${aside} in ${dataDir}`);
      expect(warnings[0]).toMatch(/To get the entries back/);
    }
    rmSync(join(dataDir, 'ledger', aside));
    expect((await later.overview()).warnings).toEqual([]);
  });
});
