/**
 * Charts, conditional formats and requirement sets for the Excel stand-in
 * (excel-standin.ts wires them in). Kept apart so that the stand-in's core
 * stays readable; see excel-standin.md for the Microsoft references.
 *
 * - `worksheet.charts.add(type, sourceRange, seriesBy)` (ExcelApi 1.1) records
 *   the type, the source block and the series Excel would make of it;
 *   `chart.series.add(name)` and `series.setValues(range)` /
 *   `setXAxisValues(range)` (ExcelApi 1.7); `chart.getDataTable()` /
 *   `getDataTableOrNullObject()` (ExcelApi 1.14).
 * - `range.conditionalFormats.add(type)` (ExcelApi 1.6) for DataBar,
 *   CellValue, ColorScale and Custom, recorded with the range and every rule
 *   and format property set on it; other types are refused (unsupported).
 * - Every API above the version the stand-in claims (`excelApi`, default the
 *   manifest's 1.12) fails at sync with ApiNotFound, as an older Excel does;
 *   `requirements.isSetSupported('ExcelApi', v)` answers from the same version.
 */
import type { Block } from '../../addin/src/excel/chunks.ts';

/** What the stand-in core lends this module. */
export interface ChartHost {
  enqueue(payload: unknown, apply: () => void): void;
  /** Queues a load; `fill` runs at sync and returns the response bytes. */
  enqueueLoad(fill: () => number): void;
  error(code: string, message: string): Error;
  /** Throws ApiNotFound (at sync) unless the claimed ExcelApi version is at least `version`. */
  requireApi(version: string, what: string): void;
  /** Values the sheet shows now (computed), for naming series. */
  valueAt(sheet: unknown, row: number, column: number): unknown;
}

export interface SeriesState {
  name: string;
  values: Block | null;
  xValues: Block | null;
}

export interface ChartState {
  name: string;
  sheet: unknown;
  type: string;
  source: Block;
  seriesBy: 'Columns' | 'Rows';
  /** What the caller passed ("Auto" when omitted). */
  seriesByRequested: string;
  series: SeriesState[];
  title: string | null;
  position: { start: string; end: string | null } | null;
  dataTableVisible: boolean;
}

export interface ConditionalFormatState {
  sheet: unknown;
  range: Block;
  type: 'DataBar' | 'CellValue' | 'ColorScale' | 'Custom';
  /** Every property set on it, by path ("cellValue.rule", "dataBar.positiveFormat.fillColor" …). */
  properties: Record<string, unknown>;
}

/** Compares "1.12" and "1.9" as versions. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** Excel.ChartType values the stand-in accepts (the common ones; others are refused as unsupported). */
const CHART_TYPES = new Set([
  'ColumnClustered', 'ColumnStacked', 'ColumnStacked100', 'BarClustered', 'BarStacked', 'BarStacked100',
  'Line', 'LineMarkers', 'LineStacked', 'Pie', 'Doughnut', 'Area', 'AreaStacked', 'XYScatter', 'Waterfall',
]);

type RangeLike = { target: { sheet: unknown; row: number; column: number; rows: number; columns: number } };

const blockOf = (r: RangeLike): Block => ({ row: r.target.row, column: r.target.column, rows: r.target.rows, columns: r.target.columns });

/**
 * The series Excel makes of a source block: by columns, the first row names
 * the series when it holds text above numbers and the first column gives the
 * categories when it holds text; by rows, the same transposed.
 */
function seriesOf(host: ChartHost, sheet: unknown, b: Block, by: 'Columns' | 'Rows'): SeriesState[] {
  const isText = (r: number, c: number) => typeof host.valueAt(sheet, r, c) === 'string' && host.valueAt(sheet, r, c) !== '';
  const firstRowText = Array.from({ length: b.columns }, (_, j) => j).every((j) => j === 0 || isText(b.row, b.column + j));
  const firstColText = Array.from({ length: b.rows }, (_, i) => i).every((i) => i === 0 || isText(b.row + i, b.column));
  const headerRow = b.rows > 1 && firstRowText;
  const categoryCol = b.columns > 1 && firstColText;
  const top = b.row + (headerRow ? 1 : 0);
  const left = b.column + (categoryCol ? 1 : 0);
  const rows = b.row + b.rows - top;
  const columns = b.column + b.columns - left;
  if (by === 'Columns') {
    return Array.from({ length: columns }, (_, j) => ({
      name: headerRow ? String(host.valueAt(sheet, b.row, left + j)) : `Series${j + 1}`,
      values: { row: top, column: left + j, rows, columns: 1 },
      xValues: categoryCol ? { row: top, column: b.column, rows, columns: 1 } : null,
    }));
  }
  return Array.from({ length: rows }, (_, i) => ({
    name: categoryCol ? String(host.valueAt(sheet, top + i, b.column)) : `Series${i + 1}`,
    values: { row: top + i, column: left, rows: 1, columns },
    xValues: headerRow ? { row: b.row, column: left, rows: 1, columns } : null,
  }));
}

