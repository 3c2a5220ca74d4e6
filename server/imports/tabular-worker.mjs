// Parses one uploaded .xlsx or .csv off the main thread (see tabular-file.ts),
// within the limits it is given. Plain JavaScript so that it runs in a worker
// thread without a TypeScript loader. Posts { grid } or { refusal }.
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';

const { kind, bytes, preferSheet, limits } = workerData;

class Refusal extends Error {
  constructor(message, extra = {}) {
    super(message);
    this.extra = extra;
  }
}

const overLimit = (limit, max, message) => new Refusal(message, { reason: 'FILE_LIMIT', limit, max });

function checkGrid(sheet, rows) {
  if (rows.length > limits.rows) throw overLimit('rows', limits.rows, `${sheet} has ${rows.length} rows; at most ${limits.rows} are accepted per file`);
  let cells = 0;
  rows.forEach((row, r) => {
    cells += row.length;
    if (cells > limits.cells) throw overLimit('cells', limits.cells, `${sheet} has more than ${limits.cells} cells; split the file`);
    row.forEach((v, c) => {
      if (typeof v === 'string' && v.length > limits.stringLength) {
        throw overLimit('stringLength', limits.stringLength, `${sheet}!${columnLetter(c)}${r + 1} holds ${v.length} characters; a cell may hold at most ${limits.stringLength}`);
      }
    });
  });
}

function columnLetter(i) {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function readXlsx() {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes);
  } catch {
    throw new Refusal('The file is not an Excel workbook (.xlsx) that can be read');
  }
  const re = new RegExp(preferSheet.source, preferSheet.flags);
  const ws = wb.worksheets.find((w) => re.test(w.name)) ?? wb.worksheets[0];
  if (!ws) throw new Refusal('The workbook has no sheets');
  // Before building the grid: the sheet's extent bounds the rows and cells.
  if (ws.rowCount > limits.rows) throw overLimit('rows', limits.rows, `${ws.name} has ${ws.rowCount} rows; at most ${limits.rows} are accepted per file`);
  if (ws.rowCount * ws.columnCount > limits.cells * 4) throw overLimit('cells', limits.cells, `${ws.name} spans more than ${limits.cells} cells; split the file`);
  const rows = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = row.values.slice(1).map((v) => {
      if (v && typeof v === 'object' && 'result' in v) return v.result; // a formula: its value
      if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
      if (v && typeof v === 'object' && 'text' in v) return v.text;
      return v;
    });
  });
  const grid = { sheet: ws.name, rows: Array.from(rows, (r) => r ?? []) };
  checkGrid(grid.sheet, grid.rows);
  return grid;
}

/**
 * The text of a CSV or tab-separated file as Chinese offices save it: a BOM
 * decides (UTF-8, or UTF-16 as Excel's "Unicode text" writes it); else UTF-8
 * if the bytes are valid UTF-8; else GB18030, which covers GBK/GB2312 (what
 * Excel in zh-CN writes for "CSV (逗号分隔)"). BOM-less UTF-16 is recognised
 * by its zero bytes.
 */
function decodeText(b) {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  const head = b.subarray(0, 1024);
  let evenZeros = 0;
  let oddZeros = 0;
  head.forEach((x, i) => x === 0 && (i % 2 ? oddZeros++ : evenZeros++));
  if (oddZeros > head.length / 4) return new TextDecoder('utf-16le').decode(b);
  if (evenZeros > head.length / 4) return new TextDecoder('utf-16be').decode(b);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('gb18030').decode(b);
  }
}

/** Tab-separated when the header line has tabs and no commas (Excel's "Unicode text", "Text (tab delimited)"). */
const delimiterOf = (text) => {
  const first = text.slice(0, text.search(/\r?\n|$/));
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
};

function readCsv() {
  const text = decodeText(bytes);
  let rows;
  try {
    rows = parseCsv(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      // A record longer than this many characters cannot be within the string limit per cell times a sane width.
      max_record_size: limits.stringLength * 16,
      on_record: (record, { records }) => {
        if (records > limits.rows) throw overLimit('rows', limits.rows, `CSV has more than ${limits.rows} rows; at most ${limits.rows} are accepted per file`);
        return record;
      },
    });
  } catch (e) {
    if (e instanceof Refusal) throw e;
    if (e && e.code === 'CSV_MAX_RECORD_SIZE') throw overLimit('stringLength', limits.stringLength, `A CSV line is longer than ${limits.stringLength * 16} characters; a cell may hold at most ${limits.stringLength}`);
    throw new Refusal(`The CSV file cannot be read: ${e.message}`);
  }
  checkGrid('CSV', rows);
  return { sheet: 'CSV', rows };
}

try {
  const grid = kind === 'xlsx' ? await readXlsx() : readCsv();
  parentPort.postMessage({ grid });
} catch (e) {
  if (e instanceof Refusal) parentPort.postMessage({ refusal: { message: e.message, ...e.extra } });
  else parentPort.postMessage({ failure: true });
}
