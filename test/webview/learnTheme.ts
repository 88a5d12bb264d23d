/**
 * VS Code sets --vscode-* colour variables on the webview's root; the harness page has none.
 * These helpers set a representative dark or light palette (through the CSSOM, which the
 * strict CSP allows) so screenshots look like the editor and theme switches can be tested.
 */
import type { Page } from 'playwright-core';

const COMMON = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': 'monospace',
  '--vscode-editor-font-size': '13px',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-progressBar-background': '#0078d4',
};

export const DARK: Record<string, string> = {
  ...COMMON,
  '--vscode-foreground': '#cccccc',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-widget-border': '#3c3c3c',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-list-activeSelectionForeground': '#ffffff',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-textBlockQuote-background': '#2b2b2b',
  '--vscode-textBlockQuote-border': '#616161',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-symbolIcon-keywordForeground': '#c586c0',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-testing-iconFailed': '#f14c4c',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
};

export const LIGHT: Record<string, string> = {
  ...COMMON,
  '--vscode-foreground': '#3b3b3b',
  '--vscode-editor-background': '#ffffff',
  '--vscode-descriptionForeground': '#717171',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-widget-border': '#e5e5e5',
  '--vscode-badge-background': '#cccccc',
  '--vscode-badge-foreground': '#3b3b3b',
  '--vscode-list-hoverBackground': '#f2f2f2',
  '--vscode-list-activeSelectionBackground': '#e8e8e8',
  '--vscode-list-activeSelectionForeground': '#000000',
  '--vscode-textCodeBlock-background': '#f3f3f3',
  '--vscode-textBlockQuote-background': '#f8f8f8',
  '--vscode-textBlockQuote-border': '#e5e5e5',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-symbolIcon-keywordForeground': '#af00db',
  // VS Code's own light defaults for the status colours (colour registry, Light Modern): several
  // are below 4.5:1 on white, which is what the panels must cope with.
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-red': '#e51400',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-charts-purple': '#652d90',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-testing-iconFailed': '#f14c4c',
  '--vscode-editorWarning-foreground': '#bf8803',
  '--vscode-editorError-foreground': '#e51400',
  '--vscode-disabledForeground': '#61616180',
  '--vscode-input-background': '#ffffff',
  '--vscode-input-foreground': '#3b3b3b',
  '--vscode-input-border': '#cecece',
  '--vscode-dropdown-background': '#ffffff',
  '--vscode-dropdown-foreground': '#3b3b3b',
  '--vscode-dropdown-border': '#cecece',
  '--vscode-sideBar-background': '#f8f8f8',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
};

/** Applies a palette and the matching body class, as VS Code does on a theme change. */
export async function applyTheme(page: Page, vars: Record<string, string>, themeClass: 'vscode-dark' | 'vscode-light'): Promise<void> {
  await page.evaluate(
    ({ vars, themeClass }) => {
      for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
      document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
      document.body.classList.add(themeClass);
    },
    { vars, themeClass },
  );
}
