/**
 * Base and stretch targets have one name each in Chinese, domain.md's
 * (§3): 基础指标 and 奋斗指标, on every sheet and screen that names them
 * (the Performance sheet, the classes and bands sheet, the rep's plan
 * template, the targets screen), never 基本目标 / 奋斗目标 / 基础目标.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { words } from '../i18n.ts';

const zh = words['zh-CN'];

/** Every string of a catalogue with its path, but the earlier words kept only to read old sheets back. */
function strings(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === 'string') return [[path.join('.'), value]];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === 'againstFormerly' ? [] : strings(v, [...path, k])));
}

describe('the names of the target levels in zh-CN', () => {
  it('are 基础指标 and 奋斗指标 wherever a sheet or screen names them', () => {
    const levels = zh.targets.levels;
    expect(levels).toEqual({ BASE: '基础指标', STRETCH: '奋斗指标' });
    expect(zh.results.classRules.against).toEqual(levels);
    expect([zh.repPlans.template.labels.target, zh.repPlans.template.labels.stretchTarget]).toEqual([levels.BASE, levels.STRETCH]);
    expect([zh.results.columns.base, zh.results.columns.stretch]).toEqual([levels.BASE, levels.STRETCH]);
  });

  it('are never said otherwise anywhere in the catalogue', () => {
    expect(strings(zh).filter(([, text]) => /基本目标|奋斗目标|基础目标/.test(text))).toEqual([]);
  });

  it('are never said otherwise in the catalogues’ sources either (sentences built by functions, modules outside the words)', () => {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const files = [path.join(dir, '..', 'i18n.ts'), ...fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(dir, f))];
    const found = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => `${path.basename(f)}:${i + 1}: ${line.trim()}`)).filter((line) => /基本目标|奋斗目标|基础目标/.test(line) && !line.includes('againstFormerly'));
    expect(found).toEqual([]);
  });
});
