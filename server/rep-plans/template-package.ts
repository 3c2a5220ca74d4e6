/**
 * What makes a plan template open the Quotabook task pane by itself (issue
 * 11 §1): Office's "automatically open a task pane with a document". The
 * package gets a web-extension part that references the add-in (its id and
 * version from manifest.xml) with the property
 * Office.AutoShowTaskpaneWithDocument = true, a task-pane part that shows
 * it docked on the right, their relationships and content types ([MS-OWEXML]);
 * the manifest's ShowTaskpane action has the TaskpaneId
 * Office.AutoShowTaskpaneWithDocument. And custom document properties
 * (docProps/custom.xml) that say what the workbook is, which the pane reads
 * (Excel's workbook.properties.custom) to find the plan in it.
 *
 * exceljs writes the workbook; these parts are added to its zip afterwards
 * (jszip, the library exceljs itself packs with).
 */
// jszip is loaded with the first template, not at start.
import type JSZip from 'jszip';

export interface AddinReference {
  id: string;
  version: string;
  /** Where Office finds the add-in: centrally deployed by the organisation's admin (EXCatalog) by default. */
  store: string;
  storeType: string;
}

const WEBEXTENSION_TYPE = 'http://schemas.microsoft.com/office/2011/relationships/webextension';
const TASKPANES_TYPE = 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes';
const CUSTOM_PROPERTIES_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function webExtensionXml(ref: AddinReference): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{7C1F3C38-9B0E-4C5E-8E2A-51A1E0D0B6A1}">
  <we:reference id="${xml(ref.id)}" version="${xml(ref.version)}" store="${xml(ref.store)}" storeType="${xml(ref.storeType)}"/>
  <we:alternateReferences/>
  <we:properties>
    <we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/>
  </we:properties>
  <we:bindings/>
  <we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>
</we:webextension>`;
}

export const TASKPANES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">
  <wetp:taskpane dockstate="right" visibility="1" width="350" row="0">
    <wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>
  </wetp:taskpane>
</wetp:taskpanes>`;

const TASKPANES_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="${WEBEXTENSION_TYPE}" Target="webextension1.xml"/>
</Relationships>`;

/** Custom document properties (all text), as docProps/custom.xml. */
export function customPropertiesXml(properties: Record<string, string>): string {
  const items = Object.entries(properties)
    .map(([name, value], i) => `  <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${xml(name)}"><vt:lpwstr>${xml(value)}</vt:lpwstr></property>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
${items}
</Properties>`;
}

/** Adds the task-pane parts and the custom properties to an .xlsx package. */
export async function addTaskpaneParts(xlsx: Buffer, ref: AddinReference, properties: Record<string, string>): Promise<Buffer> {
  const { default: Zip } = await import('jszip');
  const zip = await Zip.loadAsync(xlsx);
  zip.file('xl/webextensions/webextension1.xml', webExtensionXml(ref));
  zip.file('xl/webextensions/taskpanes.xml', TASKPANES_XML);
  zip.file('xl/webextensions/_rels/taskpanes.xml.rels', TASKPANES_RELS);
  zip.file('docProps/custom.xml', customPropertiesXml(properties));

  const types = await zip.file('[Content_Types].xml')!.async('string');
  const overrides = [
    '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/>',
    '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>',
    ...(types.includes('/docProps/custom.xml') ? [] : ['<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>']),
  ];
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides.join('')}</Types>`));

  const rels = await zip.file('_rels/.rels')!.async('string');
  const ids = [...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  let next = Math.max(0, ...ids) + 1;
  const added = [`<Relationship Id="rId${next++}" Type="${TASKPANES_TYPE}" Target="xl/webextensions/taskpanes.xml"/>`];
  if (!rels.includes(CUSTOM_PROPERTIES_TYPE)) added.push(`<Relationship Id="rId${next++}" Type="${CUSTOM_PROPERTIES_TYPE}" Target="docProps/custom.xml"/>`);
  zip.file('_rels/.rels', rels.replace('</Relationships>', `${added.join('')}</Relationships>`));

  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
