/** /desk/analysis: the sales analysis as charts (SVG rendered on the server) beside links to the same figures as CSV and JSON. */
import type { ReportView } from '#libs/contracts';
import { escapeHtml, htmlPage, type PageLocale } from '../http/page-layout.js';
import { analysisCharts, renderSvg } from './charts.js';
import { deskNav } from './desk-page.js';

const TEXT = {
  'zh-CN': { title: '销售分析', from: '起始日期', to: '截止日期', show: '显示', window: '{from} 至 {to}（{zone}）', data: '数据', empty: '此期间没有数据。' },
  en: { title: 'Sales analysis', from: 'From', to: 'To', show: 'Show', window: '{from} to {to} ({zone})', data: 'Data', empty: 'No data in this window.' },
} as const;

export interface AnalysisReports {
  sales: ReportView;
  discounts: ReportView;
  cycle: ReportView;
  satisfaction: ReportView;
}

export async function analysisPage(reports: AnalysisReports, locale: PageLocale): Promise<string> {
  const t = TEXT[locale];
  const { from, to, timezone } = reports.sales;
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const links = (name: string) =>
    `<p class="muted">${escapeHtml(t.data)}: <a href="${escapeHtml(`/reports/${name}?format=csv&${query}`)}">CSV</a> · <a href="${escapeHtml(`/reports/${name}?format=json&${query}`)}">JSON</a></p>`;
  const charts = await Promise.all(
    analysisCharts(reports, locale).map(async (chart, i) => {
      const { report } = chart;
      const id = `chart-${i}`;
      const body = report.rows.length === 0 ? `<p>${escapeHtml(t.empty)}</p>` : `<div class="chart">${await renderSvg(chart.spec)}</div>`;
      return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(chart.title)}</h2>${body}${links(report.name)}</section>`;
    }),
  );
  const form = `<form method="get" action="/desk/analysis" class="decide"><label>${escapeHtml(t.from)} <input type="date" name="from" value="${escapeHtml(from)}"></label>
<label>${escapeHtml(t.to)} <input type="date" name="to" value="${escapeHtml(to)}"></label><button type="submit">${escapeHtml(t.show)}</button></form>
<p class="muted">${escapeHtml(t.window.replace('{from}', from).replace('{to}', to).replace('{zone}', timezone))}</p>`;
  return htmlPage(locale, t.title, form + charts.join('\n'), { nav: deskNav(locale, 'analysis') });
}
