/** Custom search attributes kyhan registers on the dev server (list views of cycles). */
export const KYHAN_SEARCH_ATTRIBUTES = {
  KyhanPlan: 'Keyword',
  KyhanReportType: 'Keyword',
  KyhanPeriod: 'Keyword',
  KyhanCycleStatus: 'Keyword',
} as const;
