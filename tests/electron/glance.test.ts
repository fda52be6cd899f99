/**
 * The tray title formats and the global shortcut in the built app (out/main/index.js) under the stand-in
 * Electron 45 (tests/electron/stand-in): each title format as Settings sets it, the converted total, the
 * tooltip keeping the full figures, and the shortcut registered, refused when another app holds it,
 * pressed, replaced and released.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview, Preferences } from '../../src/shared/api.js';
import { runCli } from '../helpers/cli.js';
import { launch, until, type Launched } from './launch.js';

interface StandInState {
  log: string[];
  uncaught: string[];
  shortcuts: string[];
  windows: { destroyed: boolean; visible: boolean }[];
  trays: { tooltip: string; title: string; titleOptions: { fontType?: string } | null }[];
}

type Answer<T> = { ok: true; value: T } | { ok: false; error: { message: string; field?: string } };

const HELD = 'Control+Alt+Space';
const dataDirs: string[] = [];
const apps: Launched[] = [];
afterAll(() => {
  for (const app of apps) app.kill();
  for (const folder of dataDirs) rmSync(folder, { recursive: true, force: true });
});

/** A data folder with spend in USD and CNY and a balance in each (manual entries, dated today). */
async function seeded(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-glance-'));
  dataDirs.push(dataDir);
  const entries = [
    ['Acme', 'balance', '500', 'USD'],
    ['Acme', 'spend', '412.10', 'USD'],
    ['Wu', 'balance', '80.456', 'CNY'],
    ['Wu', 'spend', '350', 'CNY'],
  ];
  for (const [account, kind, amount, currency] of entries) {
    const added = await runCli(['entry', 'add', '--provider', 'custom', '--account', account!, '--kind', kind!, '--amount', amount!, '--currency', currency!], { dataDir });
    expect(added.code, added.stderr).toBe(0);
  }
  return dataDir;
}

function start(platform: NodeJS.Platform, dataDir: string): Launched {
  const app = launch({ platform, dataDir, env: { STANDIN_HELD_SHORTCUTS: HELD } });
  apps.push(app);
  return app;
}

const state = (app: Launched) => app.cmd<StandInState>('state');
const setPreferences = (app: Launched, request: Record<string, unknown>) => app.cmd<Answer<Preferences>>('invoke', { name: 'setPreferences', request });
const titleBecomes = (app: Launched, expected: string | RegExp) =>
  until(async () => {
    const tray = (await state(app)).trays[0];
    const title = tray?.title;
    return title !== undefined && (typeof expected === 'string' ? title === expected : expected.test(title)) ? tray : undefined;
  }, `the tray title ${String(expected)}`);

describe('tray title formats on macOS', () => {
  let app: Launched;
  beforeAll(async () => {
    app = start('darwin', await seeded());
  }, 30_000);

  it('shows each format the user picks, and the tooltip keeps the full figures', async () => {
    const first = await titleBecomes(app, '$412.10 · CN¥350.00');
    // Tabular digits, so the menu bar does not jiggle as amounts change.
    expect(first.titleOptions).toEqual({ fontType: 'monospacedDigit' });
    const tooltip = first.tooltip;
    expect(tooltip).toBe('Spendbar: $412.10 · CN¥350.00 this month');

    expect(await setPreferences(app, { trayTitle: { precision: 'whole' } })).toMatchObject({ ok: true });
    await titleBecomes(app, '$412 · CN¥350');

    await setPreferences(app, { trayTitle: { format: 'total-runway' } });
    const overview = await app.cmd<Answer<Overview>>('invoke', { name: 'getOverview', request: {} });
    const days = overview.ok ? overview.value.glance?.shortestRunway?.days : undefined;
    expect(typeof days).toBe('number');
    await titleBecomes(app, `$412 · CN¥350 · ${Math.floor(days!)} d`);

    await setPreferences(app, { trayTitle: { format: 'lowest-balance', precision: 'cents' } });
    await titleBecomes(app, 'CN¥80.46');

    await setPreferences(app, { trayTitle: { format: 'none' } });
    const none = await titleBecomes(app, '');
    expect(none.tooltip).toBe(tooltip);

    // A display currency: the title shows the approximate total, the tooltip adds it with the rates' date.
    await setPreferences(app, { trayTitle: { format: 'total' }, displayCurrency: 'EUR' });
    const converted = await titleBecomes(app, /^~€\d+\.\d{2}$/);
    expect(converted.tooltip).toMatch(/^Spendbar: \$412\.10 · CN¥350\.00 this month, ~€\d+\.\d{2} at rates of 2024-06-28 \(stale\)$/);
    expect((await state(app)).uncaught).toEqual([]);
  }, 30_000);

  it('registers the shortcut, refuses one another app holds, toggles the popover with it, and releases it', async () => {
    const refused = await setPreferences(app, { shortcut: HELD });
    expect(refused).toEqual({ ok: false, error: { message: `${HELD} is in use by another app or the system; choose another shortcut.`, field: 'shortcut' } });
    expect((await state(app)).shortcuts).toEqual([]);
    const bad = await setPreferences(app, { shortcut: 'Hyper+Q' });
    expect(bad.ok).toBe(false);

    expect(await setPreferences(app, { shortcut: 'CommandOrControl+Shift+S' })).toMatchObject({ ok: true, value: { shortcut: 'CommandOrControl+Shift+S' } });
    expect((await state(app)).shortcuts).toEqual(['CommandOrControl+Shift+S']);
    await app.cmd('press-shortcut', { accelerator: 'CommandOrControl+Shift+S' });
    expect((await state(app)).windows.find((window) => !window.destroyed)?.visible).toBe(true);
    await app.cmd('press-shortcut', { accelerator: 'CommandOrControl+Shift+S' });
    expect((await state(app)).windows.find((window) => !window.destroyed)?.visible).toBe(false);

    // A refused change keeps the shortcut in force.
    await setPreferences(app, { shortcut: HELD });
    expect((await state(app)).shortcuts).toEqual(['CommandOrControl+Shift+S']);

    await setPreferences(app, { shortcut: 'Alt+Shift+P' });
    expect((await state(app)).shortcuts).toEqual(['Alt+Shift+P']);
    await setPreferences(app, { shortcut: null });
    expect((await state(app)).shortcuts).toEqual([]);

    // Set again, it is registered at the next start and released when the app quits.
    await setPreferences(app, { shortcut: 'Alt+Shift+P' });
    await app.cmd('quit');
    await app.exited();
    expect(app.exitLog().filter((line) => line.startsWith('globalShortcut.unregister')).at(-1)).toBe('globalShortcut.unregister Alt+Shift+P');
    const again = start('darwin', app.dataDir);
    await until(async () => ((await state(again)).shortcuts.includes('Alt+Shift+P') ? true : undefined), 'the stored shortcut registered at start');
    await again.cmd('quit');
    await again.exited();
  }, 30_000);
});

describe.each(['win32', 'linux'] as const)('tray title on %s', (platform) => {
  it('stays empty (Tray.setTitle is macOS only) while the tooltip carries the figures', async () => {
    const app = start(platform, await seeded());
    const tray = await until(async () => {
      const current = (await state(app)).trays[0];
      return current?.tooltip.includes('this month') ? current : undefined;
    }, 'the tooltip');
    expect(tray.title).toBe('');
    expect(tray.tooltip).toBe('Spendbar: $412.10 · CN¥350.00 this month');
    await app.cmd('quit');
    await app.exited();
  }, 30_000);
});
