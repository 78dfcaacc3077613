import type { Context } from 'mocha';
import { Stack } from './stack';

/**
 * One stack for the whole run: starting the playground and chromium costs seconds, and the
 * scenarios are a conversation that builds on itself (an id created in one is looked up in
 * another). Everything started here is stopped in afterAll, on success or failure.
 */
export const stack = new Stack();

const START_MS = 90_000;

export const mochaHooks = {
  async beforeAll(this: Context) {
    this.timeout(START_MS);
    await stack.start();
  },
  async afterEach(this: Context) {
    const test = this.currentTest;
    if (test?.state === 'failed') {
      const files = await stack.keepEvidence(test.fullTitle());
      process.stderr.write(`e2e failure evidence:\n${files.map((f) => `  ${f}`).join('\n')}\n`);
    }
  },
  async afterAll(this: Context) {
    this.timeout(30_000);
    await stack.stop();
  },
};
