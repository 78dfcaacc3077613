import assert from 'node:assert/strict';
import { ADMIN_COMMANDS, BASE_COMMANDS, parseChatCommand } from '../../bot/chatCommands';
import type { ChatCommand } from '../../bot/chatCommands';
import { botCommands } from '../../manifest/commands';
import { workflows } from '../../cards/processes';

const specs = workflows.flatMap((w) => w.chatCommands);

const IDS = ['MIX-2026-00001', 'HUI-2026-00001', 'VIS-2026-00001', 'PRO-2026-00001'];

/** Whether some filling of the usage's placeholders (any kind of id) is understood. */
function understood(usage: string): boolean {
  return IDS.some((id) => parseChatCommand(example(usage, id), specs).kind !== 'unknown');
}

/** A usage line with its placeholders filled, as a person would type it. */
function example(usage: string, id = IDS[0]!): string {
  return usage
    .replace('<id>', id)
    .replace('<prisoner id>', 'PRN-1')
    .replace('<name or email>', 'Mere')
    .replace('<name>', 'Mere')
    .replace('<email>', 'mere@example.com')
    .replace('<role>', 'case-officer')
    .replace('<site>', 'Site-A')
    .replace('<purpose>', 'entry-staff');
}

describe('chat commands', () => {
  const table: Array<[string, ChatCommand['kind']]> = [
    ['help', 'help'],
    ['  HELP ', 'help'],
    ['kia ora', 'help'],
    ['status MIX-2026-00001', 'status'],
    ['<at>Tautoko</at> status mix-2026-00001', 'status'],
    ['my tasks', 'myTasks'],
    ['applications for PRN-1', 'forPrisoner'],
    ['whois Mere Case', 'whois'],
    ['role add mere@example.com case-officer Site-A', 'role'],
    ['role remove mere@example.com case-officer Site-A', 'role'],
    ['register channel entry-staff Site-A', 'registerChannel'],
    ['outbox failed', 'outboxFailed'],
    ['digest off', 'digest'],
    ['Digest On', 'digest'],
    ['dev clock +3d', 'devClock'],
    ['dev clock 2026-12-03T10:00', 'devClock'],
    ['dev clock', 'devClock'],
    ['digest maybe', 'unknown'],
    ['new mix assessment', 'workflow'],
    ['status', 'unknown'],
    ['status a b', 'unknown'],
    ['drop table applications', 'unknown'],
  ];
  for (const [text, kind] of table) {
    it(`reads "${text}" as ${kind}`, () => assert.equal(parseChatCommand(text, specs).kind, kind));
  }

  it('understands every command help lists', () => {
    const listed = [...BASE_COMMANDS, ...ADMIN_COMMANDS, ...specs.map((s) => ({ usage: s.usage }))];
    for (const c of listed) assert.ok(understood(c.usage), c.usage);
  });

  it('understands every command the Teams manifest lists, and help lists each of them', () => {
    const helpUsages = new Set([...BASE_COMMANDS, ...ADMIN_COMMANDS, ...specs].map((c) => c.usage));
    for (const c of botCommands) {
      assert.ok(understood(c.usage), c.usage);
      assert.ok(helpUsages.has(c.usage), `help lists ${c.usage}`);
    }
  });

  it('digest on/off and dev clock carry what was asked', () => {
    assert.deepEqual(parseChatCommand('digest off', specs), { kind: 'digest', on: false });
    assert.deepEqual(parseChatCommand('DIGEST ON', specs), { kind: 'digest', on: true });
    assert.deepEqual(parseChatCommand('dev clock +3D', specs), { kind: 'devClock', change: '+3d' });
    assert.deepEqual(parseChatCommand('dev clock', specs), { kind: 'devClock', change: '' });
  });

  it('never reads more than 500 characters of a message', () => {
    const cmd = parseChatCommand(`whois ${'a'.repeat(10_000)}`, specs);
    assert.equal(cmd.kind, 'whois');
    assert.ok(cmd.kind === 'whois' && cmd.query.length <= 500);
  });
});
