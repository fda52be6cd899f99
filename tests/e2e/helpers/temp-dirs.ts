/** Fresh data folders per test run, removed afterwards. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

export async function freshDataDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `spendbar-e2e-${label}-`));
  created.push(dir);
  return dir;
}

export async function removeDataDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
