import { defineWorkflow } from '../../workflow/define';
import { setting } from '../../workflow/settings';
import type { WorkflowDefinition } from '../../workflow/types';
import * as chat from './chat';
import * as commands from './commands';
import type { C07Command, StartInput } from './commands';
import * as decide from './decide';
import * as evolve from './evolve';
import * as model from './model';
import type { HuiState } from './model';
import * as notifications from './notifications';
import { configureInvolvementScales, parseInvolvementScales } from './involvement';
import { serverFields } from './serverFields';
import { start } from './start';
import { supportIdentities } from './supportChecks';
import * as tasks from './tasks';

export type { HuiApp } from './model';

/** C.07 Support hui: whānau, reintegration, support planning, restorative justice, family group conference. */
export const c07Definition: WorkflowDefinition<HuiState, C07Command, StartInput, 'C07'> = defineWorkflow({
  kind: 'C07',
  idPrefix: 'HUI',
  label: 'support hui',
  modules: { chat, commands, decide, evolve, model, notifications, tasks },
  start,
  stage: model.huiStage,
  closed: model.isClosed,
  participants: (s) => [...new Set([s.organiserId, s.caseManagerId].filter((x) => x !== ''))],
  /** Support people are checked against V.01's orders and restrictions (supportChecks.ts). */
  reads: { people: (app) => supportIdentities(app.state) },
  serverFields,
  /** C.07.02: each site's own levels of pro-social involvement (involvement.ts). */
  settings: { C07_INVOLVEMENT_LEVELS_BY_SITE: setting(parseInvolvementScales, configureInvolvementScales) },
  stateVersion: 1, // 1: stamps are the shared { aadObjectId, name, at } (were { by, byName, at })
});
