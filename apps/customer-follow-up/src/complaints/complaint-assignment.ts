/**
 * The candidate with the fewest open (not resolved) complaints; ties go to the first email in
 * alphabetical order, so the choice is the same whichever replica makes it.
 */
export function leastLoaded<T extends { id: string; email: string }>(candidates: readonly T[], openCounts: ReadonlyMap<string, number>): T | null {
  let best: T | null = null;
  for (const candidate of candidates) {
    if (best === null) {
      best = candidate;
      continue;
    }
    const load = openCounts.get(candidate.id) ?? 0;
    const bestLoad = openCounts.get(best.id) ?? 0;
    if (load < bestLoad || (load === bestLoad && candidate.email < best.email)) best = candidate;
  }
  return best;
}
