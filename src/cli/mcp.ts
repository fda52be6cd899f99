/**
 * `spendbar mcp [--allow-writes]`: a Model Context Protocol server on stdio over the data folder, so an
 * assistant can answer "what did we spend this month?" from the figures the app already holds.
 * It never polls (a question must never cause a paid call such as AWS Cost Explorer's) and never reads a
 * key. Standard output carries protocol messages only; warnings go to standard error.
 * Writes (`record_entry`) exist only with --allow-writes and go through the same validation as `entry add`.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { SpendbarService } from '../core/host/service.js';
import { entryKindSchema, ledgerEntryDtoSchema } from '../shared/api.js';
import { parse } from './args.js';
import { registerResources } from './mcp-resources.js';
import { accountOutput, accountView, alertsOutput, alertsView, balancesOutput, balancesView, groupBySchema, monthSchema, spendOutput, spendView } from './mcp-views.js';

const month = monthSchema.optional().describe('Billing month YYYY-MM; the current month when omitted');

/** What `record_entry` accepts: the fields of `entry add`; the engine checks amount, currency and date. */
const recordEntryInput = z
  .object({
    provider: z.string().min(1).max(100).describe('Provider id, e.g. groq'),
    account: z.string().min(1).max(100).optional(),
    kind: entryKindSchema,
    amount: z.string().min(1).max(40).describe('Exact decimal amount, e.g. "50.00"'),
    currency: z.string().min(3).max(3).optional().describe('ISO 4217, default USD'),
    date: z.string().max(10).optional().describe('YYYY-MM-DD, default today'),
    note: z.string().max(500).optional(),
  })
  .strict();

/** A tool's answer: the structured content, and the same in a short sentence for clients that show text. */
function answer<T extends Record<string, unknown>>(summary: string, structured: T) {
  return { content: [{ type: 'text' as const, text: summary }], structuredContent: structured };
}

const list = (items: string[]) => (items.length ? items.join('; ') : 'none');
const staleNote = (stale: number) => (stale ? ` ${stale} figure(s) are stale: the last poll failed.` : '');

export function createMcpServer(service: SpendbarService, options: { allowWrites: boolean; version: string }): McpServer {
  const server = new McpServer({ name: 'spendbar', version: options.version });

  server.registerTool(
    'get_spend',
    {
      description: 'Month-to-date spend from stored data (never polls), totals per currency, grouped by provider, account, day, model or line item. Each figure has currency, confidence (official/estimated/manual) and age.',
      inputSchema: z.object({ month, group_by: groupBySchema.default('provider').describe('How to group the figures') }).strict(),
      outputSchema: spendOutput,
      annotations: { readOnlyHint: true },
    },
    async ({ month: text, group_by }) => {
      const view = spendView(await service.overview(text), group_by);
      const stale = view.groups.flatMap((g) => g.figures).filter((f) => f.stale).length;
      const totals = list(view.totals.map((t) => `${t.monthToDate} ${t.currency}${t.monthEnd ? ` (month end ${t.monthEnd.amount})` : ''}`));
      return answer(`Spend for ${view.month}: ${totals}. ${view.groups.length} group(s) by ${group_by}.${staleNote(stale)}`, view);
    },
  );

  server.registerTool(
    'get_balances',
    {
      description: 'Remaining credit per account from stored data: balance(s), runway in days, the date it runs out, confidence and age.',
      inputSchema: z.object({}).strict(),
      outputSchema: balancesOutput,
      annotations: { readOnlyHint: true },
    },
    async () => {
      const view = balancesView(await service.overview());
      const lines = view.accounts.map((a) => `${a.accountId}: ${a.balance ? `${a.balance.amount} ${a.balance.currency}` : 'no balance'}${a.runway?.days != null ? `, about ${a.runway.days} days left (${a.runway.depletionDate})` : ''}${a.stale ? ' (stale)' : ''}`);
      return answer(`Balances: ${list(lines)}.`, view);
    },
  );

  server.registerTool(
    'get_account',
    {
      description: "One account's detail for a month: daily spend, breakdown, notes, manual entries, status and last error.",
      inputSchema: z.object({ account_id: z.string().min(1).max(200).describe('Account id as <provider>:<account name>, e.g. openrouter:env'), month }).strict(),
      outputSchema: accountOutput,
      annotations: { readOnlyHint: true },
    },
    async ({ account_id, month: text }) => {
      const overview = await service.overview(text);
      const account = overview.accounts.find((candidate) => candidate.id === account_id);
      if (!account) throw new Error(`No account "${account_id}". Known accounts: ${list(overview.accounts.map((a) => a.id))}.`);
      const view = accountView(overview, account, service.listEntries());
      const mtd = account.monthToDate ? `${account.monthToDate.amount} ${account.monthToDate.currency} (${account.monthToDate.confidence})` : 'no spend figure';
      return answer(`${account.id} in ${view.month}: ${mtd}, status ${account.status}${account.error ? `, last error: ${account.error.message}` : ''}.`, view);
    },
  );

  server.registerTool(
    'get_alerts',
    {
      description: 'Recent alerts, monthly budgets with the month-end forecast, failed accounts and problems with the data files.',
      inputSchema: z.object({}).strict(),
      outputSchema: alertsOutput,
      annotations: { readOnlyHint: true },
    },
    async () => {
      const view = alertsView(await service.overview(), service.preferences().monthlyBudget);
      const budgets = list(view.budgets.map((b) => `${b.currency} budget ${b.budget}, month end ${b.monthEnd?.amount ?? 'unknown'}`));
      return answer(`${view.alerts.length} alert(s); budgets: ${budgets}; ${view.accountErrors.length} account(s) failing; warnings: ${list(view.warnings)}.`, view);
    },
  );

  registerResources(server, service);

  if (options.allowWrites) {
    server.registerTool(
      'record_entry',
      {
        description: 'Records a manual ledger entry (spend, top-up or balance), validated like `spendbar entry add`.',
        inputSchema: recordEntryInput,
        outputSchema: { id: z.string(), entry: ledgerEntryDtoSchema },
      },
      async (input) => {
        const stored = await service.addEntry(input);
        return answer(`Recorded ${stored.kind} of ${stored.amount} ${stored.currency} on ${stored.date} for ${stored.provider}/${stored.account} (id ${stored.id}).`, { id: stored.id, entry: stored });
      },
    );
  }
  return server;
}

async function untilAnswered(pending: () => number): Promise<void> {
  do await new Promise((resolve) => setTimeout(resolve, 10));
  while (pending() > 0);
}

/** Runs the server until the client closes standard input. */
export async function mcp(argv: string[], open: () => SpendbarService): Promise<number> {
  const { values } = parse(argv, { 'allow-writes': { type: 'boolean' } }, 'spendbar mcp [--allow-writes]');
  const service = open();
  const server = createMcpServer(service, { allowWrites: values['allow-writes'] ?? false, version: '0.1.0' });
  const transport = new StdioServerTransport();
  // A client that ends standard input right after its last request still gets every answer.
  let pending = 0;
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => void untilAnswered(() => pending).then(resolve));
    // A client that goes away closes our standard output: that ends the session, it is not a crash.
    process.stdout.on('error', () => resolve());
  });
  await server.connect(transport);
  const receive = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && 'id' in message) pending += 1;
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    try {
      await send(message);
    } finally {
      if (!('method' in message) && 'id' in message) pending -= 1;
    }
  };
  await closed;
  await server.close();
  return 0;
}
