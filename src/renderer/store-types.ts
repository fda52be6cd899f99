/**
 * The popover store's types, apart from the slices that implement them, so the slices and the store
 * that combines them do not import each other.
 */
import type { StoreApi } from 'zustand';
import type { AlertSettingsDto, AccountSummary, AssistantSetup, ApiRequest, ApiResponse, EntryInput, LedgerEntryDto, OtlpReceiverStatus, Overview, Preferences, ProviderInfo } from '../shared/api';
import type { AlertItem, NotificationAccess } from './model/alert-delivery';

export interface EntryChanges {
  amount?: string;
  currency?: string;
  date?: string;
  note?: string;
  kind?: LedgerEntryDto['kind'];
}

/** What the entry form holds; kept in the store so closing the panel (Escape) loses nothing typed. */
export interface EntryDraft {
  provider?: string;
  account?: string;
  kind: LedgerEntryDto['kind'];
  amount: string;
  currency?: string;
  /** Empty means today, worked out when the form is shown (so a popover left open overnight is right). */
  date: string;
  note: string;
}

export interface EntriesSlice {
  entries: LedgerEntryDto[];
  entryDraft: EntryDraft;
  setEntryDraft(changes: Partial<EntryDraft>): void;
  entriesError: string | null;
  /** The entry deleted last, so the list can offer Undo. */
  lastDeleted: LedgerEntryDto | null;
  reloadEntries(): Promise<void>;
  /** Adds an entry and shows its effect at once; rethrows the API error so the form can place it. */
  addEntry(input: EntryInput): Promise<void>;
  /** Saves an edit; rethrows the API error (with its field) so the edit row can show it. */
  updateEntry(id: string, changes: EntryChanges): Promise<void>;
  deleteEntry(id: string): Promise<void>;
  undoDelete(): Promise<void>;
}

export interface SettingsSlice {
  providers: ProviderInfo[];
  accounts: AccountSummary[];
  preferences: Preferences | null;
  /** How to add `spendbar mcp` to an assistant, with the installed CLI's absolute paths. */
  assistantSetup: AssistantSetup | null;
  /** Why providers, accounts or preferences could not be loaded. */
  settingsError: string | null;
  /** Preferences alone (the header shows the budget), read with the overview on start. */
  loadPreferences(): Promise<void>;
  /** Providers, accounts, preferences and assistant setup, for Settings and the entry form; read after the first paint. */
  loadSettings(): Promise<void>;
  /** One real poll with what the user typed; resolves with the engine's verdict, stores nothing. */
  testConnection(request: ApiRequest<'testConnection'>): Promise<ApiResponse<'testConnection'>>;
  /** Saves and re-reads accounts and overview; rethrows the API error (with its field) for the form. */
  saveAccount(request: ApiRequest<'saveAccount'>): Promise<string>;
  removeAccount(id: string): Promise<void>;
  setPreferences(request: ApiRequest<'setPreferences'>): Promise<void>;
  /** The local OpenTelemetry receiver's state and counts; null until first read. */
  otlpStatus: OtlpReceiverStatus | null;
  loadOtlpStatus(): Promise<void>;
}

export interface AlertsSlice {
  /** New alerts shown in the page, newest first, until dismissed or snoozed. */
  alertBanners: AlertItem[];
  notificationAccess: NotificationAccess;
  alertSettings: AlertSettingsDto | null;
  /** Why the alert settings could not be loaded. */
  alertSettingsError: string | null;
  /** Called with every overview the store accepts: shows what is new since the page opened. */
  deliverAlerts(overview: Overview): void;
  dismissAlertBanner(id: string): void;
  /** Mutes the alert's rule for `durationMs` from now; rethrows the API error for the caller. */
  snoozeAlert(id: string, durationMs: number): Promise<void>;
  /** Lifts the snooze on the alert's rule; rethrows the API error for the caller. */
  unsnoozeAlert(id: string): Promise<void>;
  /** Opens the account an alert is about, with focus returning to `returnFocus` on the list. */
  openAlertAccount(alert: AlertItem, returnFocus?: string): void;
  /**
   * Opens an account's detail from wherever the popover is (Electron: a native notification was clicked).
   * Before the first overview the id is kept and opened once the overview lists the account.
   */
  focusAccount(accountId: string, returnFocus?: string): void;
  requestNotifications(): Promise<void>;
  /** Re-reads the permission, which the user may change in the browser at any time. */
  readNotificationAccess(): void;
  loadAlertSettings(): Promise<void>;
  /** Saves and keeps the engine's answer; rethrows the API error (with its field) for the form. */
  saveAlertSettings(request: ApiRequest<'setAlertSettings'>): Promise<void>;
}

/** The views of the popover; everything but `home` is closed by Back or Escape. */
export type View =
  | { name: 'home' }
  | { name: 'detail'; accountId: string }
  | { name: 'manual' }
  | { name: 'settings' }
  | { name: 'add-account'; provider?: string };

export interface CoreSlice {
  overview: Overview | null;
  /** Why the overview could not be loaded or refreshed last time; cleared by the next success. */
  overviewError: string | null;
  /** A Refresh the user asked for is under way. */
  refreshing: boolean;
  /** Each polled account's state when the Refresh began, to tell which have answered (refresh-progress.ts). */
  refreshBaseline: Record<string, string> | null;
  view: View;
  /** The views under the current one; Back returns to the last of them. */
  previousViews: View[];
  /** Where focus goes back to on the list (the row or button that opened the first view). */
  returnFocus: string | null;

  /** Loads everything and listens for new overviews; returns the function that stops listening. */
  start(): () => void;
  refresh(): Promise<void>;
  reloadOverview(): Promise<void>;
  /** Opens a view over the current one; `returnFocus` names what gets focus back on the list. */
  open(view: View, returnFocus?: string): void;
  /** Back to the view this one was opened from. */
  back(): void;
  /** Straight back to the list (after saving an account), focusing `returnFocus` there. */
  home(returnFocus?: string): void;
}

export type SpendbarState = CoreSlice & EntriesSlice & SettingsSlice & AlertsSlice;

export type SpendbarStore = StoreApi<SpendbarState>;

export type SetState = StoreApi<SpendbarState>['setState'];

export type GetState = StoreApi<SpendbarState>['getState'];
