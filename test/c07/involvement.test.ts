import assert from 'node:assert/strict';
import { loadConfig } from '../../bot/config';
import type { Config } from '../../bot/config';
import { workflows } from '../../cards/processes';
import { applySettings } from '../../services/workflow/settings';
import { cardRenderers } from '../../cards/registry';
import { isDomainError } from '../../services/errors';
import { contactNoteFor } from '../../services/workflows/c07/decide';
import {
  DEFAULT_INVOLVEMENT_LEVELS,
  configureInvolvementScales,
  parseInvolvementScales,
} from '../../services/workflows/c07/involvement';
import type { InvolvementScalesBySite } from '../../services/workflows/c07/involvement';
import { HUI_SITE, PureHui, huiPeople } from '../fixtures/c07';

/**
 * C.07.02 (issue 14 item 14): case managers are guided by the practice centre's "Levels of Pro Social
 * Whānau Involvement". No policy text Tautoko holds lists them, so the levels are the site's own
 * scale, configured per site; a site without its own gets Tautoko's default, labelled as such. They
 * never pass themselves off as the practice centre's.
 */
const cm = huiPeople.caseManager;
const SITE_LEVELS = 'Rimutaka:whole=Whole hui and its planning|parts=Agreed parts only|info=Information only';

function consented(): PureHui {
  const h = new PureHui();
  h.run({ type: 'c07.recordPrisonerConsent', personId: 'sp1', prisonerConsent: 'given' }, cm);
  h.run({ type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'given' }, cm);
  return h;
}
const suitability = (involvement: string) => ({
  type: 'c07.recordSuitability',
  personId: 'sp1',
  suitable: 'yes',
  assessment: 'Stable and pro-social.',
  involvement,
  contactPlan: 'By phone.',
  iomsRecorded: 'true',
});
const personCard = (h: PureHui) =>
  JSON.stringify(
    cardRenderers['c07.person']!({ app: h.app, viewer: cm, now: h.now, params: { personId: 'sp1' } }),
  );

describe('C.07.02 levels of pro-social involvement: the site’s own scale, configurable', () => {
  afterEach(() => configureInvolvementScales({}));

  it('a site without its own scale gets the default, labelled as the default and not as the practice centre’s', () => {
    const h = consented();
    const c = personCard(h);
    assert.match(
      c,
      /These levels are Tautoko’s default scale \(Rimutaka has not configured its own\), not the practice centre’s levels/,
    );
    assert.match(c, /Level of pro-social involvement \(Tautoko’s default scale\)/);
    for (const l of DEFAULT_INVOLVEMENT_LEVELS) assert.ok(c.includes(l.label), l.label);
    assert.match(
      contactNoteFor(h.state, h.state.supportPeople[0]!, true, 'partial', 'Phone'),
      /on Tautoko’s default scale/,
    );
  });

  it('a configured site offers its own levels, says so, and refuses a level not on its scale', () => {
    configureInvolvementScales(parseInvolvementScales(SITE_LEVELS));
    const h = consented();
    const c = personCard(h);
    assert.match(c, /These levels are Rimutaka’s own scale, not the practice centre’s levels/);
    assert.match(c, /Agreed parts only/);
    assert.doesNotMatch(c, /Involvement in agreed parts of the hui/, 'the default is not offered');
    assert.throws(
      () => h.run(suitability('full'), cm),
      (e: unknown) => isDomainError(e) && e.kind === 'VALIDATION' && /involvement/.test(JSON.stringify(e)),
    );
    h.run(suitability('parts'), cm);
    const su = h.state.supportPeople[0]!.suitability!;
    assert.deepEqual([su.involvement, su.involvementLabel], ['parts', 'Agreed parts only']);
    assert.match(su.contactNote, /on Rimutaka’s own scale: agreed parts only/);
  });

  it('a hui keeps the scale it started with when the site changes its scale later', () => {
    configureInvolvementScales(parseInvolvementScales(SITE_LEVELS));
    const h = consented();
    configureInvolvementScales(parseInvolvementScales('Rimutaka:a=Something else'));
    h.run(suitability('parts'), cm);
    assert.match(personCard(h), /Agreed parts only/);
    assert.equal(new PureHui().state.involvementScale?.levels[0]?.key, 'a', 'a new hui takes the new scale');
  });

  it('is configured per site in the environment; bad text stops start-up with a message', () => {
    const base = { TAUTOKO_LOCAL_DEV: 'true' };
    // C.07's own setting, read with the bot's (services/workflows/c07/definition.ts `settings`).
    const scales = (c: Config) =>
      c.processSettings['C07_INVOLVEMENT_LEVELS_BY_SITE'] as InvolvementScalesBySite;
    assert.deepEqual(scales(loadConfig(base)), {});
    const c = loadConfig({ ...base, C07_INVOLVEMENT_LEVELS_BY_SITE: `${SITE_LEVELS};Arohata:a=A|b=B` });
    assert.deepEqual(Object.keys(scales(c)), [HUI_SITE, 'Arohata']);
    assert.equal(scales(c)[HUI_SITE]?.[1]?.label, 'Agreed parts only');
    // Start-up puts it in force (bot/main.ts): a new hui at the site takes the site's scale.
    applySettings(workflows, c.processSettings);
    assert.equal(new PureHui().state.involvementScale?.levels[1]?.label, 'Agreed parts only');
    for (const bad of ['Rimutaka', 'Rimutaka:=Label', 'Rimutaka:a b=Label', 'Rimutaka:a=A|a=B'])
      assert.throws(
        () => loadConfig({ ...base, C07_INVOLVEMENT_LEVELS_BY_SITE: bad }),
        /C07_INVOLVEMENT_LEVELS_BY_SITE/,
        bad,
      );
  });
});