export class StandInChartCollection {
  constructor(
    private readonly host: ChartHost,
    private readonly charts: ChartState[],
    private readonly sheet: () => unknown,
  ) {}

  add(type: string, sourceData: RangeLike, seriesBy: string = 'Auto'): StandInChart {
    const state: { chart: ChartState | null } = { chart: null };
    this.host.enqueue({ addChart: type, seriesBy }, () => {
      const sheet = this.sheet();
      if (!sheet) throw this.host.error('InvalidObjectPath', 'The worksheet does not exist (a null object).');
      if (!CHART_TYPES.has(type)) throw this.host.error('StandInUnsupported', `The stand-in does not model chart type ${type}.`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy)) throw this.host.error('InvalidArgument', `"${seriesBy}" is not a ChartSeriesBy.`);
      if (sourceData.target.sheet !== sheet) throw this.host.error('InvalidArgument', 'The source range is on another sheet.');
      // Excel on the web reads "Auto" as columns; the desktop guesses from the shape. The stand-in takes the web's reading.
      const by = seriesBy === 'Rows' ? 'Rows' : 'Columns';
      const source = blockOf(sourceData);
      const chart: ChartState = {
        name: `Chart ${this.charts.length + 1}`,
        sheet,
        type,
        source,
        seriesBy: by,
        seriesByRequested: seriesBy,
        series: seriesOf(this.host, sheet, source, by),
        title: null,
        position: null,
        dataTableVisible: false,
      };
      this.charts.push(chart);
      state.chart = chart;
    });
    return new StandInChart(this.host, this.charts, () => state.chart);
  }

  getItem(name: string): StandInChart {
    return new StandInChart(this.host, this.charts, () => {
      const c = this.charts.find((x) => x.sheet === this.sheet() && x.name === name);
      if (!c) throw this.host.error('ItemNotFound', `The chart ${name} does not exist.`);
      return c;
    });
  }

  /** ExcelApi 1.4. */
  getItemOrNullObject(name: string): StandInChart {
    return new StandInChart(this.host, this.charts, () => this.charts.find((x) => x.sheet === this.sheet() && x.name === name) ?? null);
  }

  private loadedItems: StandInChart[] | null = null;

  /** `load('items/name')` (ExcelApi 1.1): the sheet's charts, each with its name. */
  load(_props?: string | string[]) {
    this.host.enqueueLoad(() => {
      const sheet = this.sheet();
      if (!sheet) throw this.host.error('InvalidObjectPath', 'The worksheet does not exist (a null object).');
      this.loadedItems = this.charts
        .filter((c) => c.sheet === sheet)
        .map((c) => {
          const chart = new StandInChart(this.host, this.charts, () => (this.charts.includes(c) ? c : null));
          chart.preload({ name: c.name, isNullObject: false });
          return chart;
        });
      return 32 + 48 * this.loadedItems.length;
    });
    return this;
  }

  get items(): StandInChart[] {
    if (!this.loadedItems) throw this.host.error('PropertyNotLoaded', "The property 'items' is not available. Call load and sync first.");
    return this.loadedItems;
  }
}

/** Chart types that take no data table: Chart.getDataTableOrNullObject gives a null object, getDataTable fails. */
const NO_DATA_TABLE = new Set(['Pie', 'Doughnut', 'XYScatter', 'Waterfall']);

export class StandInChart {
  constructor(
    private readonly host: ChartHost,
    private readonly charts: ChartState[],
    private readonly resolve: () => ChartState | null,
  ) {}

  /** Marks properties as loaded (a collection's load fills its items). */
  preload(values: Record<string, unknown>) {
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
  }

  private get state(): ChartState {
    const c = this.resolve();
    if (!c) throw this.host.error('InvalidObjectPath', 'The chart does not exist.');
    return c;
  }

