/**
 * The package as electron-builder lays it out: `--linux dir` against a stand-in Electron folder
 * (electronDist), so nothing is downloaded. app.asar holds the built main, preload and renderer and the
 * production dependencies only; the keychain's native module sits unpacked; the tray icons are where the
 * main process looks (<resources>/icons); no source maps and no CLI build ship.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './launch.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(path: string, options?: object): string[] };
const yaml = require('js-yaml') as { load(text: string): unknown };

const work = mkdtempSync(join(tmpdir(), 'spendbar-package-'));
const appDir = join(work, 'out', 'linux-unpacked');
const resources = join(appDir, 'resources');
let files: string[] = [];
let builderOutput = '';

/** The fuse wire as Electron 45 ships it (@electron/fuses FuseV1Options order): RunAsNode, cookie encryption,
 * NODE_OPTIONS, --inspect, asar integrity, only-asar, V8 snapshot, file:// privileges. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];
const ELECTRON_DEFAULT_FUSES = '10110001';

function readFuses(binary: string): Record<string, boolean> {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  const wire = bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1');
  return Object.fromEntries(FUSE_NAMES.map((name, index) => [name, wire[index] === '1']));
}

/**
 * What electron-builder copies from an Electron download: the executable (here a script carrying Electron's
 * fuse wire, so the fuses electron-builder flips can be read back), licences, version, resources/.
 */
function standInElectron(): string {
  const dist = join(work, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  mkdirSync(join(dist, 'locales'), { recursive: true });
  writeFileSync(join(dist, 'electron'), `#!/bin/sh\necho "stand-in Electron"\nexit 0\n# ${FUSE_SENTINEL}\u0001\u0008${ELECTRON_DEFAULT_FUSES}\n`, 'latin1');
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'LICENSE'), 'MIT (stand-in)\n');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), '<html></html>\n');
  writeFileSync(join(dist, 'version'), JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version);
  return dist;
}

beforeAll(() => {
  // The CLI build sits in out/node in a working copy; it must not reach the package.
  mkdirSync(join(root, 'out', 'node'), { recursive: true });
  writeFileSync(join(root, 'out', 'node', 'cli-marker.js'), '// CLI build\n//# sourceMappingURL=cli-marker.js.map\n');
  writeFileSync(join(root, 'out', 'main', 'index.js.map'), '{}');
  try {
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', `-c.electronDist=${standInElectron()}`, `-c.directories.output=${join(work, 'out')}`],
      // No network: electron-builder must not try to download Electron or any tool for the dir target.
      { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/' }, timeout: 240_000 },
    );
    builderOutput = `${result.stdout}\n${result.stderr}`;
    if (result.status !== 0) throw new Error(`electron-builder failed:\n${builderOutput}`);
    files = asar.listPackage(join(resources, 'app.asar'), { isPack: false });
  } finally {
    rmSync(join(root, 'out', 'node', 'cli-marker.js'), { force: true });
    rmSync(join(root, 'out', 'main', 'index.js.map'), { force: true });
  }
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Top-level package names in app.asar's node_modules ("@scope/name" or "name"), nested ones included. */
function packagedPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file.replaceAll('\\', '/'));
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

describe('the Linux package (dir target)', () => {
  it('holds the built main, preload and renderer, and nothing else of ours', () => {
    const ours = files.filter((file) => !file.includes('node_modules') && !file.endsWith('/')).map((file) => file.replaceAll('\\', '/'));
    expect(ours).toContain('/out/main/index.js');
    expect(ours).toContain('/out/preload/index.cjs');
    expect(ours).toContain('/out/renderer/index.html');
    const unexpected = ours.filter((file) => !/^\/out\/(main|preload|renderer)(\/|$)/.test(file) && file !== '/package.json' && file !== '/out');
    expect(unexpected).toEqual([]);
  });

  it('ships no CLI build and no source maps', () => {
    expect(files.filter((file) => file.replaceAll('\\', '/').startsWith('/out/node'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('carries production dependencies only', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path.includes('node_modules/') && !entry.dev && !entry.devOptional)
        .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    );
    const packaged = packagedPackages();
    const dependencies = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    for (const name of dependencies) expect(packaged, name).toContain(name);
    expect([...packaged].filter((name) => !production.has(name))).toEqual([]);
    for (const devOnly of ['electron', 'react', 'vite', 'electron-builder', 'date-fns', 'electron-store', '@resvg/resvg-js']) expect(packaged).not.toContain(devOnly);
  });

  it('keeps the keychain’s native module outside app.asar, where it can be loaded', () => {
    const natives = readdirSync(join(resources, 'app.asar.unpacked'), { recursive: true }).map(String).filter((file) => file.endsWith('.node'));
    expect(natives.some((file) => file.includes('@napi-rs') && file.includes('keyring'))).toBe(true);
  });

  it('puts every tray icon where the packaged main process looks for it', () => {
    const main = readFileSync(join(root, 'out', 'main', 'index.js'), 'utf8');
    expect(main).toContain('join(process.resourcesPath, "icons")');
    for (const state of ['', 'Low', 'Failing']) {
      for (const kind of ['', 'Template']) {
        for (const scale of ['', '@2x']) expect(existsSync(join(resources, 'icons', `tray${state}${kind}${scale}.png`)), `tray${state}${kind}${scale}.png`).toBe(true);
      }
    }
  });

  it('downloaded nothing', () => {
    expect(builderOutput).not.toMatch(/downloading|download/i);
  });

  it('flips Electron’s fuses: no running as Node, no NODE_OPTIONS or --inspect, app.asar only', () => {
    expect(readFuses(join(appDir, 'spendbar'))).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

});

describe('installer settings', () => {
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { linux: { target: string[]; maintainer: string } };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { homepage?: string; author?: { email?: string } };

  it('gives the .deb what it requires: a homepage, an author email and a maintainer with an email', () => {
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^@\s]+>$/);
  });

  it('offers the .deb (with its AppArmor profile) before the AppImage', () => {
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
  });
});
