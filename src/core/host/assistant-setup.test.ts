import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assistantSetup, findInstalledCli, runningCli } from './assistant-setup.js';

/** A global npm install laid out as npm does on macOS and Linux: <prefix>/bin/spendbar -> ../lib/node_modules/spendbar/bin/spendbar.js. */
function npmPrefix(withNode = true): { prefix: string; script: string } {
  const prefix = mkdtempSync(join(tmpdir(), 'spendbar prefix '));
  const packageBin = join(prefix, 'lib', 'node_modules', 'spendbar', 'bin');
  mkdirSync(packageBin, { recursive: true });
  mkdirSync(join(prefix, 'bin'));
  const script = join(packageBin, 'spendbar.js');
  writeFileSync(script, '#!/usr/bin/env node\n');
  symlinkSync(script, join(prefix, 'bin', 'spendbar'));
  if (withNode) writeFileSync(join(prefix, 'bin', 'node'), '');
  return { prefix, script };
}

describe('findInstalledCli', () => {
  it('follows the npm link to the launcher and takes the Node installed beside it', () => {
    const { prefix, script } = npmPrefix();
    const found = findInstalledCli({ env: { PATH: `/nonexistent:${join(prefix, 'bin')}` }, platform: 'linux', home: '/nonexistent-home' });
    expect(found).toEqual({ node: join(prefix, 'bin', 'node'), script, found: 'installed' });
  });

  it('finds it through the folders a Dock-launched app lacks in PATH (NVM_BIN here)', () => {
    const { prefix, script } = npmPrefix();
    const found = findInstalledCli({ env: { PATH: '/usr/bin:/bin', NVM_BIN: join(prefix, 'bin') }, platform: 'darwin', home: '/nonexistent-home', exists: (path) => path.startsWith(prefix) && existsSync(path) });
    expect(found?.script).toBe(script);
  });

  it('finds nothing when the CLI is installed nowhere, or when no Node can run it', () => {
    expect(findInstalledCli({ env: { PATH: '/nonexistent' }, platform: 'linux', home: '/nonexistent-home', exists: () => false })).toBeNull();
    const { prefix } = npmPrefix(false);
    expect(findInstalledCli({ env: { PATH: join(prefix, 'bin') }, platform: 'linux', home: '/nonexistent-home', exists: (path) => path.startsWith(prefix) && existsSync(path) })).toBeNull();
  });
});

describe('assistantSetup', () => {
  const cli = { node: '/opt/homebrew/bin/node', script: '/opt/homebrew/lib/node_modules/spendbar/bin/spendbar.js', found: 'installed' as const };

  it('gives every client the absolute Node and launcher, and no data folder when the CLI would pick the same one', () => {
    const setup = assistantSetup(cli, '/Users/ada/Library/Application Support/Spendbar', '/Users/ada/Library/Application Support/Spendbar');
    expect(JSON.parse(setup.snippets!.claudeDesktop)).toEqual({ mcpServers: { spendbar: { command: cli.node, args: [cli.script, 'mcp'] } } });
    expect(setup.snippets!.cursor).toBe(setup.snippets!.claudeDesktop);
    expect(setup.snippets!.claudeCode).toBe(`claude mcp add --scope user spendbar -- ${cli.node} ${cli.script} mcp`);
    expect(setup.env).toBeNull();
  });

  it('passes a non-default data folder in the environment, quoted for the shell', () => {
    const setup = assistantSetup(cli, "/Volumes/Work Disk/ada's spendbar", '/Users/ada/Library/Application Support/Spendbar');
    expect(JSON.parse(setup.snippets!.claudeDesktop).mcpServers.spendbar.env).toEqual({ SPENDBAR_DATA_DIR: "/Volumes/Work Disk/ada's spendbar" });
    expect(setup.snippets!.claudeCode).toContain(`-e SPENDBAR_DATA_DIR='/Volumes/Work Disk/ada'\\''s spendbar' spendbar --`);
  });

  it('says how to install the CLI when there is none, with no snippet to copy', () => {
    const setup = assistantSetup(null, '/d', '/d');
    expect(setup).toMatchObject({ found: 'none', snippets: null, command: null });
    expect(setup.hint).toContain('npm install -g spendbar');
  });

  it('describes the running CLI by its real launcher path', () => {
    const { prefix, script } = npmPrefix();
    expect(runningCli('/usr/bin/node', join(prefix, 'bin', 'spendbar'))).toEqual({ node: '/usr/bin/node', script, found: 'running' });
  });
});
