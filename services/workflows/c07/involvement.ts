/**
 * C.07.02: "Case managers are guided by the 'Levels of Pro Social Whānau Involvement' in the case
 * management practice centre". Tautoko does not hold the practice centre, and none of the policy
 * texts (C.07, reintegration support, strengthening partnerships) lists the levels: so the levels
 * offered here are the site's own scale, configured per site (C07_INVOLVEMENT_LEVELS_BY_SITE, see
 * bot/config.ts and .env.example). A site that has configured none gets Tautoko's default scale,
 * labelled as such wherever it is shown. A hui keeps the scale it started with, so a level recorded
 * keeps its meaning when a site changes its scale later.
 */

export interface InvolvementLevelDef {
  /** Stored with the assessment: letters, digits and hyphens. */
  key: string;
  label: string;
}

export interface InvolvementScale {
  levels: InvolvementLevelDef[];
  /** True: Tautoko's default, the site has not configured its own. */
  isDefault: boolean;
}

/** Tautoko's default scale (the three levels it has always offered), for a site without its own. */
export const DEFAULT_INVOLVEMENT_LEVELS: readonly InvolvementLevelDef[] = [
  { key: 'full', label: 'Full involvement in the hui and its planning' },
  { key: 'partial', label: 'Involvement in agreed parts of the hui' },
  { key: 'limited', label: 'Limited: information sharing only, with the case manager present' },
];

export type InvolvementScalesBySite = Record<string, InvolvementLevelDef[]>;

let bySite: InvolvementScalesBySite = {};

/** Set once at start-up from the configuration (bot/app.ts); tests set and clear it. */
export function configureInvolvementScales(scales: InvolvementScalesBySite): void {
  bySite = { ...scales };
}

/** The scale a new hui at `site` uses: the site's own, or the default. */
export function involvementScaleFor(site: string): InvolvementScale {
  const own = bySite[site];
  return own && own.length > 0
    ? { levels: own.map((l) => ({ ...l })), isDefault: false }
    : { levels: DEFAULT_INVOLVEMENT_LEVELS.map((l) => ({ ...l })), isDefault: true };
}

/** A hui's scale: the one it started with; a hui from before scales were configurable used the default. */
export function scaleOf(s: { involvementScale?: InvolvementScale }): InvolvementScale {
  return s.involvementScale ?? { levels: DEFAULT_INVOLVEMENT_LEVELS.map((l) => ({ ...l })), isDefault: true };
}

export function levelLabel(s: { involvementScale?: InvolvementScale }, key: string): string {
  return scaleOf(s).levels.find((l) => l.key === key)?.label ?? key;
}

/** Whose scale it is, for the card and the IOMS note. */
export function scaleName(scale: InvolvementScale, site: string): string {
  return scale.isDefault
    ? `Tautoko’s default scale (${site} has not configured its own)`
    : `${site}’s own scale`;
}

/** What the suitability card says about the levels it offers. */
export function scaleNote(scale: InvolvementScale, site: string): string {
  return `These levels are ${scaleName(scale, site)}, not the practice centre’s levels: read the Levels of Pro Social Whānau Involvement in the case management practice centre and choose the level here that matches your judgement.`;
}

/**
 * "Site A:key=Label|key=Label;Site B:…" — the environment variable's text. Labels may not contain
 * "|" or ";"; keys are letters, digits and hyphens.
 */
export function parseInvolvementScales(text: string): InvolvementScalesBySite {
  const out: InvolvementScalesBySite = {};
  for (const entry of text
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const i = entry.indexOf(':');
    if (i <= 0) throw new Error(`"${entry}" is not site:key=label|key=label`);
    const site = entry.slice(0, i).trim();
    const levels = entry
      .slice(i + 1)
      .split('|')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((pair) => {
        const j = pair.indexOf('=');
        const key = pair.slice(0, j).trim();
        const label = pair.slice(j + 1).trim();
        if (j <= 0 || !/^[A-Za-z0-9-]{1,40}$/.test(key) || label === '')
          throw new Error(`"${pair}" (site ${site}) is not key=label, with a key of letters, digits and -`);
        return { key, label };
      });
    if (levels.length === 0) throw new Error(`site ${site} has no levels`);
    if (new Set(levels.map((l) => l.key)).size !== levels.length)
      throw new Error(`site ${site} repeats a key`);
    out[site] = levels;
  }
  return out;
}
