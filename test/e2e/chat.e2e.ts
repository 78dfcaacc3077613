import assert from 'node:assert/strict';
import { stack } from './hooks';

describe('Chat commands in the Agents Playground', function () {
  it('help lists the commands, and its My tasks button answers in place', async () => {
    const alex = await stack.as();
    const help = await alex.say('help', 'Tautoko');
    const text = await help.innerText();
    for (const command of ['status', 'my tasks', 'new mix assessment'])
      assert.match(text, new RegExp(command));
    await alex.click(help, 'My tasks', /^My tasks/);
  });

  it('status for an id nobody has answers Not found', async () => {
    const alex = await stack.as();
    const card = await alex.say('status MIX-2026-99999', 'Not found');
    assert.match(
      await card.innerText(),
      /Not found[\s\S]*There is no application MIX-2026-99999 that you can see/,
    );
  });
});
