import { describe, expect, it } from 'vitest';
import { rungArrows, rungCircles, stagePoint } from './loop';
import type { Ladder } from './types';

const ladder: Ladder = {
  as_of: '2026-12-03',
  rungs: [
    { name: 'action', people: 88 },
    { name: 'relationship', people: 149 },
    { name: 'engagement', people: 641 },
    { name: 'network', people: 1657 },
  ],
  audience: 102,
  transitions: {
    states: ['action', 'relationship', 'engagement', 'network', 'audience'],
    counts: [
      [57, 0, 1, 0, 3],
      [5, 95, 6, 0, 0],
      [15, 38, 401, 22, 3],
      [4, 8, 157, 1181, 26],
      [7, 8, 76, 454, 70],
    ],
    moved_up: 772,
    moved_down: 61,
    stayed: 1804,
  },
};

describe('the loop picture', () => {
  it('draws the lowest rung first with area following people', () => {
    const circles = rungCircles(ladder, 800, 100, 80);
    expect(circles.map((c) => c.name)).toEqual(['network', 'engagement', 'relationship', 'action']);
    expect(circles[0].r).toBe(80);
    expect(circles[1].r).toBeCloseTo(80 * Math.sqrt(641 / 1657), 6);
    // A small rung stays big enough to read.
    expect(circles[3].r).toBeCloseTo(80 * 0.4, 6);
    expect(circles[0].x).toBeLessThan(circles[3].x);
  });

  it('counts climbs past a rung and falls back between neighbours', () => {
    const arrows = rungArrows(ladder);
    expect(arrows).toHaveLength(3);
    // network -> engagement or higher: 157 + 8 + 4
    expect(arrows[0]).toEqual({ from: 'network', to: 'engagement', up: 169, down: 22 });
    expect(arrows[1]).toEqual({ from: 'engagement', to: 'relationship', up: 53, down: 6 });
    expect(arrows[2]).toEqual({ from: 'relationship', to: 'action', up: 5, down: 0 });
  });

  it('has no arrows without a movement', () => {
    expect(rungArrows({ ...ladder, transitions: undefined })).toEqual([]);
  });

  it('puts the stages around the loop in order', () => {
    const a = stagePoint('planning', 0, 0, 100, 50);
    const b = stagePoint('listening', 0, 0, 100, 50);
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(10);
    expect(a.x ** 2 / 100 ** 2 + a.y ** 2 / 50 ** 2).toBeCloseTo(1, 6);
  });
});
