/** Counts in English say "1 person", "2 people", "0 cells"; Chinese has no plural forms and none of the syntax. */
import { describe, expect, it } from 'vitest';
import { format, words } from '../i18n.ts';
import { en as reasonsEn } from './reasons.ts';

/** Every template of a catalogue, by its path. */
function templates(o: unknown, at = ''): [string, string][] {
  if (typeof o === 'string') return [[at, o]];
  if (o && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => templates(v, at ? `${at}.${k}` : k));
  return [];
}

describe('plural forms', () => {
  it('pick the English word by the count, grouped or not', () => {
    expect(format('Wrote {n} {n|person|people}.', { n: 1 })).toBe('Wrote 1 person.');
    expect(format('Wrote {n} {n|person|people}.', { n: 0 })).toBe('Wrote 0 people.');
    expect(format('Wrote {n} {n|person|people}.', { n: '1,234' })).toBe('Wrote 1,234 people.');
    expect(format('{n|one|other}', {})).toBe('{n|one|other}');
  });

  it('say the English messages right for one, zero and many; zh-CN unchanged', () => {
    const en = words.en;
    const zh = words['zh-CN'];
    expect(format(en.wrote, { n: 1, sheet: 'Roster' })).toBe('Wrote 1 person to sheet “Roster”.');
    expect(format(en.wrote, { n: 12, sheet: 'Roster' })).toBe('Wrote 12 people to sheet “Roster”.');
    expect(format(en.results.wrote, { n: 1, sheet: 'Performance' })).toBe('Wrote 1 row to sheet “Performance”.');
    expect(format(en.chores.adjustments.total, { n: 1, amount: '¥5.00' })).toBe('1 entry, total ¥5.00');
    expect(format(en.targets.issues, { n: 1 })).toBe('1 problem: choose one to go to its cell.');
    expect(format(en.targetFlow.savedDraft, { version: 2, n: 0 })).toBe('Saved the draft (version 2) with 0 cells filled; it stays a draft until you submit it.');
    expect(format(en.targetFlow.typedTitle, { n: 1 })).toBe('You typed 1 cell that differs from what the server last gave');
    expect(format(en.workReports.sheetsSaved, { logs: 1, weeklies: 2, monthly: '', month: '2026-03' })).toBe('Saved 1 log, 2 weekly reports of 2026-03 as drafts.');
    expect(format(en.results.classRules.saved, { persons: 1, units: 2 })).toBe('Saved the classes and bands: 1 rule for people, 2 for units.');
    expect(format(reasonsEn.NO_PLAN_APPLIES, { count: '1', names: '王芳', others: '' })).toBe('No compensation plan applies to 1 person: 王芳. Assign a plan first.');
    expect(format(zh.wrote, { n: 1, sheet: '花名册' })).toBe('已将 1 人写入工作表“花名册”。');
  });

  it('appear only in English, each choosing by a count the message also prints', () => {
    const problems: string[] = [];
    for (const [path, t] of templates(words['zh-CN'])) if (/\{\w+\|/.test(t)) problems.push(`zh-CN ${path}: ${t}`);
    for (const [path, t] of templates(words.en)) {
      for (const m of t.matchAll(/\{(\w+)\|([^{}]*)\}/g)) {
        if (m[2]!.split('|').length !== 2) problems.push(`en ${path}: ${m[0]} is not {count|one|other}`);
        if (!t.includes(`{${m[1]}}`)) problems.push(`en ${path}: ${m[0]} chooses by a count it does not print`);
      }
      if (/\w\(s\)/.test(t) && /\{(n|count)\}/.test(t)) problems.push(`en ${path}: “(s)” beside a count: ${t}`);
    }
    expect(problems).toEqual([]);
  });
});
