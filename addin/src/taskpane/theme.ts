/**
 * The pane's Fluent theme follows Office's: dark when Office's body
 * background is dark. Excel offers no theme-changed event (Office's
 * OfficeThemeChanged is Outlook's), so the theme is read when the pane starts.
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** The part of Office.context.officeTheme the pane reads. */
export interface OfficeThemeColours {
  bodyBackgroundColor?: string;
  /** Newer hosts say so outright. */
  isDarkTheme?: boolean;
}

/** Relative luminance (WCAG) of a #rgb or #rrggbb colour; null if it is not one. */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(digits.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * Dark when the host says so, or when white text would read better than black
 * on the body background (luminance below 0.179); light when unknown.
 */
export function isDarkOfficeTheme(theme: OfficeThemeColours | null | undefined): boolean {
  if (typeof theme?.isDarkTheme === 'boolean') return theme.isDarkTheme;
  const l = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return l !== null && l < 0.179;
}

export const fluentThemeFor = (theme: OfficeThemeColours | null | undefined): Theme => (isDarkOfficeTheme(theme) ? webDarkTheme : webLightTheme);

/** Office's theme when the pane runs in Office (officeTheme is absent elsewhere, and throws in some hosts). */
export function currentOfficeTheme(): OfficeThemeColours | null {
  try {
    return typeof Office !== 'undefined' ? ((Office.context?.officeTheme as OfficeThemeColours | undefined) ?? null) : null;
  } catch {
    return null;
  }
}
