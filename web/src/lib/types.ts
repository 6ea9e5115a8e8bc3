// The shapes the API returns (the library's JSON encodings), as far as
// the pages read them.

export type PlanState = 'idea' | 'planned' | 'running' | 'reviewing' | 'decided';

export interface Plan {
  id: number;
  title: string;
  goal_id: number | null;
  state: PlanState;
  hypothesis: string;
  step: string;
  metric: string;
  guardrails: string[];
  variants: string[];
  timebox_days: number;
  start: string | null;
  end: string | null;
  baseline_from: string | null;
  baseline_to: string | null;
  effort: string;
  expected_lift: number;
  owner: string;
  tactic: string;
  loop_number: number;
  parent_id: number | null;
  next_id: number | null;
  verdict: string | null;
  reviewed_on: string | null;
  decision: string | null;
  decision_reason: string;
  decided_on: string | null;
  created_on: string;
}

export interface RunningPlan extends Plan {
  day: number;
  days: number;
  reading: { baseline: number | null; current: number | null; note: string };
  evaluation: { verdict: string; headline: string; percent_change: number } | null;
}

export interface Move {
  from: string;
  to: string;
  people: number;
  direction: 'up' | 'down';
}

export interface Today {
  today: string;
  since: string;
  movement: { moved_up: number; moved_down: number; moves: Move[] };
  running: RunningPlan[];
  due_for_review: Plan[];
  blockers: { plan_id: number; plan_title?: string; blocked: string; day?: string }[];
}

export interface RungCount {
  name: string;
  people: number;
}

export interface Ladder {
  as_of: string;
  rungs: RungCount[]; // highest first
  audience: number;
  from?: string;
  to?: string;
  transitions?: { states: string[]; counts: number[][]; moved_up: number; moved_down: number; stayed: number };
  conversions?: { from_rung: string; to_rung: string; base: number; converted: number; rate: number }[];
}

export interface Goal {
  id: number;
  title: string;
  metric: string;
  target_kind: string;
  target: number;
  start: string;
  deadline: string;
  parent_id: number | null;
  owner: string;
  progress: { at_start: number | null; now: number | null; target_value: number | null; share: number | null; note: string };
}

export interface CheckIn {
  id: number;
  plan_id: number;
  day: string;
  done: string;
  next: string;
  blocked: string;
  actor: string;
}

export interface Reflection {
  plan_id: number;
  day: string;
  expected: string;
  happened: string;
  why: string;
  learned: string;
  tags: string[];
  actor: string;
}

export interface PlanDetail extends Plan {
  lineage: { id: number; loop_number: number; title: string }[];
  checkins: CheckIn[];
  reflection: Reflection | null;
}

export interface Evaluation {
  metric: string;
  baseline: [string, string];
  window: [string, string];
  final: boolean;
  verdict: string;
  headline: string;
  explanation: string;
  ratio: number;
  percent_change: number;
  ci: [number, number];
  always_valid_interval: [number, number];
  prob_positive: number;
  guardrails: { metric: string; headline?: string; breached?: boolean }[];
}

export interface Tactic {
  name: string;
  title: string;
  description: string;
  hypothesis: string;
  metric: string;
  step: string;
  timebox_days: number;
  effort: string;
}