  private loaded = new Map<string, unknown>();

  load(props?: string | string[]) {
    const names = props === undefined ? ['name', 'isNullObject'] : (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim());
    this.host.enqueueLoad(() => {
      const c = this.resolve();
      for (const n of names) this.loaded.set(n, n === 'isNullObject' ? !c : n === 'name' ? c?.name : undefined);
      return 32;
    });
    return this;
  }

  private read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw this.host.error('PropertyNotLoaded', `The property '${prop}' is not available. Call load and sync first.`);
    return this.loaded.get(prop) as T;
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get name(): string {
    return this.read('name');
  }

  set name(value: string) {
    this.host.enqueue({ chartName: value }, () => (this.state.name = value));
  }

  get title() {
    const host = this.host;
    const chart = this;
    return {
      set text(value: string) {
        host.enqueue({ chartTitle: value }, () => (chart.state.title = value));
      },
    };
  }

  setPosition(startCell: string, endCell?: string) {
    this.host.enqueue({ setPosition: [startCell, endCell ?? null] }, () => (this.state.position = { start: startCell, end: endCell ?? null }));
  }

  get series() {
    return new StandInChartSeriesCollection(this.host, () => this.state);
  }

  /** ExcelApi 1.14: a null object for a chart type without a data table (a pie), to be learned in a sync before use. */
  getDataTableOrNullObject() {
    this.host.requireApi('1.14', 'Chart.getDataTableOrNullObject');
    return this.dataTable(true);
  }

  /** ExcelApi 1.14: fails for a chart type without a data table. */
  getDataTable() {
    this.host.requireApi('1.14', 'Chart.getDataTable');
    return this.dataTable(false);
  }

  private dataTable(orNull: boolean) {
    const host = this.host;
    const chart = this;
    const exists = () => !NO_DATA_TABLE.has(chart.state.type);
    let known: boolean | null = null; // isNullObject, once a sync said
    return {
      load(_props?: string | string[]) {
        host.enqueueLoad(() => {
          known = !exists();
          return 16;
        });
        return this;
      },
      get isNullObject(): boolean {
        if (known === null) throw host.error('PropertyNotLoaded', "The property 'isNullObject' is not available. Call load and sync first.");
        return known;
      },
      set visible(value: boolean) {
        const learned = known !== null;
        host.enqueue({ dataTableVisible: value }, () => {
          if (!exists()) {
            if (!orNull) throw host.error('InvalidOperation', `A ${chart.state.type} chart has no data table.`);
            if (!learned) throw host.error('InvalidOperation', 'ChartDataTable.visible was set on a null object (from getDataTableOrNullObject) before its isNullObject was synced.');
            throw host.error('InvalidObjectPath', 'The chart has no data table (a null object).');
          }
          chart.state.dataTableVisible = value;
        });
      },
    };
  }

  delete() {
    this.host.enqueue('deleteChart', () => {
      const c = this.state;
      this.charts.splice(this.charts.indexOf(c), 1);
    });
  }
}

export class StandInChartSeriesCollection {
  constructor(
    private readonly host: ChartHost,
    private readonly chart: () => ChartState,
  ) {}

  /** ExcelApi 1.7: a series that shows nothing until its values are set. */
  add(name?: string, index?: number) {
    this.host.requireApi('1.7', 'ChartSeriesCollection.add');
    const holder: { series: SeriesState | null } = { series: null };
    this.host.enqueue({ addSeries: name ?? null, index: index ?? null }, () => {
      const s: SeriesState = { name: name ?? `Series${this.chart().series.length + 1}`, values: null, xValues: null };
      const list = this.chart().series;
      list.splice(index ?? list.length, 0, s);
      holder.series = s;
    });
    return new StandInChartSeries(this.host, () => holder.series);
  }

  getItemAt(index: number) {
    return new StandInChartSeries(this.host, () => {
      const s = this.chart().series[index];
      if (!s) throw this.host.error('ItemNotFound', `The chart has no series ${index}.`);
      return s;
    });
  }
}

export class StandInChartSeries {
  constructor(
    private readonly host: ChartHost,
    private readonly resolve: () => SeriesState | null,
  ) {}

  private get state(): SeriesState {
    const s = this.resolve();
    if (!s) throw this.host.error('InvalidObjectPath', 'The series does not exist.');
    return s;
  }

