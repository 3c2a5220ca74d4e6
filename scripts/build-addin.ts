/**
 * Builds the task pane (vite) unless nothing it is built from changed since
 * the last build (issue 12 §6: `npm start` does not rebuild an unchanged
 * pane). The key is a SHA-256 over the pane's sources (addin/), the shared
 * rules it bundles (schema/), the lockfile and this script, tests excluded;
 * it is written beside the build only after a build succeeds, so a failed or
 * interrupted build is never taken for a good one. `--force` always builds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeKey } from './sources-key.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'addin');
const stamp = path.join(outDir, '.sources-sha256');

/** The key of what the pane is built from: its sources, the shared rules it bundles, the lockfile, and this script. */
export const sourcesKey = (base = root): string => treeKey(base, ['addin', 'schema'], fileURLToPath(import.meta.url));

async function main() {
  const key = sourcesKey();
  const built = fs.existsSync(path.join(outDir, 'taskpane.html')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === key;
  if (built && !process.argv.includes('--force')) {
    console.log('task pane: unchanged since the last build, not rebuilt (npm run build:addin -- --force to rebuild)');
    return;
  }
  // Vite is loaded only when there is something to build: an unchanged pane costs the hash alone.
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'addin', 'vite.config.ts') });
  fs.writeFileSync(stamp, key + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
