// The Loop page's picture: the ladder as circles whose area follows the
// people at each rung, arrows with this month's movement between
// neighbouring rungs, and the running plans placed on the learning loop.
import type { Ladder } from './types';
import { LOOP_STAGES, type LoopStage } from './format';

export interface RungCircle {
  name: string;
  people: number;
  x: number;
  y: number;
  r: number;
}

export interface RungArrow {
  from: string;
  to: string;
  up: number; // people who moved from `from` up to `to` or beyond it
  down: number; // people who moved from `to` down to `from`
}

// Circles left (lowest rung) to right (highest) on a `width` wide row, the
// largest of radius `maxR`; area proportional to people, and never so
// small that a count cannot be read.
export function rungCircles(ladder: Ladder, width: number, y: number, maxR: number): RungCircle[] {
  const rungs = [...ladder.rungs].reverse();
  const most = Math.max(1, ...rungs.map((r) => r.people));
  const step = width / rungs.length;
  return rungs.map((rung, i) => ({
    name: rung.name,
    people: rung.people,
    x: step * (i + 0.5),
    y,
    r: Math.max(maxR * 0.4, maxR * Math.sqrt(rung.people / most)),
  }));
}

// From the transition matrix (states highest first, then "audience"):
// for each pair of neighbouring rungs, the people who climbed from the
// lower one to the higher one or past it, and those who fell back from
// the higher one to the lower one.
export function rungArrows(ladder: Ladder): RungArrow[] {
  const t = ladder.transitions;
  if (!t) return [];
  const rank = (state: string) => t.states.indexOf(state); // 0 = highest
  const rungs = [...ladder.rungs].reverse().map((r) => r.name);
  const arrows: RungArrow[] = [];
  for (let i = 0; i + 1 < rungs.length; i++) {
    const lower = rank(rungs[i]);
    const higher = rank(rungs[i + 1]);
    let up = 0;
    for (let to = 0; to <= higher; to++) up += t.counts[lower]?.[to] ?? 0;
    const down = t.counts[higher]?.[lower] ?? 0;
    arrows.push({ from: rungs[i], to: rungs[i + 1], up, down });
  }
  return arrows;
}

// A point on the dashed loop (an ellipse around the circles) for each
// stage, clockwise from the top left.
export function stagePoint(stage: LoopStage, cx: number, cy: number, rx: number, ry: number): { x: number; y: number } {
  const i = LOOP_STAGES.indexOf(stage);
  const angle = Math.PI * (1.15 + (i * 2) / LOOP_STAGES.length);
  return { x: cx + rx * Math.cos(angle), y: cy + ry * Math.sin(angle) };
}
