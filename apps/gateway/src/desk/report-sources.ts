import { ReadApprovalCycleReport, ReadDiscountReport, ReadSalesReport, ReadSatisfactionReport, REPORT_NAMES, type ReportName, type ReportView, type ReportWindowRequest, type RpcContract } from '#libs/contracts';

/** Which service owns each report's figures. */
export const REPORT_SOURCES: Record<ReportName, RpcContract<ReportWindowRequest, ReportView>> = {
  sales: ReadSalesReport,
  discounts: ReadDiscountReport,
  'approval-cycle': ReadApprovalCycleReport,
  satisfaction: ReadSatisfactionReport,
};

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

/** Who may read the sales analysis: the sales line (each their own reporting line) and ADMIN (everyone). */
export const REPORT_ROLES = ['SALES_SPECIALIST', 'SALES_MANAGER', 'SALES_DIRECTOR', 'ADMIN'] as const;
