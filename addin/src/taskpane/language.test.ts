import { describe, expect, it } from 'vitest';
import { applyDocumentLanguage, rememberLocale, rememberedLocale, startingLocale } from './language.ts';

/** A Map-backed Storage, as localStorage behaves. */
const storage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), keys: () => [...m.keys()] };
};

describe('the pane’s language', () => {
  it('starts in Office’s display language when nothing was chosen', () => {
    expect(startingLocale('zh-CN', storage())).toBe('zh-CN');
    expect(startingLocale('zh-TW', storage())).toBe('zh-CN');
    expect(startingLocale('en-US', storage())).toBe('en');
    expect(startingLocale('de-DE', storage())).toBe('en');
    expect(startingLocale(undefined, storage())).toBe('en');
  });

  it('remembers the user’s choice over Office’s language', () => {
    const s = storage();
    rememberLocale('en', s);
    expect(rememberedLocale(s)).toBe('en');
    expect(startingLocale('zh-CN', s)).toBe('en');
    rememberLocale('zh-CN', s);
    expect(startingLocale('en-US', s)).toBe('zh-CN');
    expect(s.keys()).toEqual(['quotabook.locale']);
  });

  it('ignores what it does not know and storage that fails', () => {
    const s = storage();
    s.setItem('quotabook.locale', 'fr');
    expect(startingLocale('zh-CN', s)).toBe('zh-CN');
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberLocale('en', broken)).not.toThrow();
    expect(startingLocale('en-GB', broken)).toBe('en');
  });

  it('sets <html lang>', () => {
    const doc = { documentElement: { lang: 'zh-CN' } } as unknown as Document;
    applyDocumentLanguage('en', doc);
    expect(doc.documentElement.lang).toBe('en');
  });
});
