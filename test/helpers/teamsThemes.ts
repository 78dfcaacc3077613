import teamsHostConfigJson from './teamsHostConfig.json';

/**
 * Adaptive Card host configurations for Microsoft Teams' three themes (light, dark, high contrast),
 * and the page CSS a Teams message draws around a card in each, for the card-quality test and the
 * gallery.
 *
 * Source: Teams does not publish the host configuration it renders cards with. Fonts, sizes,
 * spacing, input labels and actions come from the "microsoft-teams-light" host config of the
 * Adaptive Cards Designer (test/helpers/teamsHostConfig.json). The colours are DERIVED from the
 * Fluent UI React v9 design tokens Teams is built on, as we read them from @fluentui/tokens:
 * - light (teamsLightTheme): colorNeutralBackground1 #FFFFFF, colorNeutralBackground3 #F5F5F5,
 *   colorNeutralForeground1 #242424, colorNeutralForeground3 #616161, colorBrandForeground1
 *   #5B5FC7, colorStatusSuccessForeground1 #0E700E / Background1 #F1FAF1, colorStatusWarning
 *   Foreground3 #BC4B09 / Background1 #FFF9F5, colorStatusDangerForeground1 #B10E1C /
 *   Background1 #FDF3F4, colorBrandBackground2 #E8EBFA;
 * - dark (teamsDarkTheme): colorNeutralBackground1 #292929, colorNeutralBackground2 #1F1F1F,
 *   colorNeutralForeground1 #FFFFFF, colorNeutralForeground3 #ADADAD, colorBrandForeground1
 *   #7F85F5, colorPaletteGreenForeground1 #54B054 / colorStatusSuccessBackground1 #052505,
 *   colorPaletteDarkOrangeForeground1 #FAA06B / colorStatusWarningBackground1 #4A1E04,
 *   colorPaletteRedForeground1 #E37D80 / colorStatusDangerBackground1 #3B0509;
 * - high contrast (teamsHighContrastTheme, Windows "night sky" system colours): Canvas #000000,
 *   CanvasText #FFFFFF, Highlight #1AEBFF, LinkText #FFFF01, GrayText-free success #3FF23F; Fluent
 *   has no separate danger colour in high contrast, so attention text uses #FF9E9E (our choice,
 *   stated as such) on Canvas.
 * These are approximations of what Teams draws, good enough to hold the cards to WCAG AA (4.5:1)
 * in each theme; when Teams changes a token the test data should follow.
 */

export type TeamsTheme = 'light' | 'dark' | 'highContrast';
export const TEAMS_THEMES: readonly TeamsTheme[] = ['light', 'dark', 'highContrast'];

interface Palette {
  /** The message bubble (default container) and the page around it. */
  background: string;
  page: string;
  emphasis: string;
  good: string;
  warning: string;
  attention: string;
  accent: string;
  /** Text colours, the same in every container (as Teams does). */
  text: string;
  subtle: string;
  link: string;
  goodText: string;
  warningText: string;
  attentionText: string;
  border: string;
  separator: string;
  /** Buttons: ordinary, primary (positive) and destructive. */
  button: { bg: string; fg: string; border: string };
  primary: { bg: string; fg: string };
  destructive: string;
  input: { bg: string; fg: string; border: string };
}

export const TEAMS_PALETTES: Record<TeamsTheme, Palette> = {
  light: {
    background: '#FFFFFF',
    page: '#F5F5F5',
    emphasis: '#F5F5F5',
    good: '#F1FAF1',
    warning: '#FFF9F5',
    attention: '#FDF3F4',
    accent: '#E8EBFA',
    text: '#242424',
    subtle: '#616161',
    link: '#5B5FC7',
    goodText: '#0E700E',
    warningText: '#BC4B09',
    attentionText: '#B10E1C',
    border: '#E0E0E0',
    separator: '#E0E0E0',
    button: { bg: '#FFFFFF', fg: '#242424', border: '#D1D1D1' },
    primary: { bg: '#5B5FC7', fg: '#FFFFFF' },
    destructive: '#B10E1C',
    input: { bg: '#FFFFFF', fg: '#242424', border: '#616161' },
  },
  dark: {
    background: '#292929',
    page: '#1F1F1F',
    emphasis: '#1F1F1F',
    good: '#052505',
    warning: '#4A1E04',
    attention: '#3B0509',
    accent: '#2F2F4A',
    text: '#FFFFFF',
    subtle: '#ADADAD',
    link: '#7F85F5',
    goodText: '#54B054',
    warningText: '#FAA06B',
    attentionText: '#E37D80',
    border: '#3D3D3D',
    separator: '#3D3D3D',
    button: { bg: '#292929', fg: '#FFFFFF', border: '#666666' },
    primary: { bg: '#4F52B2', fg: '#FFFFFF' },
    destructive: '#E37D80',
    input: { bg: '#1F1F1F', fg: '#FFFFFF', border: '#ADADAD' },
  },
  highContrast: {
    background: '#000000',
    page: '#000000',
    emphasis: '#000000',
    good: '#000000',
    warning: '#000000',
    attention: '#000000',
    accent: '#000000',
    text: '#FFFFFF',
    subtle: '#FFFFFF',
    link: '#FFFF01',
    goodText: '#3FF23F',
    warningText: '#FFFF01',
    attentionText: '#FF9E9E',
    border: '#FFFFFF',
    separator: '#FFFFFF',
    button: { bg: '#000000', fg: '#FFFFFF', border: '#FFFFFF' },
    primary: { bg: '#1AEBFF', fg: '#000000' },
    destructive: '#FFFF01',
    input: { bg: '#000000', fg: '#FFFFFF', border: '#FFFFFF' },
  },
};

