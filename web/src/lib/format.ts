// Plain-words formatting shared by the pages. Pure functions: tested with
// Vitest (format.test.ts).
import type { Plan } from './types';

export function thousands(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Math.round(n).toLocaleString('en-US');
}

// A signed percent change: +12%, -3%, 0%.
export function signedPercent(p: number): string {
  const r = Math.round(p);
  return (r > 0 ? '+' : '') + r + '%';
}

// A share 0..1 as a whole percent.
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  return Math.round(share * 100) + '%';
}

// "2026-12-03" as "3 Dec 2026"; the API's days are already in the
// workspace's time zone, so no time zone is applied.
export function dayLabel(day: string | null | undefined): string {
  if (!day) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

// Days from `a` to `b` (both YYYY-MM-DD).
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000);
}

// Seconds as m:ss for the 9-minute timer.
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function capitalize(word: string): string {
  return word ? word[0].toUpperCase() + word.slice(1) : word;
}

// The five techniques of the learning loop, in order.
export const LOOP_STAGES = ['planning', 'listening', 'metrics', 'reflection', 'reiteration'] as const;
export type LoopStage = (typeof LOOP_STAGES)[number];

// Where a plan stands on the learning loop, from its state and dates: an
// idea or a planned plan is in planning; a running plan listens in the
// first half of its timebox and reads its metrics in the second; a plan
// under review is in reflection; a decided one in reiteration.
export function loopStage(plan: Plan, today: string): LoopStage {
  switch (plan.state) {
    case 'idea':
    case 'planned':
      return 'planning';
    case 'running': {
      if (!plan.start) return 'listening';
      const day = daysBetween(plan.start, today) + 1;
      return day * 2 <= plan.timebox_days ? 'listening' : 'metrics';
    }
    case 'reviewing':
      return 'reflection';
    default:
      return 'reiteration';
  }
}

// The words for a plan state on the board.
export function stateLabel(state: string): string {
  const words: Record<string, string> = {
    idea: 'Ideas',
    planned: 'Planned',
    running: 'Running',
    reviewing: 'Due for review',
    decided: 'Decided',
  };
  return words[state] ?? capitalize(state);
}

export function verdictWords(verdict: string | null | undefined): string {
  const words: Record<string, string> = {
    win: 'It worked',
    loss: 'It made things worse',
    inconclusive: 'Not settled',
    guardrail_breached: 'A guardrail was breached',
  };
  return verdict ? (words[verdict] ?? verdict) : '–';
}
