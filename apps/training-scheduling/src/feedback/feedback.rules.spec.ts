import { courseForWeakKpi } from './feedback.rules.js';

const course = (code: string, category: string, levels: string[]) => ({ id: code, code, category, levels });

/** The course a weak KPI leads to: of its category, for the person's role, the lowest code. */
describe('courseForWeakKpi', () => {
  const catalogue = [
    course('SS-201', 'sales_skills', ['SALES_SPECIALIST']),
    course('SS-101', 'sales_skills', ['SALES_SPECIALIST', 'SALES_MANAGER']),
    course('SS-001', 'sales_skills', ['SALES_MANAGER']),
    course('CR-101', 'customer_relationship', ['SALES_SPECIALIST']),
  ];

  it('picks the lowest code among the courses of the category for the role', () => {
    expect(courseForWeakKpi(catalogue, 'sales_skills', 'SALES_SPECIALIST')?.code).toBe('SS-101');
    expect(courseForWeakKpi(catalogue, 'sales_skills', 'SALES_MANAGER')?.code).toBe('SS-001');
  });

  it('finds nothing when no course of the category is for the role', () => {
    expect(courseForWeakKpi(catalogue, 'customer_relationship', 'SALES_MANAGER')).toBeNull();
    expect(courseForWeakKpi(catalogue, 'compliance', 'SALES_SPECIALIST')).toBeNull();
  });
});
