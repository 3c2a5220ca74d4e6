/**
 * The words of the results workbook the server sends as .xlsx (for people
 * without the add-in), in zh-CN and English: the same catalogue as the pane.
 */
export const en = {
  sheet: 'Results',
  title: 'Results · {metric} · {range}',
  headers: ['Code', 'Name', 'Period', 'Base target', 'Stretch target', 'Actual', 'Achievement (base)', 'Achievement (stretch)', 'Gap to base', 'Gap to stretch', 'Class'],
  metrics: { SALES_AMOUNT: 'Sales amount', UNITS: 'Units sold', NEW_CUSTOMERS: 'New customers', COLLECTIONS: 'Collections', GROSS_MARGIN: 'Gross margin' },
  classes: { MET_STRETCH: 'Met stretch', MET_BASE: 'Met base', ABOUT_90: 'About 90 %', BELOW_90: 'Below 90 %', BELOW_80: 'Below 80 %', A: 'A', B: 'B', C: 'C' } as Record<string, string>,
};

export const zh: typeof en = {
  sheet: '业绩',
  title: '业绩 · {metric} · {range}',
  headers: ['编码', '名称', '期间', '基础目标', '奋斗目标', '实际', '达成率（基础）', '达成率（奋斗）', '距基础目标', '距奋斗目标', '等级'],
  metrics: { SALES_AMOUNT: '销售额', UNITS: '销量', NEW_CUSTOMERS: '新客户', COLLECTIONS: '回款', GROSS_MARGIN: '毛利' },
  classes: { MET_STRETCH: '完成奋斗目标', MET_BASE: '完成基础目标', ABOUT_90: '接近 90%', BELOW_90: '低于 90%', BELOW_80: '低于 80%', A: 'A', B: 'B', C: 'C' },
};
