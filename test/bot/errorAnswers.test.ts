import assert from 'node:assert/strict';
import { refusalCard, refusalOf, refusalResponse, turnErrorCard } from '../../bot/errorAnswers';
import type { Refusal } from '../../bot/errorAnswers';
import { card, text } from '../../cards/kit';
import type { AdaptiveCard } from '../../cards/types';
import {
  AlreadyDoneError,
  DomainError,
  ForbiddenError,
  UnavailableError,
  ValidationError,
} from '../../services/errors';
import { createLogger } from '../../services/logger';
import { cardText } from '../helpers/connectorStub';

const log = createLogger({ level: 'silent' });
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

/** A redraw that says what it was given, so the test sees what the card would show. */
function recorder() {
  const calls: Refusal[] = [];
  const redraw = async (refusal: Refusal): Promise<AdaptiveCard> => {
    calls.push(refusal);
    return card([text(`redrawn: ${refusal.notice.text}`)]);
  };
  return { calls, redraw };
}

describe('domain errors to answers (bot/errorAnswers.ts)', () => {
  it('a validation error redraws the card with the errors beside the fields', async () => {
    const { calls, redraw } = recorder();
    const fields = [{ field: 'prisonerId', message: 'Enter the PRN.' }];
    const res = await refusalResponse(new ValidationError(fields), log, redraw);
    assert.equal(res.type, CARD_TYPE);
    assert.match(cardText(res.value), /redrawn: Some answers need attention/);
    assert.deepEqual(calls[0]?.fieldErrors, fields);
    assert.equal(calls[0]?.notice.tone, 'attention');
  });

  it('a refusal (wrong stage, not found, forbidden, already done) redraws the card with its words and no field errors', async () => {
    for (const e of [
      new DomainError('WRONG_STAGE', 'This step is closed.'),
      new DomainError('NOT_FOUND', 'There is no such application.'),
      new ForbiddenError('Only the general manager may decide.'),
      new AlreadyDoneError('Already recorded.', { name: 'Mere Case', at: new Date('2026-11-20T00:00:00Z') }),
    ]) {
      const { calls, redraw } = recorder();
      const res = await refusalResponse(e, log, redraw);
      assert.equal(res.type, CARD_TYPE, e.kind);
      assert.ok(cardText(res.value).includes(`redrawn: ${e.userMessage}`), e.kind);
      assert.equal(calls[0]?.code, e.code);
      assert.equal(calls[0]?.fieldErrors, undefined);
    }
  });

  it('the database unreachable leaves the card on screen with a message: nothing is redrawn', async () => {
    const { calls, redraw } = recorder();
    const res = await refusalResponse(new UnavailableError(), log, redraw);
    assert.equal(res.type, MESSAGE_TYPE);
    assert.match(String(res.value), /Not saved: the records service is unavailable/);
    assert.equal(calls.length, 0);
  });

  it('without a card to redraw, a refusal is a card of its own', async () => {
    const res = await refusalResponse(new ForbiddenError('Only the general manager may decide.'), log);
    assert.match(cardText(res.value), /Not done[\s\S]*Only the general manager may decide/);
  });

  it('a typed command refused answers with a card saying so: not done, or not saved', () => {
    assert.match(
      cardText(refusalCard(new ForbiddenError('Admins only.'), log)),
      /Not done[\s\S]*Admins only/,
    );
    assert.match(cardText(refusalCard(new UnavailableError(), log)), /Not saved[\s\S]*try again/);
  });

  it('any other error is not the user’s doing: it goes on to the turn’s error handler', async () => {
    const bug = new TypeError('x is undefined');
    assert.throws(() => refusalOf(bug), bug);
    await assert.rejects(refusalResponse(bug, log), bug);
    assert.throws(() => refusalCard(bug, log), bug);
  });

  it('an error that reaches the turn’s handler shows the reference, and never an internal message', () => {
    const down = turnErrorCard(new UnavailableError(), 'ab12cd34');
    assert.match(cardText(down.card), /Not saved[\s\S]*Reference: ab12cd34/);
    const bug = turnErrorCard(new TypeError('secret internals'), 'ab12cd34');
    assert.match(cardText(bug.card), /Something went wrong[\s\S]*ab12cd34/);
    assert.doesNotMatch(cardText(bug.card), /secret internals/);
  });
});
