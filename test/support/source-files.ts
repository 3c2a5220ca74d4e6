/** The project's own source files under a folder (tests, generated code and node_modules aside), for tests that scan the code. */
import fs from 'node:fs';
import path from 'node:path';

export function sourceFiles(dir: string, extensions: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'generated' && e.name !== 'node_modules') out.push(...sourceFiles(p, extensions));
    } else if (extensions.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}
