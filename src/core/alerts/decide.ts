/**
 * decideAlerts: (previous state, new figures, settings, now) -> what to notify + the next state. Pure,
 * so every rule is tested as a sequence of evaluations.
 *
 * - A rule key fires when its condition turns on and is not already active; it fires again only after
 *   the rule re-armed ('off'), so repeated polls and re-evaluations of the same figures never repeat it.
 * - Stale accounts (last poll failed) are skipped by the figure rules: their state stands unchanged.
 * - Nothing depends on the order of clock readings: keys are not dropped when time goes backwards, and
 *   month-keyed budget alerts stay remembered for the month before the current one as well.
 * - Snoozed keys become active silently (suppressed); alerts decided in quiet hours are held and
 *   delivered after, if their condition is still active, else dropped.
 */
import { parseMonth } from '../model/billing-month.js';
import { HISTORY_LIMIT, TOP_UP_LIMIT, type AlertSettings, type AlertState, type RaisedAlert } from './alert-model.js';
import type { AlertFacts } from './facts.js';
import { isQuietTime } from './quiet-hours.js';
import { observe, type Observation } from './rules.js';
import { trackAccount } from './tracking.js';

export interface AlertClock {
  readonly now: Date;
  /** Minutes since the user's local midnight (the caller knows the time zone; this stays pure). */
  readonly minuteOfDay: number;
}

export interface AlertDecision {
  /** Notify now, oldest first (alerts released from quiet hours come before new ones). */
  readonly deliver: RaisedAlert[];
  /** Decided now, held until quiet hours end. */
  readonly held: RaisedAlert[];
  /** Decided now, not notified because the user snoozed them. */
  readonly suppressed: RaisedAlert[];
  readonly state: AlertState;
}

export function decideAlerts(previous: AlertState, facts: AlertFacts, settings: AlertSettings, clock: AlertClock): AlertDecision {
  const nowIso = clock.now.toISOString();
  const active = { ...previous.active };
  const accounts = { ...previous.accounts };
  const topUps = [...previous.topUps];

  for (const account of facts.accounts) {
    if (!account.fresh) continue;
    const result = trackAccount(accounts[account.id], account, facts.month);
    accounts[account.id] = result.track;
    if (result.topUp) topUps.unshift(result.topUp);
  }

  const raised: Array<RaisedAlert & { group?: string; severity: number }> = [];
  for (const observation of observe(facts, accounts, settings)) {
    if (observation.verdict === 'off') delete active[observation.key];
    if (observation.verdict !== 'on' || active[observation.key]) continue;
    active[observation.key] = { since: nowIso };
    raised.push({ ...toAlert(observation, nowIso), group: observation.group, severity: observation.severity ?? 0 });
  }

  const snoozes = Object.fromEntries(Object.entries(previous.snoozes).filter(([, until]) => Date.parse(until) > clock.now.getTime()));
  const decided = mostSevereOfEachGroup(raised);
  const suppressed = decided.filter((alert) => snoozes[alert.snoozeKey] !== undefined);
  const notify = decided.filter((alert) => snoozes[alert.snoozeKey] === undefined);

  const quiet = isQuietTime(settings.quietHours, clock.minuteOfDay);
  // Held alerts go out once quiet hours are over, unless their condition re-armed (resolved) or was
  // snoozed meanwhile; a key that fired again while held is held once, as its newest alert.
  const stillDue = previous.held.filter(
    (alert) => active[alert.key] && snoozes[alert.snoozeKey] === undefined && !notify.some((fresh) => fresh.key === alert.key),
  );
  const deliver = quiet ? [] : [...stillDue, ...notify];
  const held = quiet ? [...stillDue, ...notify] : [];

  return {
    deliver,
    held: quiet ? notify : [],
    suppressed,
    state: {
      active: forgetOldMonths(active, facts.month),
      held,
      snoozes,
      history: [...deliver].reverse().concat(previous.history).slice(0, HISTORY_LIMIT),
      accounts,
      topUps: topUps.slice(0, TOP_UP_LIMIT),
      lastEvaluatedAt: nowIso,
    },
  };
}

function toAlert(observation: Observation, raisedAt: string): RaisedAlert {
  return {
    // Deterministic, so a re-run of the same evaluation names the same alert.
    id: `${observation.key}@${raisedAt}`,
    accountId: observation.accountId,
    kind: observation.kind,
    title: observation.title,
    body: observation.body,
    raisedAt,
    key: observation.key,
    snoozeKey: observation.snoozeKey,
  };
}

/** 100% and 80% crossed in one poll is one notification ("over budget"); the others stay active, silent. */
function mostSevereOfEachGroup(raised: ReadonlyArray<RaisedAlert & { group?: string; severity: number }>): RaisedAlert[] {
  const kept: RaisedAlert[] = [];
  for (const alert of raised) {
    const { group, severity, ...plain } = alert;
    if (group !== undefined && raised.some((other) => other.group === group && other.severity > severity)) continue;
    kept.push(plain);
  }
  return kept;
}

/**
 * Month-keyed entries (budgets, reconciliation) of months before last month can go: they can never be
 * evaluated again. Last month's stay, so a clock set back across the month boundary repeats nothing.
 */
function forgetOldMonths(active: AlertState['active'], monthKey: string): AlertState['active'] {
  const month = parseMonth(monthKey);
  if (!month) return active;
  const previousMonth = new Date(Date.UTC(month.year, month.month - 2, 1)).toISOString().slice(0, 7);
  return Object.fromEntries(
    Object.entries(active).filter(([key]) => {
      const keyMonth = /:(\d{4}-\d{2})$/.exec(key)?.[1];
      return keyMonth === undefined || keyMonth >= previousMonth;
    }),
  );
}
