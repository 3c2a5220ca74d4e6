/**
 * The key a build is skipped by (issue 12 §6: `npm start` rebuilds nothing
 * that did not change): a SHA-256 over the files under some folders (tests,
 * dot-folders and node_modules left out), their paths, the lockfile, and the
 * build script itself, so a change to how it is built rebuilds it too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const TEST_FILE = /\.test\.tsx?$/;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (!TEST_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

export function treeKey(base: string, folders: string[], script: string): string {
  const files = [...folders.flatMap((f) => filesUnder(path.join(base, f))), path.join(base, 'package-lock.json')]
    .filter((f) => fs.existsSync(f))
    .map((f) => path.relative(base, f).split(path.sep).join('/'))
    .sort();
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(script));
  for (const f of files) {
    hash.update(f).update('\0');
    hash.update(fs.readFileSync(path.join(base, f))).update('\0');
  }
  return hash.digest('hex');
}
