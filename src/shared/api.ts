/**
 * The one contract between the engine and every front end (Electron preload, `spendbar serve`).
 * Longer than other files on purpose: every call, request and DTO in one place, so a change to the
 * contract is read (and type-checked) as a whole.
 * Each call has a name, a request schema and a response schema; the receiving side validates with them.
 * Nothing here ever carries a secret: the UI only learns whether a key is set.
 */
import { z } from 'zod';

export const confidenceSchema = z.enum(['official', 'estimated', 'manual']);
export type Confidence = z.infer<typeof confidenceSchema>;

/** An exact decimal amount as a string ("12.345678"), with its ISO 4217 currency. */
export const moneyDtoSchema = z.object({
  amount: z.string(),
  currency: z.string(),
  confidence: confidenceSchema,
});
export type MoneyDto = z.infer<typeof moneyDtoSchema>;

export const errorKindSchema = z.enum([
  'missing-credential',
  'auth',
  'permission',
  'billing',
  'rate-limited',
  'provider-unavailable',
  'network',
  'parse',
  'config',
]);
export type ErrorKind = z.infer<typeof errorKindSchema>;

/** `pending`: configured, never polled yet (figures null, error null), as the command line contract says. */
export const accountStatusSchema = z.enum(['ok', 'stale', 'error', 'unconfigured', 'pending']);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

export const quotaDtoSchema = z.object({
  used: z.number(),
  limit: z.number().nullable(),
  unit: z.string(),
  resetsAt: z.string().nullable(),
});

export const dailySpendDtoSchema = z.object({ date: z.string(), amount: z.string(), currency: z.string() });

/** A provider's badge in the popover: letters on a colour (the provider definition's `monogram`). */
export const monogramSchema = z.object({ letters: z.string(), colour: z.string() });
export type Monogram = z.infer<typeof monogramSchema>;

/** Tracked against official spend, for one day or the month: difference = official − tracked. */
export const reconciliationFigureSchema = z.object({
  official: z.string(),
  tracked: z.string(),
  difference: z.string(),
  /** The difference as a percentage of the official figure (of the tracked one when official is zero); null when both are zero. */
  percent: z.string().nullable(),
  currency: z.string(),
});
export type ReconciliationFigure = z.infer<typeof reconciliationFigureSchema>;

