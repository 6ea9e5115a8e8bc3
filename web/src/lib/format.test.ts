import { describe, expect, it } from 'vitest';
import { clock, dayLabel, daysBetween, loopStage, percent, signedPercent, thousands, verdictWords } from './format';
import type { Plan } from './types';

function plan(fields: Partial<Plan>): Plan {
  return {
    id: 1, title: 't', goal_id: null, state: 'idea', hypothesis: '', step: '', metric: '', guardrails: [],
    variants: [], timebox_days: 14, start: null, end: null, baseline_from: null, baseline_to: null, effort: 'S',
    expected_lift: 0, owner: '', tactic: '', loop_number: 1, parent_id: null, next_id: null, verdict: null,
    reviewed_on: null, decision: null, decision_reason: '', decided_on: null, created_on: '2026-01-01', ...fields,
  };
}

describe('format', () => {
  it('writes numbers and shares in plain words', () => {
    expect(thousands(1657)).toBe('1,657');
    expect(thousands(null)).toBe('–');
    expect(signedPercent(10.4)).toBe('+10%');
    expect(signedPercent(-10.97)).toBe('-11%');
    expect(signedPercent(0.2)).toBe('0%');
    expect(percent(0.6972)).toBe('70%');
  });

  it('writes days as people read them', () => {
    expect(dayLabel('2026-12-03')).toBe('3 Dec 2026');
    expect(dayLabel(null)).toBe('–');
    expect(daysBetween('2026-11-24', '2026-12-03')).toBe(9);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across a clock change
  });

  it('counts the timer down in minutes and seconds', () => {
    expect(clock(540)).toBe('9:00');
    expect(clock(61.2)).toBe('1:02');
    expect(clock(-3)).toBe('0:00');
  });

  it('places plans on the loop', () => {
    expect(loopStage(plan({ state: 'idea' }), '2026-12-03')).toBe('planning');
    expect(loopStage(plan({ state: 'running', start: '2026-12-01' }), '2026-12-03')).toBe('listening');
    expect(loopStage(plan({ state: 'running', start: '2026-11-24' }), '2026-12-03')).toBe('metrics');
    expect(loopStage(plan({ state: 'reviewing' }), '2026-12-03')).toBe('reflection');
    expect(loopStage(plan({ state: 'decided' }), '2026-12-03')).toBe('reiteration');
  });

  it('says verdicts in plain words', () => {
    expect(verdictWords('inconclusive')).toBe('Not settled');
    expect(verdictWords(null)).toBe('–');
  });
});
