/**
 * How to add `spendbar mcp` to an AI assistant, with absolute paths: Claude Desktop, Claude Code and
 * Cursor start MCP servers without the user's shell, so neither `spendbar` nor `node` can be left to a
 * PATH search. The settings page shows these snippets; the README shows the same shapes.
 */
import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { AssistantSetup } from '../../shared/api.js';

/** The Node binary and the CLI's launcher script (bin/spendbar.js), both absolute. */
export interface CliLocation {
  readonly node: string;
  readonly script: string;
  /** `running`: the CLI serving this page; `installed`: found on disk. */
  readonly found: 'running' | 'installed';
}

export interface FindCliOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly home?: string;
  readonly exists?: (path: string) => boolean;
  readonly realpath?: (path: string) => string;
}

/** The CLI that is running now (`spendbar serve`): its own Node and launcher. */
export function runningCli(execPath: string, argv1: string | undefined): CliLocation | null {
  if (!argv1) return null;
  try {
    return { node: execPath, script: realpathSync(argv1), found: 'running' };
  } catch {
    return null;
  }
}

/**
 * Looks for a `spendbar` installed with npm: in PATH and in the folders npm, Homebrew, nvm and Volta put
 * global commands (an app opened from the Dock or Start menu gets a short PATH, so these are searched too).
 * Returns the launcher the command resolves to and a Node found beside it or on the same search path.
 */
export function findInstalledCli(options: FindCliOptions): CliLocation | null {
  const exists = options.exists ?? existsSync;
  const realpath = options.realpath ?? realpathSync;
  const home = options.home ?? homedir();
  const windows = options.platform === 'win32';
  const folders = searchFolders(options.env, options.platform, home);
  const nodeName = windows ? 'node.exe' : 'node';
  for (const folder of folders) {
    const script = windows ? join(folder, 'node_modules', 'spendbar', 'bin', 'spendbar.js') : join(folder, 'spendbar');
    if (!exists(script)) continue;
    let resolved: string;
    try {
      resolved = realpath(script);
    } catch {
      continue;
    }
    // npm links <prefix>/bin/spendbar to <prefix>/lib/node_modules/spendbar/bin/spendbar.js; the Node that
    // installed it usually sits in the same bin folder (nvm, Homebrew, the official installer).
    const node = [folder, ...folders].map((dir) => join(dir, nodeName)).find((candidate) => exists(candidate));
    if (node) return { node, script: resolved, found: 'installed' };
  }
  return null;
}

function searchFolders(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string[] {
  const fromPath = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const wellKnown =
    platform === 'win32'
      ? [join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'npm'), join(env.ProgramFiles ?? 'C:\\Program Files', 'nodejs')]
      : [
          '/opt/homebrew/bin',
          '/usr/local/bin',
          '/usr/bin',
          join(home, '.npm-global', 'bin'),
          join(home, '.volta', 'bin'),
          ...(env.NVM_BIN ? [env.NVM_BIN] : []),
          ...(env.npm_config_prefix ? [join(env.npm_config_prefix, 'bin')] : []),
        ];
  return [...new Set([...fromPath, ...wellKnown])];
}

/**
 * The snippets for each assistant. `dataDir` goes into the server's environment only when it is not the
 * folder the CLI would pick by itself, so the assistant reads the same data as the app.
 */
export function assistantSetup(cli: CliLocation | null, dataDir: string, defaultDir: string): AssistantSetup {
  if (!cli) {
    return {
      found: 'none',
      command: null,
      args: null,
      env: null,
      snippets: null,
      hint: 'The spendbar command line is not installed, and the assistant runs it as a separate program. Install it with `npm install -g spendbar` (Node 20 or later), then open this page again.',
    };
  }
  const args = [cli.script, 'mcp'];
  const env = dataDir === defaultDir ? null : { SPENDBAR_DATA_DIR: dataDir };
  const server = { command: cli.node, args, ...(env ? { env } : {}) };
  const json = JSON.stringify({ mcpServers: { spendbar: server } }, null, 2);
  const envFlags = env ? ` -e SPENDBAR_DATA_DIR=${shellQuote(dataDir)}` : '';
  return {
    found: cli.found,
    command: cli.node,
    args,
    env,
    snippets: {
      claudeDesktop: json,
      claudeCode: `claude mcp add --scope user${envFlags} spendbar -- ${[cli.node, ...args].map(shellQuote).join(' ')}`,
      cursor: json,
    },
    hint: `Add "--allow-writes" after "mcp" to let the assistant record entries. ${cli.found === 'running' ? 'These paths are the spendbar command serving this page.' : `Found the spendbar command in ${dirname(cli.script)}.`}`,
  };
}

/** POSIX single quotes where needed; paths with spaces ("Application Support") are common on macOS. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
