import { ADMIN_COMMANDS, BASE_COMMANDS } from '../../bot/chatCommands';
import type { ApplicationDoc } from '../../services/workflow/domain';
import { digestCard } from '../../cards/generic/digest';
import { helpCard } from '../../cards/generic/help';
import { applicationsListCard, myTasksCard, outboxFailedCard, whoisCard } from '../../cards/generic/lists';
import { errorCard, infoCard, notFoundCard, notInDirectoryCard } from '../../cards/generic/messages';
import type { CardSample } from './types';

const NOW = new Date('2026-11-23T01:30:00Z');

const app = (overrides: Partial<ApplicationDoc>): ApplicationDoc => ({
  _id: 'MIX-2026-00042',
  kind: 'F17',
  site: 'Site-A',
  prisonerId: 'PRN-10042',
  prisonerName: 'Wiremu Tāne',
  title: 'Suitability to mix: Te Reo Māori level 1',
  stage: 'stakeholder input',
  closed: false,
  version: 3,
  notifiedThrough: 3,
  lastHash: '0'.repeat(64),
  createdAt: NOW,
  updatedAt: NOW,
  createdBy: 'aad-cm',
  participants: ['aad-cm'],
  openTasks: [],
  taskKeys: [],
  state: {},
  ...overrides,
});

/** Samples of the cards that belong to no process: help, status not found, my tasks, errors. */
export const genericSamples: CardSample[] = [
  {
    name: 'generic.help',
    description: 'help: every command, grouped',
    card: helpCard([
      { title: 'Everyone', entries: BASE_COMMANDS },
      {
        title: 'Processes',
        entries: [
          { usage: 'new mix assessment', description: 'Start a suitability to mix assessment (F.17)' },
        ],
      },
      { title: 'Admins', entries: ADMIN_COMMANDS },
    ]),
  },
  {
    name: 'generic.help.unknown-command',
    description: 'help, after a command the bot did not understand',
    card: helpCard([{ title: 'Everyone', entries: BASE_COMMANDS }], {
      text: 'I did not understand "make me a sandwich". Here is what I can do.',
      tone: 'warning',
    }),
  },
  {
    name: 'generic.my-tasks',
    description: 'my tasks: a section and an overdue review waiting for the viewer',
    card: myTasksCard(
      [
        {
          app: app({}),
          task: {
            key: 'section:unit',
            label: 'Answer the unit section',
            roles: ['case-officer'],
            site: 'Site-A',
            card: 'f17.section',
            params: { section: 'unit' },
          },
        },
        {
          app: app({
            _id: 'VIS-2026-00007',
            kind: 'V01',
            title: 'Visitor application: child visitor',
            prisonerName: 'Rangi Pōhatu',
          }),
          task: {
            key: 'review',
            label: 'Review the decline (21-day limit)',
            roles: ['review-officer'],
            site: '*',
            dueAt: new Date('2026-11-20T10:59:59Z'),
          },
        },
      ],
      NOW,
    ),
  },
  { name: 'generic.my-tasks.empty', description: 'my tasks: nothing waiting', card: myTasksCard([], NOW) },
  {
    name: 'generic.digest',
    description: 'the daily digest: an overdue review, a section due today and a new decision',
    card: digestCard(
      [
        {
          app: app({ _id: 'VIS-2026-00007', kind: 'V01', title: 'Visitor application: child visitor' }),
          task: {
            key: 'v01.review.1',
            label: 'Review the decision on Visitor application: child visitor',
            roles: ['review-officer'],
            site: '*',
            term: 'policy',
            card: 'v01.review',
            dueAt: new Date('2026-11-20T10:59:59.999Z'),
            openedAt: new Date('2026-10-30T01:00:00Z'),
          },
        },
        {
          app: app({}),
          task: {
            key: 'section:unit',
            label: 'Unit staff: suitability to mix of Wiremu Tāne (PRN-10042) for Te Reo Māori level 1',
            roles: ['case-officer'],
            site: 'Site-A',
            card: 'f17.section',
            params: { section: 'unit' },
            dueAt: new Date('2026-11-23T04:00:00Z'),
            openedAt: new Date('2026-11-16T01:00:00Z'),
          },
        },
        {
          app: app({ _id: 'HUI-2026-00003', kind: 'C07', title: 'Whānau hui' }),
          task: {
            key: 'c07:sign-off',
            label: 'Sign off HUI-2026-00003: Whānau hui',
            roles: ['prison-director'],
            site: 'Site-A',
            term: 'decision',
            card: 'c07.notification',
            dueAt: new Date('2026-11-26T04:00:00Z'),
            openedAt: new Date('2026-11-22T21:00:00Z'),
          },
        },
      ],
      NOW,
      new Date('2026-11-19T19:30:00Z'),
    ),
  },
  {
    name: 'generic.applications-for',
    description: "applications for <prisoner>: the viewer's visible applications",
    card: applicationsListCard('PRN-10042', [
      app({}),
      app({ _id: 'HUI-2026-00003', kind: 'C07', title: 'Whānau hui', stage: 'signed off' }),
    ]),
  },
  {
    name: 'generic.whois',
    description: 'whois: a person and their roles',
    card: whoisCard([
      {
        aadObjectId: 'aad-cm',
        name: 'Mere Case',
        email: 'mere.case@example.govt.nz',
        roles: [
          { role: 'case-manager', site: 'Site-A' },
          { role: 'admin', site: '*' },
        ],
      },
    ]),
  },
  {
    name: 'generic.outbox-failed',
    description: 'outbox failed: a message that could not be delivered, for admins',
    card: outboxFailedCard(
      [
        {
          _id: 'MIX-2026-00042#9:decision:aad-facil',
          target: { kind: 'person', aadObjectId: 'aad-facil' },
          text: 'Decision on MIX-2026-00042: approved',
          applicationId: 'MIX-2026-00042',
          status: 'failed',
          attempts: 6,
          nextAttemptAt: NOW,
          createdAt: NOW,
          lastError: 'no conversation with this recipient yet',
        },
      ],
      { pending: 2, sent: 120, failed: 1 },
    ),
  },
  {
    name: 'generic.not-found',
    description: 'status for an id that does not exist or the viewer may not see',
    card: notFoundCard('MIX-2026-99999'),
  },
  {
    name: 'generic.not-in-directory',
    description: 'someone outside the staff directory',
    card: notInDirectoryCard(),
  },
  {
    name: 'generic.error',
    description: 'an unexpected failure: a reference id only',
    card: errorCard('3f9c2a1b'),
  },
  {
    name: 'generic.channel-registered',
    description: 'confirmation after registering a channel',
    card: infoCard(
      'Channel registered',
      [
        'This channel now receives entry-staff messages for Site-A.',
        'Registered by Ada Admin at Mon 23 Nov 2026, 2:30 pm.',
      ],
      'good',
    ),
  },
];
