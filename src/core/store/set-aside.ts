/**
 * Files Spendbar could not read are moved aside (`<name>.corrupt-<timestamp>`) rather than deleted. As
 * long as one waits in the data folder, every command and the popover say so, with its path and how to
 * get the data back; deleting (or restoring) the file ends the warning.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const MARK = '.corrupt-';
/** Why a file was set aside, for files this process moved; older ones are listed without a reason. */
const reasons = new Map<string, string>();

export function asidePath(path: string, now: Date = new Date()): string {
  return `${path}${MARK}${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
}

export function rememberSetAside(aside: string, reason: string): void {
  reasons.set(aside, reason);
}

/** One warning per set-aside file in the data folder, oldest first. */
export function setAsideWarnings(dataDir: string): string[] {
  return setAsideFiles(dataDir).map((path) => {
    const name = relative(dataDir, path).split(sep).join('/');
    const original = name.slice(0, name.indexOf(MARK));
    const reason = reasons.get(path);
    return `${original} could not be read${reason ? ` (${reason})` : ''}; it was moved aside to ${name} in ${dataDir} and is not shown. ${howToRecover(original)} Delete that file to end this warning.`;
  });
}

export function setAsideFiles(dataDir: string): string[] {
  const folders = [dataDir, join(dataDir, 'ledger'), join(dataDir, 'tracked')];
  for (const account of list(join(dataDir, 'history'))) folders.push(join(dataDir, 'history', account));
  return folders.flatMap((folder) => list(folder).filter((name) => name.includes(MARK) && !name.startsWith('.')).sort().map((name) => join(folder, name)));
}

function howToRecover(original: string): string {
  if (original === 'ledger/entries.json') {
    return 'To get the entries back, fix them in that file and copy them into ledger/entries.json (with Spendbar stopped), or enter them again with `spendbar entry add`.';
  }
  if (original === 'settings.json') return 'To get the accounts back, fix that file and copy it over settings.json (with Spendbar stopped), or add them again with `spendbar accounts add`.';
  if (original === 'alerts.json') return 'Alert settings and snoozes are back to their defaults; fix that file and copy it over alerts.json (with Spendbar stopped) to restore them.';
  if (original.startsWith('tracked/')) return `To get the usage back, fix that file and copy its records into ${original} (with Spendbar stopped), or import the usage again.`;
  return `The next poll fetches that month's figures again; fix that file and copy it over ${original} (with Spendbar stopped) to restore older balance points.`;
}

/** Folder listings, reused while a folder is unchanged: the popover asks for the warnings every few seconds. */
const listings = new Map<string, { stamp: string; names: string[] }>();

/**
 * A folder's names. Moving a file aside renames it within its folder, which changes the folder's mtime,
 * so a listing is reused while the folder's inode and mtime stay the same; a folder changed in the last
 * two seconds is listed again, since a coarse clock could hide a second change within the same tick.
 */
function list(folder: string): string[] {
  let stats: { ino: number; mtimeMs: number };
  try {
    stats = statSync(folder);
  } catch {
    listings.delete(folder);
    return [];
  }
  const stamp = `${stats.ino}:${stats.mtimeMs}`;
  const cached = listings.get(folder);
  if (cached?.stamp === stamp) return cached.names;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  if (Date.now() - stats.mtimeMs > 2000) listings.set(folder, { stamp, names });
  else listings.delete(folder);
  return names;
}
