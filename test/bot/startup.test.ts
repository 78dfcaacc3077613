import assert from 'node:assert/strict';
import { BotProcess } from '../helpers/botProcess';

/**
 * The production entry point (bot/index.ts) as a real process: it never runs with authentication
 * off, whatever TAUTOKO_MODE says, and a start-up failure is one line naming what to fix.
 */

const fakeRegistration = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
};

async function failedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const bot = new BotProcess(env, 'bot/index.ts');
  await assert.rejects(bot.start(), /exited/);
  const { code } = await bot.exit!;
  return { code, output: bot.output.replace(/^\(node:\d+\) \[DEP0111\].*\n|^\(Use `node --trace.*\n/gm, '') };
}

describe('Start-up of the production entry point (real processes)', function () {
  this.timeout(60_000);

  it('refuses authentication off even with TAUTOKO_MODE=development and TAUTOKO_LOCAL_DEV=true', async () => {
    const { code, output } = await failedStart({ TAUTOKO_MODE: 'development', TAUTOKO_LOCAL_DEV: 'true' });
    assert.equal(code, 78, output);
    assert.match(output, /MicrosoftAppId is required in production/);
  });

  it('says in one line that the database cannot be reached, with no stack', async () => {
    const { code, output } = await failedStart({
      ...fakeRegistration,
      MONGODB_URI: 'mongodb://127.0.0.1:1/',
      LOG_LEVEL: 'info',
    });
    assert.equal(code, 1, output);
    const stderrLines = output.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
    assert.deepEqual(stderrLines, [
      'Start-up failed: the database cannot be reached (check MONGODB_URI and that the database is running).',
    ]);
    assert.doesNotMatch(output, /\n\s+at /);
  });
});
