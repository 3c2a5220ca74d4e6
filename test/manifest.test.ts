/**
 * manifest.xml, checked offline: parsed by office-addin-manifest, validated
 * against the Office manifest XML schemas with xmllint, and linted for what
 * the schemas do not catch.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { root } from '../server/db/providers.ts';

const manifestPath = path.join(root, 'manifest.xml');
const xml = fs.readFileSync(manifestPath, 'utf8');
// The schemas travel with the repository (test/fixtures/office-manifest-xsd/README.md says where from), so a clone anywhere can check.
const xsdDir = path.join(root, 'test', 'fixtures', 'office-manifest-xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const requireXmllint = process.env.CI === 'true' || process.env.REQUIRE_XMLLINT === '1';
if (!hasXmllint && !requireXmllint) console.warn('xmllint not installed (Debian libxml2-utils): schema validation of manifest.xml skipped');

describe('manifest.xml', () => {
  it('parses, and names the task pane the server serves', async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info.displayName).toBe('Quotabook');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultSettings?.sourceLocation).toBe('https://localhost:3000/taskpane.html');
    expect(info.permissions).toBe('ReadWriteDocument');
  });

  it('shows its pane with the id that lets a plan template open it by itself', () => {
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">\s*(<!--[^]*?-->\s*)?<TaskpaneId>Office\.AutoShowTaskpaneWithDocument<\/TaskpaneId>/);
  });

  it.skipIf(!hasXmllint && !requireXmllint)('is valid against the Office add-in manifest schemas', () => {
    expect(fs.existsSync(path.join(xsdDir, 'OfficeAppManifestV1_1.xsd'))).toBe(true);
    const out = execFileSync('xmllint', ['--noout', '--schema', path.join(xsdDir, 'OfficeAppManifestV1_1.xsd'), manifestPath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });

  it('uses only https URLs', () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"|<AppDomain>([^<]+)</g)].map((m) => m[1] ?? m[2]!);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('defines every resource id it uses, each at most 32 characters', () => {
    const used = new Set([...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!));
    const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]!));
    expect([...used].filter((id) => !defined.has(id))).toEqual([]);
    expect([...defined].filter((id) => id.length > 32)).toEqual([]);
    expect([...defined].filter((id) => !used.has(id))).toEqual([]);
  });

  it('requires ExcelApi 1.12 and points at icons and pages that exist in the build', () => {
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.12"\/>/);
    for (const [, file] of xml.matchAll(/https:\/\/localhost:3000\/([\w./-]+\.(?:png|html))/g)) {
      // Pages are Vite inputs (addin/) or static files (addin/public/, e.g. the help page).
      const sources = [path.join(root, 'addin', 'public', file!), path.join(root, 'addin', file!)];
      expect(sources.some((f) => fs.existsSync(f)), file).toBe(true);
    }
  });
});