  set name(value: string) {
    this.host.enqueue({ seriesName: value }, () => (this.state.name = value));
  }

  /** ExcelApi 1.7. */
  setValues(sourceData: RangeLike) {
    this.host.requireApi('1.7', 'ChartSeries.setValues');
    this.host.enqueue({ setValues: true }, () => (this.state.values = blockOf(sourceData)));
  }

  /** ExcelApi 1.7. */
  setXAxisValues(sourceData: RangeLike) {
    this.host.requireApi('1.7', 'ChartSeries.setXAxisValues');
    this.host.enqueue({ setXAxisValues: true }, () => (this.state.xValues = blockOf(sourceData)));
  }
}

/** The properties each type may be given (first path segment after the type's own object). */
const CF_TYPES: Record<string, { key: string; props: string[] }> = {
  DataBar: { key: 'dataBar', props: ['axisColor', 'axisFormat', 'barDirection', 'lowerBoundRule', 'upperBoundRule', 'showDataBarOnly', 'positiveFormat', 'negativeFormat'] },
  CellValue: { key: 'cellValue', props: ['rule', 'format'] },
  ColorScale: { key: 'colorScale', props: ['criteria'] },
  Custom: { key: 'custom', props: ['rule', 'format'] },
};

/**
 * An object that records every property set on it (at sync) under its path;
 * reading a branch gives a deeper recorder. Only the listed first-level
 * properties exist: anything else is refused when set, so a typo fails.
 */
function recorder(host: ChartHost, record: (path: string, value: unknown) => void, allowed: string[], path: string[] = []): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    get(_t, prop) {
      if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
      if (path.length === 0 && !allowed.includes(prop)) throw host.error('StandInUnsupported', `The stand-in does not model "${prop}" here.`);
      return recorder(host, record, allowed, [...path, prop]);
    },
    set(_t, prop, value) {
      if (typeof prop !== 'string') return false;
      if (path.length === 0 && !allowed.includes(prop)) throw host.error('StandInUnsupported', `The stand-in does not model "${prop}" here.`);
      const p = [...path, prop].join('.');
      host.enqueue({ [p]: value }, () => record(p, value));
      return true;
    },
  });
}

/** `range.conditionalFormats`: ExcelApi 1.6. */
export function conditionalFormatsOf(
  host: ChartHost,
  list: ConditionalFormatState[],
  range: RangeLike,
  /** Called for a CellValue format as it is applied, so the core can mark its cells. */
  onCellValue: (applied: { rule: unknown; fill?: string }) => void,
  onClear: () => void,
  /** Refuses the change where Excel would (a locked cell of a protected sheet). */
  check: () => void = () => undefined,
) {
  return {
    add(type: string) {
      const spec = CF_TYPES[type];
      if (!spec) throw host.error('StandInUnsupported', `The stand-in models DataBar, CellValue, ColorScale and Custom conditional formats only (got ${type}).`);
      const state: ConditionalFormatState = { sheet: null, range: { row: 0, column: 0, rows: 0, columns: 0 }, type: type as ConditionalFormatState['type'], properties: {} };
      const applied: { rule: unknown; fill?: string } = { rule: null };
      host.enqueue({ conditionalFormat: type }, () => {
        check();
        state.sheet = range.target.sheet;
        state.range = blockOf(range);
        list.push(state);
        if (type === 'CellValue') onCellValue(applied);
      });
      const record = (path: string, value: unknown) => {
        state.properties[path] = value;
        if (path === 'rule') applied.rule = value;
        if (path === 'format.fill.color') applied.fill = value as string;
      };
      return {
        [spec.key]: recorder(host, record, spec.props),
        get type() {
          return type;
        },
        delete() {
          host.enqueue('deleteConditionalFormat', () => list.splice(list.indexOf(state), 1));
        },
      } as Record<string, unknown> & { delete(): void };
    },
    clearAll() {
      host.enqueue('clearConditionalFormats', () => {
        check();
        const b = blockOf(range);
        // Formats that touch the range go (Excel trims a format that reaches beyond it; the stand-in drops it whole).
        for (let i = list.length - 1; i >= 0; i--) {
          const f = list[i]!;
          const r = f.range;
          if (f.sheet === range.target.sheet && r.row < b.row + b.rows && b.row < r.row + r.rows && r.column < b.column + b.columns && b.column < r.column + r.columns) list.splice(i, 1);
        }
        onClear();
      });
    },
  };
}
