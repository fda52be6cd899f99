import { useState } from 'react';
import { useSpendbar } from '../store';

const CLIENTS = [
  { key: 'claudeDesktop', name: 'Claude Desktop', where: 'Settings → Developer → Edit Config (claude_desktop_config.json), then restart Claude.' },
  { key: 'claudeCode', name: 'Claude Code', where: 'Run in a terminal.' },
  { key: 'cursor', name: 'Cursor', where: '~/.cursor/mcp.json (all projects) or .cursor/mcp.json (one project).' },
] as const;

/** The `spendbar mcp` snippet for each assistant, with the absolute paths the engine found. */
export function AssistantSetup() {
  const setup = useSpendbar((state) => state.assistantSetup);
  const [copied, setCopied] = useState<string | null>(null);
  if (!setup) return null;

  async function copy(key: string, text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(key);
    } catch {
      setCopied(null);
    }
  }

  return (
    <section aria-labelledby="assistant-heading" data-testid="assistant-setup">
      <h2 id="assistant-heading" className="section-heading">
        AI assistant (MCP)
      </h2>
      <p className="field-hint">
        Ask Claude or Cursor what you have spent and how long your credit lasts. The assistant reads the figures Spendbar stored; it never polls a provider
        and never sees a key.
      </p>
      {setup.snippets ? (
        CLIENTS.map((client) => (
          <div key={client.key} className="snippet">
            <div className="section-top">
              <h3 className="snippet-title" id={`snippet-${client.key}`}>
                {client.name}
              </h3>
              <button type="button" className="link-button" aria-describedby={`snippet-${client.key}`} onClick={() => void copy(client.key, setup.snippets![client.key])}>
                {copied === client.key ? 'Copied' : 'Copy'}
              </button>
            </div>
            <p className="field-hint">{client.where}</p>
            <pre className="snippet-code" tabIndex={0} aria-labelledby={`snippet-${client.key}`} data-testid={`snippet-${client.key}`}>
              <code>{setup.snippets![client.key]}</code>
            </pre>
          </div>
        ))
      ) : null}
      <p className="field-hint" role={setup.found === 'none' ? 'note' : undefined}>
        {setup.hint}
      </p>
    </section>
  );
}
