/**
 * The add-in manifest for wherever the server runs. manifest.xml in the
 * repository names https://localhost:3000 (the default); the server serves
 * it with that address replaced by its public URL, and `npm run manifest --
 * --url …` writes one for another host. Office requires https addresses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../db/providers.ts';

export const MANIFEST_BASE = 'https://localhost:3000';
export const manifestPath = path.join(root, 'manifest.xml');

/** A public URL as the manifest needs it: https, no trailing slash, no query or fragment. */
export function checkPublicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_URL "${text}" is not a URL (e.g. https://quotabook.example.com)`);
  }
  if (url.protocol !== 'https:') throw new Error(`PUBLIC_URL "${text}" must use https: Office loads add-ins only over https`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`PUBLIC_URL "${text}" must be an address without a query, fragment or credentials`);
  return url.toString().replace(/\/$/, '');
}

/** The manifest with every address of the default host replaced by the public URL. */
export function renderManifest(publicUrl: string, template = fs.readFileSync(manifestPath, 'utf8')): string {
  const base = checkPublicUrl(publicUrl);
  const origin = new URL(base).origin;
  return template
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${escapeXml(origin)}</AppDomain>`)
    .replaceAll(MANIFEST_BASE, escapeXml(base));
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
