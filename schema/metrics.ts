/**
 * What a target measures. Money metrics count in fen; count metrics in whole
 * units. Both are integers, so the same exact arithmetic serves all.
 */
export type Metric = 'SALES_AMOUNT' | 'UNITS' | 'NEW_CUSTOMERS' | 'COLLECTIONS' | 'GROSS_MARGIN';
export type MetricUnit = 'money' | 'count';

export const METRICS: Record<Metric, { unit: MetricUnit }> = {
  SALES_AMOUNT: { unit: 'money' },
  UNITS: { unit: 'count' },
  NEW_CUSTOMERS: { unit: 'count' },
  COLLECTIONS: { unit: 'money' },
  GROSS_MARGIN: { unit: 'money' },
};

export const isMetric = (value: string): value is Metric => Object.prototype.hasOwnProperty.call(METRICS, value);
