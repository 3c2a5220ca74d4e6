/** The pane is rebuilt only when what it is built from changes (issue 12 §6). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourcesKey } from '../scripts/build-addin.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-build-key-'));
const write = (f: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
  fs.writeFileSync(path.join(dir, f), text);
};
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the task pane build key', () => {
  write('addin/src/i18n.ts', 'export const a = 1;');
  write('schema/money.ts', 'export const b = 2;');
  write('package-lock.json', '{}');
  write('server/main.ts', 'server');

  it('is the same for the same sources, and ignores tests and the server', () => {
    const key = sourcesKey(dir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(sourcesKey(dir)).toBe(key);
    write('addin/src/i18n.test.ts', 'test');
    write('schema/money.test.ts', 'test');
    write('server/main.ts', 'server changed');
    expect(sourcesKey(dir)).toBe(key);
  });

  it('changes with a pane file, a shared rule, a new file or the lockfile', () => {
    let key = sourcesKey(dir);
    for (const [f, text] of [
      ['addin/src/i18n.ts', 'export const a = 2;'],
      ['schema/money.ts', 'export const b = 3;'],
      ['addin/src/new.ts', 'new'],
      ['package-lock.json', '{"v":2}'],
    ] as const) {
      write(f, text);
      const next = sourcesKey(dir);
      expect(next, f).not.toBe(key);
      key = next;
    }
    // A file moved keeps its bytes but changes the key (paths are part of it).
    fs.renameSync(path.join(dir, 'addin/src/new.ts'), path.join(dir, 'addin/src/moved.ts'));
    expect(sourcesKey(dir)).not.toBe(key);
  });
});
