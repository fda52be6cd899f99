/** What a rule says about one alert instance; decide.ts turns observations into notifications. */
export type AlertKind = 'low-balance' | 'budget' | 'budget-forecast' | 'reconciliation' | 'credentials';
export type Verdict = 'on' | 'off' | 'keep';

export interface Observation {
  readonly key: string;
  readonly snoozeKey: string;
  readonly accountId: string | null;
  readonly kind: AlertKind;
  readonly verdict: Verdict;
  readonly title: string;
  readonly body: string;
  /** Alerts of one group that fire together are one notification: the most severe. */
  readonly group?: string;
  readonly severity?: number;
}