export const reconciliationSchema = z.object({
  month: reconciliationFigureSchema,
  /** Every day with an official bucket or tracked usage; official (and so the difference) is null on a day the provider gave no bucket for. */
  days: z.array(
    reconciliationFigureSchema.extend({ date: z.string(), official: z.string().nullable(), difference: z.string().nullable() }),
  ),
  /** What the two figures are when they are not the account's own bill and tracked usage (Gemini against the gcp billing export). */
  basis: z.string().optional(),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

const usageItemSchema = z.object({
  model: z.string(),
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  cachedInputTokens: z.number().optional(),
  /** Input tokens written to the prompt cache (part of inputTokens). */
  cacheWriteTokens: z.number().optional(),
  requests: z.number().optional(),
  /** `tracked`: fed in by the user; its cost is an estimate, null when the model is unpriced. */
  source: z.enum(['official', 'tracked']),
  cost: z.string().nullable().optional(),
  /** Where tracked usage came from: manual, import, claude-code, codex, otlp, litellm. */
  origins: z.array(z.string()).optional(),
});

/**
 * A coding agent used on a subscription: what its calls would cost at API prices this month. Shown for
 * comparison, never added to spend, month-end or runway.
 */
export const apiEquivalentSchema = z.object({
  source: z.string(),
  name: z.string(),
  provider: z.string(),
  /** Sum of the priced models, USD; models without a price are listed in `unpriced` and left out. */
  cost: z.string(),
  currency: z.string(),
  requests: z.number(),
  unpriced: z.array(z.string()),
  usage: z.array(usageItemSchema),
});
export type ApiEquivalent = z.infer<typeof apiEquivalentSchema>;

export const accountViewSchema = z.object({
  /** Stable id, `<provider>:<account name>`. */
  id: z.string(),
  provider: z.string(),
  providerName: z.string(),
  monogram: monogramSchema.optional(),
  account: z.string(),
  status: accountStatusSchema,
  monthToDate: moneyDtoSchema.nullable(),
  balance: moneyDtoSchema.nullable(),
  balances: z.array(moneyDtoSchema),
  spendLimit: moneyDtoSchema.nullable(),
  quota: quotaDtoSchema.nullable(),
  dailySpend: z.array(dailySpendDtoSchema),
  breakdown: z.array(z.object({ dimension: z.string(), label: z.string(), amount: z.string(), currency: z.string() })),
  usage: z.array(usageItemSchema),
  forecast: moneyDtoSchema.nullable(),
  /**
   * The month-end figure for this account's month-to-date currency, computed once in the engine
   * (src/core/overview/month-end.ts): the provider's forecast, else month-to-date plus the recent daily
   * rate for the time left, else month-to-date as it stands. The header, tray, alerts and CLI read it.
   */
  monthEnd: moneyDtoSchema
    .extend({
      basis: z.enum(['provider-forecast', 'recent-daily-spend', 'month-pace', 'month-to-date']),
      /** Spend per day added for the rest of the month; null when nothing was projected. */
      ratePerDay: z.string().nullable(),
      /** Days of spend data behind that rate (the week's window, or the month so far at its pace). */
      rateDays: z.number(),
    })
    .nullable()
    .optional(),
  /** Days of credit left at the recent burn rate; null when there is no balance or no burn. */
  runway: z
    .object({
      days: z.number().nullable(),
      depletionDate: z.string().nullable(),
      burnPerDay7: z.string().nullable(),
      burnPerDay30: z.string().nullable(),
      currency: z.string(),
    })
    .nullable(),
  /** Balance points over time (this month), for the detail view. */
  balanceHistory: z.array(z.object({ at: z.string(), amount: z.string(), currency: z.string() })),
  updatedAt: z.string().nullable(),
  /** When the last poll was tried (successful or not), and whether one is running now. */
  lastAttemptAt: z.string().nullable(),
  polling: z.boolean(),
  /**
   * Why the last poll failed. `retryAt` (ISO) is set while the provider's Retry-After holds: the account
   * is not polled before then, and the message says until when.
   */
  error: z.object({ kind: errorKindSchema, message: z.string(), retryAt: z.string().optional() }).nullable(),
  /** Short provider-specific facts worth a line in the UI ("Key usage this month", "Credits: management key"). */
  notes: z.array(z.string()),
  manual: z.boolean(),
  /**
   * Tracked usage (API accounts, not subscriptions) against the official figure, by day and for the month;
   * null unless the account has both. The reconciliation alert reads these same numbers.
   */
  reconciliation: reconciliationSchema.nullable().optional(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

/**
 * One account's progress in a poll cycle, pushed while the cycle runs (Electron) so the popover can show
 * per-account Refresh progress without a whole Overview per step; the Overview follows once per cycle.
 * `waiting`: not polled, because the provider asked to wait (Retry-After).
 */
export const pollProgressSchema = z.object({
  accountId: z.string(),
  state: z.enum(['started', 'done', 'failed', 'waiting']),
  /** When this step happened (ISO). */
  at: z.string(),
});
export type PollProgressEvent = z.infer<typeof pollProgressSchema>;

export const totalSchema = z.object({
  currency: z.string(),
  monthToDate: z.string(),
  /** How the total splits by confidence, so the header can say "of which $3.20 manual". */
  byConfidence: z.object({ official: z.string(), estimated: z.string(), manual: z.string() }),
  /**
   * The accounts' month-end figures added up (the command line contract's `totals[].monthEnd`).
   * `projection`: some part is projected from recent spend; `forecast`: the providers' own forecasts.
   * Null when there is nothing to project: a month that has ended, or manual entries only.
   */
  monthEnd: z
    .object({ amount: z.string(), currency: z.string(), kind: z.enum(['forecast', 'projection']), rateDays: z.number().nullable() })
    .nullable()
    .optional(),
});

/**
 * The month-to-date totals added up in the user's display currency (the command line contract's
 * `converted`), present only when one is chosen. Approximate by nature: `ratesDate` is the day of the
 * rates used, `stale` says they are over a week old, and `excluded` names every currency left out for
 * want of a rate (its native total is shown apart). Computed in src/core/overview/converted-total.ts.
 */
export const convertedTotalSchema = z.object({
  amount: z.string(),
  currency: z.string(),
  ratesDate: z.string(),
  excluded: z.array(z.string()),
  approximate: z.literal(true),
  stale: z.boolean(),
  /** "ECB reference rates bundled with Spendbar", "ECB reference rates (daily refresh)", "rates you set". */
  ratesSource: z.string(),
  /** Each rate used: one unit of `from` is worth `rate` of the display currency. */
  rates: z.array(z.object({ from: z.string(), rate: z.string(), source: z.enum(['reference', 'user']) })),
});
export type ConvertedTotal = z.infer<typeof convertedTotalSchema>;

export const overviewSchema = z.object({
  month: z.string(),
  generatedAt: z.string(),
  demo: z.boolean(),
  totals: z.array(totalSchema),
  accounts: z.array(accountViewSchema),
  /** Things the user must know about the app itself (a corrupt file moved aside, no keychain). */
  warnings: z.array(z.string()),
  polling: z.boolean(),
  /** Coding agents used on a subscription this month, priced at API rates (never part of totals). */
  apiEquivalent: z.array(apiEquivalentSchema).optional(),
  /** Recent alerts, newest first (the popover's alert history). */
  alerts: z.array(
    z.object({
      id: z.string(),
      accountId: z.string().nullable(),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      raisedAt: z.string(),
      /** Set while the user has muted this alert's rule (snoozeAlert); new crossings are not notified. */
      snoozedUntil: z.string().nullable().optional(),
    }),
  ),
  converted: convertedTotalSchema.optional(),
  /** What the tray title can show besides the totals: the shortest runway and the lowest balance. */
  glance: z
    .object({
      shortestRunway: z.object({ accountId: z.string(), days: z.number() }).nullable(),
      lowestBalance: z.object({ accountId: z.string(), amount: z.string(), currency: z.string() }).nullable(),
    })
    .optional(),
});
export type Overview = z.infer<typeof overviewSchema>;

/** Local "HH:MM" start and end; a window may span midnight (22:00-07:00). */
export const quietHoursSchema = z
  .object({ start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM'), end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM') })
  .strict();

export const alertSettingsDtoSchema = z.object({
  /** Alerts decided in this window are delivered after it, or dropped if resolved by then; null: none. */
  quietHours: quietHoursSchema.nullable(),
  /** Official and estimated spend may differ by this percentage before a reconciliation alert… */
  reconciliationPercent: z.number().min(1).max(1000),
  /** …and by more than this amount (decimal string, in the account's currency). */
  reconciliationFloor: z.string(),
});
export type AlertSettingsDto = z.infer<typeof alertSettingsDtoSchema>;

export const entryKindSchema = z.enum(['spend', 'topup', 'balance']);
export type EntryKind = z.infer<typeof entryKindSchema>;

export const ledgerEntryDtoSchema = z.object({
  id: z.string(),
  provider: z.string(),
  account: z.string(),
  kind: entryKindSchema,
  amount: z.string(),
  currency: z.string(),
  date: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type LedgerEntryDto = z.infer<typeof ledgerEntryDtoSchema>;

/** What the user typed; the engine validates amounts and dates exactly and answers with a clear message. */
export const entryInputSchema = z.object({
  provider: z.string().min(1),
  account: z.string().min(1).optional(),
  kind: entryKindSchema,
  amount: z.string(),
  currency: z.string().optional(),
  date: z.string().optional(),
  note: z.string().max(500).optional(),
});
export type EntryInput = z.infer<typeof entryInputSchema>;

export const providerInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  monogram: monogramSchema.optional(),
  kind: z.enum(['api', 'manual']),
  keyHelp: z.string(),
  keyUrl: z.string().nullable(),
  /** What the user must supply; `secret` ones go to the keychain, the others are plain settings. */
  credentials: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      env: z.string(),
      secret: z.boolean(),
      optional: z.boolean(),
      /** Picks the host the key is sent to (like the base URL): changing it needs the key again. */
      routesKey: z.boolean().optional(),
    }),
  ),
  /** Non-secret settings the provider reads (org id, region, billing table). */
  settings: z.array(z.object({ name: z.string(), label: z.string(), help: z.string(), optional: z.boolean(), routesKey: z.boolean().optional() })),
  defaultIntervalMinutes: z.number(),
  minimumIntervalMinutes: z.number(),
  /** What one refresh costs the user (AWS Cost Explorer charges per request); null when free. */
  costPerRefresh: z.object({ amount: z.string(), currency: z.string() }).nullable(),
});
export type ProviderInfo = z.infer<typeof providerInfoSchema>;

/** Per-account alert thresholds: money as exact decimal strings in the account's currency. */
export const thresholdsSchema = z
  .object({
    lowBalance: z.string().optional(),
    lowRunwayDays: z.number().positive().max(365).optional(),
    monthlyBudget: z.string().optional(),
  })
  .strict();
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const accountSummarySchema = z.object({
  id: z.string(),
  provider: z.string(),
  providerName: z.string(),
  account: z.string(),
  /** Configured through environment variables (CLI and serve), not editable in the app. */
  implicit: z.boolean(),
  /** Whether each credential is set; never the value. */
  credentialsSet: z.record(z.string(), z.boolean()),
  settings: z.record(z.string(), z.string()),
  intervalMinutes: z.number(),
  thresholds: thresholdsSchema,
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const trayTitleSchema = z.object({
  /** `total` (the default), `total-runway` ("$412 · 6 d"), `lowest-balance`, or `none`. */
  format: z.enum(['total', 'total-runway', 'lowest-balance', 'none']),
  /** Whole units ("$412") or the currency's usual digits ("$412.10"). */
  precision: z.enum(['whole', 'cents']),
});
export type TrayTitle = z.infer<typeof trayTitleSchema>;

/** A rate the user set: one unit of the currency it is keyed by is worth `rate` of `currency`. */
export const userRateSchema = z.object({ rate: z.string(), currency: z.string(), setOn: z.string() });
/** An agent-log source as the settings show it: the user's choice and what the last reads found. */
export const trackedSourceDtoSchema = z.object({
  source: z.enum(['claude-code', 'codex']),
  name: z.string(),
  provider: z.string(),
  enabled: z.boolean(),
  billing: z.enum(['subscription', 'api']),
  /** The API account the usage belongs to when billing is `api`. */
  account: z.string().nullable(),
  /** The folders read. */
  folders: z.array(z.string()),
  files: z.number(),
  records: z.number(),
  lastRecordAt: z.string().nullable(),
  lastReadAt: z.string().nullable(),
  errors: z.array(z.string()),
});
export type TrackedSourceDto = z.infer<typeof trackedSourceDtoSchema>;

export const preferencesSchema = z.object({
  launchAtLogin: z.boolean(),
  /** False in the browser (serve), where there is nothing to launch. */
  launchAtLoginAvailable: z.boolean(),
  /** Overall monthly budget per currency, e.g. { USD: "500.00" }. */
  monthlyBudget: z.record(z.string(), z.string()),
  /** The currency of the approximate converted total; null (the default) shows native totals only. */
  displayCurrency: z.string().nullable().optional(),
  userRates: z.record(z.string(), userRateSchema).optional(),
  /** Fetch the reference rates once a day (off by default: the only traffic beyond the providers). */
  ratesRefresh: z.boolean().optional(),
  trayTitle: trayTitleSchema.optional(),
  /** The global shortcut (an Electron accelerator such as "CommandOrControl+Shift+S"); null: none. */
  shortcut: z.string().nullable().optional(),
  /** False in the browser, where no global shortcut can be registered. */
  shortcutAvailable: z.boolean().optional(),
  /** Currencies the reference rates cover (for the display currency picker), and their date. */
  referenceCurrencies: z.array(z.string()).optional(),
  referenceDate: z.string().optional(),
  /** The local OpenTelemetry/LiteLLM receiver (off by default). */
  otlpReceiver: z.object({ enabled: z.boolean(), port: z.number().int() }),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** What the local OpenTelemetry receiver is doing and has received since it started. */
export const otlpReceiverStatusSchema = z.object({
  /** Whether this Spendbar runs the receiver: from the settings, or `--otlp` on the command line. */
  enabled: z.boolean(),
  startedBy: z.enum(['settings', 'command-line']).nullable(),
  port: z.number().int(),
  listening: z.boolean(),
  /** Why it is not listening (the port is taken…), else null. */
  error: z.string().nullable(),
  /** Where to point exporters: OTEL_EXPORTER_OTLP_ENDPOINT, and LiteLLM's generic_api endpoint. */
  otlpEndpoint: z.string(),
  litellmEndpoint: z.string(),
  received: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  coveredByEvents: z.number().int(),
  unpricedModels: z.array(z.string()),
  unknownProviders: z.array(z.object({ name: z.string(), calls: z.number().int() })),
  lastAddedAt: z.string().nullable(),
  lastRecordTime: z.string().nullable(),
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
});
export type OtlpReceiverStatus = z.infer<typeof otlpReceiverStatusSchema>;

const accountInput = z
  .object({
    provider: z.string().min(1),
    account: z.string().min(1).optional(),
    /** Credential values typed by the user (the key, a team id); secrets go only to the keychain. */
    credentials: z.record(z.string(), z.string().max(4096)).optional(),
    settings: z.record(z.string(), z.string().max(1000)).optional(),
  })
  .strict();

/** How to add `spendbar mcp` to an AI assistant, with the absolute paths of the installed CLI. */
export const assistantSetupSchema = z.object({
  /** `running`: the CLI serving this page; `installed`: found on disk; `none`: not installed. */
  found: z.enum(['running', 'installed', 'none']),
  command: z.string().nullable(),
  args: z.array(z.string()).nullable(),
  env: z.record(z.string(), z.string()).nullable(),
  snippets: z.object({ claudeDesktop: z.string(), claudeCode: z.string(), cursor: z.string() }).nullable(),
  hint: z.string(),
});
export type AssistantSetup = z.infer<typeof assistantSetupSchema>;

const empty = z.object({}).strict();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');

/** Every call a front end may make. Electron's ipcMain and serve's /api/<name> accept exactly these. */
export const apiContract = {
  getOverview: { request: z.object({ month: month.optional() }).strict(), response: overviewSchema },
  refresh: {
    request: z.object({ accountId: z.string().optional() }).strict(),
    response: overviewSchema,
  },
  listEntries: {
    request: empty,
    response: z.object({ entries: z.array(ledgerEntryDtoSchema) }),
  },
  addEntry: { request: entryInputSchema.strict(), response: z.object({ id: z.string() }) },
  updateEntry: {
    request: z
      .object({
        id: z.string(),
        amount: z.string().optional(),
        currency: z.string().optional(),
        date: z.string().optional(),
        note: z.string().max(500).optional(),
        kind: entryKindSchema.optional(),
      })
      .strict(),
    response: ledgerEntryDtoSchema,
  },
  deleteEntry: {
    request: z.object({ id: z.string() }).strict(),
    response: z.object({ deleted: ledgerEntryDtoSchema }),
  },
  /** Puts back an entry removed by deleteEntry (the undo of the entry list). */
  restoreEntry: {
    request: ledgerEntryDtoSchema.strict(),
    response: z.object({ id: z.string() }),
  },
  listProviders: {
    request: empty,
    response: z.object({ providers: z.array(providerInfoSchema) }),
  },
  listAccounts: {
    request: empty,
    response: z.object({ accounts: z.array(accountSummarySchema) }),
  },
  /** One real poll with what the user typed; nothing is stored. */
  testConnection: {
    request: accountInput,
    response: z.object({
      ok: z.boolean(),
      account: accountViewSchema.nullable(),
      error: z.object({ kind: errorKindSchema, message: z.string() }).nullable(),
    }),
  },
  /** Tests the connection first when credentials are given; a failing key is not saved. */
  saveAccount: {
    request: accountInput.extend({ intervalMinutes: z.number().positive().max(7 * 24 * 60).optional(), thresholds: thresholdsSchema.optional() }).strict(),
    response: z.object({ id: z.string() }),
  },
  removeAccount: {
    request: z.object({ id: z.string() }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  getPreferences: { request: empty, response: preferencesSchema },
  setPreferences: {
    request: z
      .object({
        launchAtLogin: z.boolean().optional(),
        monthlyBudget: z.record(z.string(), z.string()).optional(),
        displayCurrency: z.string().nullable().optional(),
        /** One unit of each key currency in the display currency ("0.13"); an empty string removes it. */
        userRates: z.record(z.string(), z.string()).optional(),
        ratesRefresh: z.boolean().optional(),
        trayTitle: trayTitleSchema.partial().optional(),
        shortcut: z.string().max(100).nullable().optional(),
        otlpReceiver: z.object({ enabled: z.boolean().optional(), port: z.number().int().min(1024, 'port must be from 1024 to 65535').max(65535, 'port must be from 1024 to 65535').optional() }).strict().optional(),
      })
      .strict(),
    response: preferencesSchema,
  },
  /** The MCP snippets for Claude Desktop, Claude Code and Cursor shown in Settings. */
  getAssistantSetup: { request: empty, response: assistantSetupSchema },
  /** The local OpenTelemetry receiver's state and counts (settings › OpenTelemetry and LiteLLM). */
  getOtlpReceiverStatus: { request: empty, response: otlpReceiverStatusSchema },
  getAlertSettings: { request: empty, response: alertSettingsDtoSchema },
  /** The coding agents whose logs are read (Claude Code, Codex), with what was found. */
  getTrackedSources: { request: empty, response: z.object({ sources: z.array(trackedSourceDtoSchema) }) },
  /** Turns a source on or off, or says whose usage it is (a subscription, or an API account by name); reads it once when on. */
  setTrackedSource: {
    request: z
      .object({
        source: z.enum(['claude-code', 'codex']),
        enabled: z.boolean().optional(),
        billing: z.enum(['subscription', 'api']).optional(),
        account: z.string().min(1).max(40).optional(),
      })
      .strict(),
    response: z.object({ sources: z.array(trackedSourceDtoSchema) }),
  },
  setAlertSettings: { request: alertSettingsDtoSchema.partial().strict(), response: alertSettingsDtoSchema },
  /** Mutes the rule behind one alert of Overview.alerts until a time (ISO); a past time lifts the snooze. */
  snoozeAlert: {
    request: z.object({ id: z.string().min(1), until: z.string() }).strict(),
    response: z.object({ snoozedUntil: z.string().nullable() }),
  },
} as const;

export type ApiContract = typeof apiContract;
export type ApiName = keyof ApiContract;
export type ApiRequest<N extends ApiName> = z.input<ApiContract[N]['request']>;
export type ApiResponse<N extends ApiName> = z.infer<ApiContract[N]['response']>;

/** The shape of `window.spendbar`: one async function per call, the same in Electron and in the browser. */
export type SpendbarApi = { [N in ApiName]: (request: ApiRequest<N>) => Promise<ApiResponse<N>> };

export const apiNames = Object.keys(apiContract) as ApiName[];

/** Errors crossing the boundary carry a user-facing message and, for bad input, the field at fault. */
export const apiErrorSchema = z.object({ error: z.object({ message: z.string(), field: z.string().optional() }) });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** One wording for a request its schema refused, so IPC and `serve` answer a bad request alike. */
export function describeRequestIssues(name: ApiName, issues: readonly z.core.$ZodIssue[]): ApiError['error'] {
  const details = issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const field = issues.find((issue) => issue.path.length > 0)?.path.join('.');
  const message = `Invalid ${name} request: ${details.join('; ')}`;
  return field ? { message, field } : { message };
}
