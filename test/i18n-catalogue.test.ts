/**
 * Issue 8 §1: every reason the server can emit (schema/reasons.ts) has a
 * message in the pane's catalogue in both languages, naming exactly the
 * params the registry declares; and every reason the server's source emits is
 * in the registry, so nothing bypasses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASONS, isReason, type Reason } from '../schema/reasons.ts';
import { en, zh, values } from '../addin/src/i18n/reasons.ts';
import { words } from '../addin/src/i18n.ts';
import { HELPER_REASONS } from '../server/errors.ts';
import { KNOWN_PROBLEM_REASONS } from './support/reason-sources.ts';
import { sourceFiles } from './support/source-files.ts';

const root = path.resolve(import.meta.dirname, '..');
/** The params a template names: as {name}, or as the count of a plural {name|one|other}. */
const namesIn = (template: string) => new Set([...template.matchAll(/\{(\w+)(?:\|[^{}]*)?\}/g)].map((m) => m[1]!));
const codes = Object.keys(REASONS) as Reason[];

describe('the reason catalogue', () => {
  it('has every reason in both languages, each naming exactly the params the registry declares', () => {
    const problems: string[] = [];
    for (const [lang, catalogue] of [['en', en], ['zh', zh]] as const) {
      for (const code of codes) {
        const template = (catalogue as Record<string, string | undefined>)[code];
        if (!template?.trim()) {
          problems.push(`${lang}: ${code} has no message`);
          continue;
        }
        const used = namesIn(template);
        const declared = new Set<string>(REASONS[code]);
        for (const p of used) if (!declared.has(p)) problems.push(`${lang}: ${code} names {${p}}, which the registry does not declare`);
        for (const p of declared) if (!used.has(p)) problems.push(`${lang}: ${code} does not say the declared param {${p}}`);
      }
      for (const code of Object.keys(catalogue)) if (!isReason(code)) problems.push(`${lang}: ${code} is not in the registry`);
    }
    expect(problems).toEqual([]);
  });

  it('is what the pane’s words carry, in each language', () => {
    expect(words.en.reasons).toBe(en);
    expect(words['zh-CN'].reasons).toBe(zh);
  });

  it('says the zh-CN messages in Chinese, not English', () => {
    const english = codes.filter((c) => !/[\u4e00-\u9fff]/.test(zh[c]));
    expect(english).toEqual([]);
    expect(Object.keys(values.zh).sort()).toEqual(Object.keys(values.en).sort());
    for (const table of Object.keys(values.en)) expect(Object.keys(values.zh[table]!).sort()).toEqual(Object.keys(values.en[table]!).sort());
  });

  it('keeps the reason codes clients already rely on', () => {
    for (const code of ['OWN_PAY', 'OWN_ATTENDANCE', 'OWN_LEAVE', 'OWN_ROLES', 'OWN_USER', 'PERSON_LEFT', 'FIELD_NOT_WRITABLE', 'PAID_IN_OTHER_RUN', 'CALENDAR_YEAR_MISSING',
      'FILE_LIMIT', 'MONEY_OUT_OF_RANGE', 'MONEY_FORMAT', 'SIGN_IN_DELAYED', 'SIGN_IN_RATE_LIMITED', 'CSRF', 'COST_LIMIT', 'VARIABLE_TYPE', 'UNSUPPORTED_MEDIA_TYPE',
      'INTROSPECTION_REQUIRES_SIGN_IN', 'MAX_DEPTH', 'MAX_ALIASES', 'MAX_DIRECTIVES', 'MAX_TOKENS', 'AFTER_LEAVING', 'CALCULATION_FAILED', ...KNOWN_PROBLEM_REASONS])
      expect(isReason(code), code).toBe(true);
  });
});

/** Every .ts/.mjs file under a folder, but generated code. */
const sources = (dir: string) => sourceFiles(dir, /\.(ts|mjs)$/);

describe('the reasons the server emits', () => {
  /** The reason literals a file emits: `reason: 'X'`, `'X' satisfies Reason`, and the reason argument of badInput and forbidden. */
  const emitted = (text: string) => {
    const found = new Set<string>();
    for (const m of text.matchAll(/\breason\s*:\s*'([A-Z][A-Z0-9_]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/'([A-Z][A-Z0-9_]+)'\s+satisfies\s+Reason\b/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\bforbidden\(\s*'([A-Z][A-Z0-9_]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/\bbadInput\((?:[^;]|\n)*?,\s*'([A-Z][A-Z0-9_]+)'\s*[,)]/g)) found.add(m[1]!);
    return found;
  };

  it('are all in the registry (nothing bypasses the Reason type)', () => {
    const stray: string[] = [];
    let count = 0;
    for (const file of [...sources(path.join(root, 'server')), path.join(root, 'schema', 'working-calendar.ts')]) {
      for (const code of emitted(fs.readFileSync(file, 'utf8'))) {
        count += 1;
        if (!isReason(code)) stray.push(`${path.relative(root, file)}: ${code}`);
      }
    }
    for (const code of HELPER_REASONS) if (!isReason(code)) stray.push(`server/errors.ts: ${code}`);
    expect(stray).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });

  it('every clientError and helper call in server/ names a reason', () => {
    const missing: string[] = [];
    for (const file of sources(path.join(root, 'server'))) {
      const text = fs.readFileSync(file, 'utf8');
      // A GraphQLError built by hand must carry a reason in its extensions.
      for (const m of text.matchAll(/new GraphQLError\(/g)) {
        const window = text.slice(m.index!, m.index! + 400);
        if (!/reason|reasonExtensions|extensions: ext\b/.test(window)) missing.push(`${path.relative(root, file)}@${m.index}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