function foregrounds(p: Palette): Record<string, { default: string; subtle: string }> {
  const same = (c: string) => ({ default: c, subtle: c });
  return {
    default: { default: p.text, subtle: p.subtle },
    dark: same(p.text),
    light: same(p.text),
    accent: same(p.link),
    good: same(p.goodText),
    warning: same(p.warningText),
    attention: same(p.attentionText),
  };
}

/** The host configuration for one Teams theme. */
export function teamsHostConfigFor(theme: TeamsTheme): Record<string, unknown> {
  const p = TEAMS_PALETTES[theme];
  const style = (backgroundColor: string) => ({
    backgroundColor,
    borderColor: p.border,
    foregroundColors: foregrounds(p),
  });
  return {
    ...(teamsHostConfigJson as Record<string, unknown>),
    separator: { lineThickness: 1, lineColor: p.separator },
    containerStyles: {
      default: style(p.background),
      emphasis: style(p.emphasis),
      accent: style(p.accent),
      good: style(p.good),
      warning: style(p.warning),
      attention: style(p.attention),
    },
  };
}

/** The CSS around the card: the message frame, buttons, inputs and links as Teams draws them. */
export function teamsPageCss(theme: TeamsTheme): string {
  const p = TEAMS_PALETTES[theme];
  return `
  html, body { margin: 0; background: ${p.page}; color: ${p.text}; }
  body { padding: 16px; font-family: 'Segoe UI', -apple-system, Roboto, 'Helvetica Neue', Arial, sans-serif; }
  .frame { display: block; box-sizing: content-box; background: ${p.background}; border: 1px solid ${p.border};
           border-radius: 6px; overflow: hidden; margin-bottom: 16px; }
  .ac-textBlock p { margin: 0 0 4px 0; } .ac-textBlock p:last-child { margin-bottom: 0; }
  .ac-textBlock ul, .ac-textBlock ol { margin: 0 0 4px 0; padding-left: 20px; }
  .ac-textBlock a { color: ${p.link}; }
  .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; min-height: 32px; padding: 4px 12px;
                   border-radius: 4px; border: 1px solid ${p.button.border}; background: ${p.button.bg};
                   color: ${p.button.fg}; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: ${p.primary.bg}; border-color: ${p.primary.bg};
                   color: ${p.primary.fg}; }
  .ac-pushButton.style-destructive { color: ${p.destructive}; border-color: ${p.destructive}; }
  .ac-pushButton.expanded { outline: 2px solid ${p.link}; }
  .ac-input { font-family: inherit; font-size: 14px; color: ${p.input.fg}; }
  .ac-textInput, .ac-numberInput, .ac-dateInput, .ac-timeInput, .ac-multichoiceInput.ac-choiceSetInput-compact,
  .ac-choiceSetInput-filtered, select.ac-input {
    box-sizing: border-box; min-height: 32px; padding: 5px 10px; border: 1px solid ${p.input.border};
    border-radius: 4px; background: ${p.input.bg}; color: ${p.input.fg}; }
  .ac-choiceSetInput-filtered-textbox, .ac-choiceSetInput-filtered-dropdown {
    background: ${p.input.bg}; color: ${p.input.fg}; border: 1px solid ${p.input.border}; }
  .ac-textInput.ac-multiline { min-height: 64px; resize: none; }
  .ac-input.ac-input-validation-failed { border-color: ${p.attentionText}; }
  .ac-choiceSetInput-expanded label, .ac-toggleInput label { font-size: 14px; }
  .ac-factset { width: 100%; }
`;
}
