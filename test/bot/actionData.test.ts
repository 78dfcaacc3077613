import assert from 'node:assert/strict';
import { parseAction } from '../../bot/actionData';

describe('Action.Execute data (bot/actionData.ts)', () => {
  it('carries the card, application and command; a version field is no longer routing data', () => {
    // Cards sent before ActionData.version was removed still carry it: it arrives as an ordinary
    // input, which every process schema drops (no command has a field named version).
    const parsed = parseAction({
      card: 'f17.decision',
      applicationId: 'MIX-1',
      version: 3,
      command: 'f17.decide',
    });
    assert.deepEqual(parsed, {
      data: { card: 'f17.decision', applicationId: 'MIX-1', command: 'f17.decide' },
      inputs: { version: 3 },
    });
  });
});
