/**
 * Resources of `spendbar mcp`: the month's Overview and each account's detail as JSON, for clients that
 * attach context instead of calling tools. The same stored figures as the tools, never a poll, never a key.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { SpendbarService } from '../core/host/service.js';
import { accountView } from './mcp-views.js';

const json = (uri: URL, value: unknown) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] });
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export function registerResources(server: McpServer, service: SpendbarService): void {
  server.registerResource(
    'overview',
    'spendbar://overview',
    { title: "This month's overview", description: 'Every account, total, alert and warning Spendbar holds for the current month', mimeType: 'application/json' },
    async (uri) => json(uri, await service.overview()),
  );
  server.registerResource(
    'overview-month',
    new ResourceTemplate('spendbar://overview/{month}', { list: undefined }),
    { title: 'Overview of a month', description: 'The overview of one billing month (YYYY-MM)', mimeType: 'application/json' },
    async (uri, variables) => json(uri, await service.overview(decodeURIComponent(one(variables.month)))),
  );
  server.registerResource(
    'account',
    new ResourceTemplate('spendbar://account/{id}', {
      list: async () => ({
        resources: (await service.overview()).accounts.map((account) => ({ uri: `spendbar://account/${encodeURIComponent(account.id)}`, name: account.id, mimeType: 'application/json' })),
      }),
    }),
    { title: 'Account detail', description: "One account's figures, daily spend, breakdown, entries and status this month", mimeType: 'application/json' },
    async (uri, variables) => {
      const id = decodeURIComponent(one(variables.id));
      const overview = await service.overview();
      const account = overview.accounts.find((candidate) => candidate.id === id);
      if (!account) throw new Error(`No account "${id}". Known accounts: ${overview.accounts.map((a) => a.id).join(', ') || 'none'}.`);
      return json(uri, accountView(overview, account, service.listEntries()));
    },
  );
}
