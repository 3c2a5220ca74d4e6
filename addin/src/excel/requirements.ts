/**
 * Which Excel JavaScript API requirement sets the host supports. The
 * manifest asks for ExcelApi 1.12, so everything up to 1.12 may be used
 * freely; any API above it must be behind `supportsExcelApi` with a fallback
 * (for example Table.resize needs 1.13, Chart.getDataTable 1.14). What the
 * adapter uses today, with each API's set, is listed in
 * test/support/excel-standin.md.
 */
export const MANIFEST_EXCEL_API = '1.12';

/** The part of Office.context.requirements the adapter asks. */
export interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** Office.context.requirements when running in Office; null outside it. */
export function officeRequirements(): Requirements | null {
  return typeof Office !== 'undefined' ? ((Office.context?.requirements as Requirements | undefined) ?? null) : null;
}

/** Whether the host supports ExcelApi `version`; false when nobody can tell (the fallback is the safe path). */
export function supportsExcelApi(version: string, requirements: Requirements | null = officeRequirements()): boolean {
  return requirements?.isSetSupported('ExcelApi', version) ?? false;
}
