/** What a crashed Spendbar process leaves behind, and how to tell whether a process is still running. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A killed writer's temporary files, in the folders Spendbar writes (only files of dead processes). */
export function sweepTemporaryFiles(dataDir: string): void {
  const folders = [dataDir, join(dataDir, 'ledger'), join(dataDir, 'tracked'), join(dataDir, 'history')];
  try {
    for (const name of readdirSync(join(dataDir, 'history'))) folders.push(join(dataDir, 'history', name));
  } catch {
    // no history yet
  }
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = Number(/\.spendbar-tmp-(\d+)-/.exec(name)?.[1]);
      if (pid && !isAlive(pid)) rmSync(join(folder, name), { force: true });
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined off Linux. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
