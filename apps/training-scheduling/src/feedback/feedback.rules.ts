// Which course a weak KPI leads to, pure.

export interface CourseChoice {
  id: string;
  code: string;
  category: string;
  levels: string[];
}

/**
 * The course a weak KPI of `category` enrolls a person of `role` in: among the catalogue's courses
 * of that category whose levels include the role, the one with the lowest code (the catalogue's
 * own order: an introductory "SS-101" before "SS-201"). Null when none is for their level.
 */
export function courseForWeakKpi<C extends CourseChoice>(courses: readonly C[], category: string, role: string): C | null {
  const fitting = courses.filter((course) => course.category === category && course.levels.includes(role));
  fitting.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return fitting[0] ?? null;
}

/** One email to the manager per signed-off appraisal, however often the event is delivered. */
export function feedbackEmailKey(appraisalId: string, managerId: string): string {
  return `training-feedback:${appraisalId}:${managerId}`;
}
