import type { EffectivenessRow } from './risk-recovery.repository.js';

/** The windows of the effectiveness report, in days after a task was done (or fell due undone). */
export const EFFECTIVENESS_WINDOWS = [30, 60, 90] as const;

export interface WindowFigures {
  days: number;
  /** Tasks whose alert's signal recovered within the window. */
  recovered: number;
  /** Tasks that can be judged: recovered within the window, or the window is over. */
  observed: number;
  /** recovered / observed, rounded to 0.01; null when none can be judged yet. */
  rate: number | null;
}

export interface OutcomeFigures {
  tasks: number;
  windows: WindowFigures[];
}

export interface EffectivenessLine {
  type: string;
  countermeasure: string;
  done: OutcomeFigures;
  notDone: OutcomeFigures;
}

const none = (windows: readonly number[]): OutcomeFigures => ({ tasks: 0, windows: windows.map((days) => ({ days, recovered: 0, observed: 0, rate: null })) });

function figures(row: EffectivenessRow, windows: readonly number[]): OutcomeFigures {
  return {
    tasks: row.tasks,
    windows: windows.map((days) => {
      const { recovered, observed } = row.windows[days];
      return { days, recovered, observed, rate: observed > 0 ? Math.round((recovered / observed) * 100) / 100 : null };
    }),
  };
}

/** One line per risk type and countermeasure, done next to not done. */
export function effectivenessLines(rows: EffectivenessRow[], windows: readonly number[] = EFFECTIVENESS_WINDOWS): EffectivenessLine[] {
  const lines = new Map<string, EffectivenessLine>();
  for (const row of rows) {
    const key = `${row.type}|${row.kind}`;
    const line = lines.get(key) ?? { type: row.type, countermeasure: row.kind, done: none(windows), notDone: none(windows) };
    line[row.done ? 'done' : 'notDone'] = figures(row, windows);
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => a.type.localeCompare(b.type) || a.countermeasure.localeCompare(b.countermeasure));
}
