import type { ReportView } from '#libs/contracts';
import { analysisCharts, renderSvg } from './charts.js';

const report = (name: ReportView['name'], rows: ReportView['rows'], thresholds: ReportView['thresholds'] = []): ReportView => ({
  name, from: '2027-01-01', to: '2027-03-31', timezone: 'Asia/Shanghai', currency: 'CNY', columns: Object.keys(rows[0] ?? {}), rows, thresholds,
});

const reports = {
  sales: report('sales', [
    { month: '2027-01', region: 'Shanghai', productLine: 'Pumps', customerType: 'A', contracts: 2, amount: '1000.50' },
    { month: '2027-02', region: 'Beijing', productLine: 'Valves', customerType: 'B', contracts: 1, amount: '250.00' },
  ]),
  discounts: report('discounts', [{ discountPct: 3, contracts: 4, amount: '10.00' }, { discountPct: 12, contracts: 1, amount: '5.00' }], [{ stage: 'manager', discountPct: 5 }, { stage: 'director', discountPct: 15 }]),
  cycle: report('approval-cycle', [{ stage: 'manager', decided: 2, averageHours: 6, maxHours: 10, breaches: 1, pendingOverdue: 0 }]),
  satisfaction: report('satisfaction', [{ month: '2027-01', answers: 2, averageScore: 4 }, { month: '2027-02', answers: 1, averageScore: 2.5 }]),
};

describe('analysis charts (Vega-Lite rendered to SVG on the server)', () => {
  it('draws every figure with marks, the discount thresholds as rules, and describes each mark for a screen reader', async () => {
    const charts = analysisCharts(reports, 'en');
    expect(charts.map((c) => c.report.name)).toEqual(['sales', 'sales', 'sales', 'sales', 'discounts', 'approval-cycle', 'approval-cycle', 'satisfaction']);
    const svgs = await Promise.all(charts.map((chart) => renderSvg(chart.spec)));
    for (const svg of svgs) expect(svg).toMatch(/<g class="mark-(rect|line|rule|text) role-mark[^>]*><(path|line|text) aria-label="[^"]+"/);
    expect(svgs[0]).toContain('aria-label="Month: 2027-01; Approved amount (CNY): 1000.5; Region: Shanghai"');
    expect(svgs[4].match(/mark-rule role-mark/g)).toHaveLength(1);
    expect((svgs[4].match(/<line /g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svgs[7]).toContain('mark-line role-mark');
  });

  it('labels the axes in the page\u2019s language', async () => {
    const svg = await renderSvg(analysisCharts(reports, 'zh-CN')[1].spec);
    expect(svg).toContain('区域');
  });
});
