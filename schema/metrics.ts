/**
 * What a target measures. Money metrics count in fen; count metrics in whole
 * units. Both are integers, so the same exact arithmetic serves all.
 */
export type Metric = 'SALES_AMOUNT' | 'UNITS' | 'NEW_CUSTOMERS' | 'COLLECTIONS' | 'GROSS_MARGIN';
export type MetricUnit = 'money' | 'count';

export const METRICS: Record<Metric, { unit: MetricUnit; zh: string; en: string }> = {
  SALES_AMOUNT: { unit: 'money', zh: '销售额', en: 'Sales amount' },
  UNITS: { unit: 'count', zh: '销量', en: 'Units sold' },
  NEW_CUSTOMERS: { unit: 'count', zh: '新客户', en: 'New customers' },
  COLLECTIONS: { unit: 'money', zh: '回款', en: 'Collections' },
  GROSS_MARGIN: { unit: 'money', zh: '毛利', en: 'Gross margin' },
};

export const isMetric = (value: string): value is Metric => Object.prototype.hasOwnProperty.call(METRICS, value);
