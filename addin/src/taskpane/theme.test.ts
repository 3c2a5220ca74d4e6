import { describe, expect, it } from 'vitest';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { fluentThemeFor, isDarkOfficeTheme, luminance } from './theme.ts';

describe('the pane follows Office’s theme', () => {
  it('measures colours as WCAG does', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#FFFFFF')).toBe(1);
    expect(luminance('#fff')).toBe(1);
    expect(luminance('808080')).toBeCloseTo(0.2159, 4);
    expect(luminance('#12345')).toBeNull();
    expect(luminance('white')).toBeNull();
  });

  it('is dark on Office’s dark backgrounds and light on its light ones', () => {
    // Office's Black, Dark Gray, Colorful and White themes' body backgrounds.
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#262626' })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#444444' })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#666666' })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#E6E6E6' })).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#FFFFFF' })).toBe(false);
    // Where white text would read better than black: the WCAG crossover.
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#757575' })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#777777' })).toBe(false);
  });

  it('believes the host when it says, and stays light when it knows nothing', () => {
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#FFFFFF', isDarkTheme: true })).toBe(true);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: '#000000', isDarkTheme: false })).toBe(false);
    expect(isDarkOfficeTheme(null)).toBe(false);
    expect(isDarkOfficeTheme({})).toBe(false);
    expect(isDarkOfficeTheme({ bodyBackgroundColor: 'not a colour' })).toBe(false);
  });

  it('gives Fluent’s web themes', () => {
    expect(fluentThemeFor({ bodyBackgroundColor: '#262626' })).toBe(webDarkTheme);
    expect(fluentThemeFor({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
    expect(fluentThemeFor(undefined)).toBe(webLightTheme);
  });
});
