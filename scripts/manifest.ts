/**
 * npm run manifest -- --url https://quotabook.example.com [--out path]:
 * writes manifest.xml for a server at another address (default out:
 * dist/manifest.xml). The running server also serves its own at /manifest.xml.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderManifest } from '../server/http/manifest.ts';
import { root } from '../server/db/providers.ts';

const { values } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string' } } });
if (!values.url) {
  console.error('usage: npm run manifest -- --url https://quotabook.example.com [--out dist/manifest.xml]');
  process.exit(2);
}
try {
  const xml = renderManifest(values.url);
  const out = path.resolve(values.out ?? path.join(root, 'dist', 'manifest.xml'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, xml);
  console.log(`wrote ${path.relative(process.cwd(), out)} for ${values.url}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
