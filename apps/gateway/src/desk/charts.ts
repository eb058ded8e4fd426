import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReportView } from '#libs/contracts';
import { FONT_STACK, PALETTE } from '#libs/mail';
import type { PageLocale } from '../http/page-layout.js';

type Row = Record<string, string | number | null>;

/** The emails' palette for marks and text, so a chart looks like the rest of the page. */
const CONFIG = {
  font: FONT_STACK,
  background: PALETTE.card,
  axis: { labelColor: PALETTE.text, titleColor: PALETTE.text, gridColor: PALETTE.border, domainColor: PALETTE.muted, tickColor: PALETTE.muted },
  legend: { labelColor: PALETTE.text, titleColor: PALETTE.text },
  title: { color: PALETTE.text, fontSize: 14, anchor: 'start' as const },
  range: { category: [PALETTE.accent, '#f0b429', '#2da44e', '#8250df', '#cf222e', '#6a737d', '#1b7c83', '#bf8700'] },
  mark: { color: PALETTE.accent },
};

const TEXT = {
  'zh-CN': {
    month: '月份', amount: '批准金额', region: '区域', productLine: '产品线', customerType: '客户类型', contracts: '合同数', discountPct: '折扣 (%)',
    stage: '审批阶段', averageHours: '平均审批时长（小时）', breaches: '超过时限', averageScore: '平均满意度', threshold: '政策阈值',
    byMonth: '每月批准金额（按区域）', byRegion: '按区域的批准金额', byProduct: '按产品线的批准金额', byCustomer: '按客户类型的批准金额',
    discounts: '折扣分布与政策阈值', cycle: '各阶段平均审批时长', sla: '各阶段超时次数', satisfaction: '满意度趋势',
  },
  en: {
    month: 'Month', amount: 'Approved amount', region: 'Region', productLine: 'Product line', customerType: 'Customer type', contracts: 'Contracts',
    discountPct: 'Discount (%)', stage: 'Stage', averageHours: 'Average hours to decide', breaches: 'SLA breaches', averageScore: 'Average score',
    threshold: 'Policy threshold', byMonth: 'Approved amount by month (by region)', byRegion: 'Approved amount by region', byProduct: 'Approved amount by product line',
    byCustomer: 'Approved amount by customer type', discounts: 'Discount distribution against the policy thresholds', cycle: 'Average approval time by stage',
    sla: 'SLA breaches by stage', satisfaction: 'Satisfaction trend',
  },
} as const;

export interface ChartSpec {
  title: string;
  /** The report whose rows the chart draws. */
  report: ReportView;
  spec: TopLevelSpec;
}

/** Amounts travel as decimal strings (exact in JSON and CSV); a chart needs numbers. */
function numeric(rows: Row[], fields: string[]): Row[] {
  return rows.map((row) => ({ ...row, ...Object.fromEntries(fields.map((f) => [f, row[f] === null ? null : Number(row[f])])) }));
}

function base(title: string, values: Row[]) {
  // The section's heading names the chart (toSVG writes no title); vega gives each mark an aria-label of its values.
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', description: title, width: 'container' as const, height: 220, data: { values }, config: CONFIG };
}

/** The Vega-Lite specifications of /desk/analysis, one per figure, from the reports' rows. */
export function analysisCharts(reports: { sales: ReportView; discounts: ReportView; cycle: ReportView; satisfaction: ReportView }, locale: PageLocale): ChartSpec[] {
  const t = TEXT[locale];
  const sales = numeric(reports.sales.rows, ['amount']);
  const amountBy = (field: 'region' | 'productLine' | 'customerType', title: string): ChartSpec => ({
    title,
    report: reports.sales,
    spec: {
      ...base(title, sales),
      mark: 'bar',
      encoding: {
        x: { field, type: 'nominal', title: t[field], sort: '-y' },
        y: { aggregate: 'sum', field: 'amount', type: 'quantitative', title: `${t.amount} (${reports.sales.currency ?? ''})` },
      },
    } as TopLevelSpec,
  });
  const discounts = numeric(reports.discounts.rows, ['amount']);
  const cycle = reports.cycle.rows;
  return [
    {
      title: t.byMonth,
      report: reports.sales,
      spec: {
        ...base(t.byMonth, sales),
        mark: 'bar',
        encoding: {
          x: { field: 'month', type: 'ordinal', title: t.month },
          y: { aggregate: 'sum', field: 'amount', type: 'quantitative', title: `${t.amount} (${reports.sales.currency ?? ''})` },
          color: { field: 'region', type: 'nominal', title: t.region },
        },
      } as TopLevelSpec,
    },
    amountBy('region', t.byRegion),
    amountBy('productLine', t.byProduct),
    amountBy('customerType', t.byCustomer),
    {
      title: t.discounts,
      report: reports.discounts,
      spec: {
        ...base(t.discounts, discounts),
        layer: [
          { mark: 'bar', encoding: { x: { field: 'discountPct', type: 'quantitative', title: t.discountPct }, y: { field: 'contracts', type: 'quantitative', title: t.contracts } } },
          {
            data: { values: reports.discounts.thresholds },
            mark: { type: 'rule', color: PALETTE.danger, strokeWidth: 2, strokeDash: [4, 3] },
            encoding: { x: { field: 'discountPct', type: 'quantitative' }, tooltip: [{ field: 'stage', title: t.threshold }] },
          },
          {
            data: { values: reports.discounts.thresholds },
            mark: { type: 'text', color: PALETTE.danger, align: 'left', dx: 4, y: 8 },
            encoding: { x: { field: 'discountPct', type: 'quantitative' }, text: { field: 'stage' } },
          },
        ],
      } as TopLevelSpec,
    },
    {
      title: t.cycle,
      report: reports.cycle,
      spec: { ...base(t.cycle, cycle), mark: 'bar', encoding: { x: { field: 'stage', type: 'nominal', title: t.stage, sort: null }, y: { field: 'averageHours', type: 'quantitative', title: t.averageHours } } } as TopLevelSpec,
    },
    {
      title: t.sla,
      report: reports.cycle,
      spec: {
        ...base(t.sla, cycle),
        mark: { type: 'bar', color: PALETTE.danger },
        encoding: { x: { field: 'stage', type: 'nominal', title: t.stage, sort: null }, y: { field: 'breaches', type: 'quantitative', title: t.breaches, axis: { tickMinStep: 1 } } },
      } as TopLevelSpec,
    },
    {
      title: t.satisfaction,
      report: reports.satisfaction,
      spec: {
        ...base(t.satisfaction, reports.satisfaction.rows),
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'month', type: 'ordinal', title: t.month },
          y: { field: 'averageScore', type: 'quantitative', title: t.averageScore, scale: { domain: [1, 5] } },
        },
      } as TopLevelSpec,
    },
  ];
}

/**
 * Renders a Vega-Lite specification to SVG on the server: compiled to Vega, run headless
 * (renderer 'none': no canvas, no DOM), then serialized. `width: container` has no container
 * here, so the width is fixed first; the page's CSS scales the SVG down on a phone.
 */
export async function renderSvg(spec: TopLevelSpec, width = 560): Promise<string> {
  const compiled = compile({ ...spec, width } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
