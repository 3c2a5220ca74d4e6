/**
 * The pane's language: the user's last choice (kept in localStorage, under
 * Office's partition key like the session), else Office's display language.
 * The document's `lang` follows it, so screen readers and fonts do too.
 */
import { defaultLocale, type Locale } from '../i18n.ts';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

function storageKey(): string {
  const partition = typeof Office !== 'undefined' ? (Office.context?.partitionKey ?? '') : '';
  return `${partition}quotabook.locale`;
}

/** The remembered choice, if any (storage can be unavailable or hold junk). */
export function rememberedLocale(storage: Pick<Storage, 'getItem'> = localStorage): Locale | null {
  try {
    const value = storage.getItem(storageKey());
    return LOCALES.includes(value as Locale) ? (value as Locale) : null;
  } catch {
    return null;
  }
}

export function rememberLocale(locale: Locale, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(storageKey(), locale);
  } catch {
    // Private mode or storage full: the choice lasts this session only.
  }
}

/** What the pane starts in. */
export const startingLocale = (displayLanguage: string | undefined, storage: Pick<Storage, 'getItem'> = localStorage): Locale =>
  rememberedLocale(storage) ?? defaultLocale(displayLanguage);

/** Sets `<html lang>`. */
export function applyDocumentLanguage(locale: Locale, doc: Pick<Document, 'documentElement'> = document): void {
  doc.documentElement.lang = locale;
}
