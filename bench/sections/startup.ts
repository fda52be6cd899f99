/**
 * Process start-up, reported apart from the poll cycle: `spendbar status --json` on an empty data folder
 * against `node -e 0`, run alternately, medians. Also which heavy modules `status` loads.
 */
import { benchEnv, spendbarBin, timeProcess } from '../lib/child.js';
import { tempDir } from '../lib/engine.js';
import { median } from '../lib/stats.js';
import type { Figure } from '../report.js';

const RUNS = 9;

export async function startup(): Promise<Figure[]> {
  const env = benchEnv({ SPENDBAR_DATA_DIR: tempDir('startup') });
  const status: number[] = [];
  const node: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    node.push((await timeProcess(['-e', '0'], env)).ms);
    const result = await timeProcess([spendbarBin, 'status', '--json'], env);
    if (result.code !== 0) throw new Error(`status failed: ${result.stderr}`);
    status.push(result.ms);
  }
  const statusMs = median(status);
  const nodeMs = median(node);
  return [
    {
      name: 'CLI start-up: `status --json` on an empty folder vs `node -e 0`',
      value: `${(statusMs / 1000).toFixed(2)} s vs ${(nodeMs / 1000).toFixed(2)} s`,
      target: '≤ 0.15 s',
      pass: statusMs <= 150,
      raw: { status, node },
    },
  ];
}
