import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** Top-level rendered Adaptive Cards in the conversation (not the inner cards of an Action.ShowCard). */
const CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';
const WAIT_MS = 20_000;
/** What the bot shows when a click or a submission did not do what the user asked. */
const FAILED = /Something went wrong|Please fix|This is for|not in the Tautoko staff directory/;

export type Expect = string | RegExp;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matches(text: string, expected: Expect): boolean {
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A real mouse click. When the page is busy redrawing many cards, Playwright can finish the click
 * and then wait out its timeout for "scheduled navigations" that never come (the playground does
 * not navigate); that wait is cut short here. Whether the click worked is judged only by what
 * the card shows afterwards.
 */
async function clickButton(button: Locator): Promise<void> {
  try {
    await button.click({ timeout: 10_000 });
  } catch (e) {
    if (!(e instanceof Error && e.name === 'TimeoutError' && e.message.includes('click action done')))
      throw e;
  }
}

/**
 * One Microsoft 365 Agents Playground page (one signed-in user), driven the way a person would:
 * typing in the compose box, filling the rendered card inputs and clicking the card buttons.
 * The playground renders cards with its Fluent UI Adaptive Card renderer: inputs are labelled
 * through aria-labelledby, compact choice sets are comboboxes, Input.Date is a date picker that
 * accepts typed text, Input.Time is a combobox of half-hour options ("10:00 AM"), expanded
 * choice sets are radio groups and Input.Toggle is a checkbox.
 */
export class PlaygroundPage {
  constructor(
    readonly page: Page,
    private readonly url: string,
  ) {}

  async load(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.locator('[data-lexical-editor="true"]').waitFor({ timeout: WAIT_MS });
    // The playground installs the app when the page opens; the bot's welcome is its help card.
    await this.cardWithHeading('Tautoko');
  }

  cards(): Locator {
    return this.page.locator(CARD);
  }

  async cardCount(): Promise<number> {
    return this.cards().count();
  }

  /** The headings (first heading text block) of every card, in conversation order. */
  async headings(): Promise<string[]> {
    return this.cards().evaluateAll((els) =>
      els.map((el) => el.querySelector('[role="heading"]')?.textContent?.trim() ?? ''),
    );
  }

  /**
   * The most recent card with this heading, pinned by position so the locator keeps pointing at
   * the same message when the bot replaces the card in place.
   */
  async cardWithHeading(heading: Expect, after = 0): Promise<Locator> {
    const index = await poll(`a card headed ${String(heading)}`, async () => {
      const all = await this.headings();
      for (let i = all.length - 1; i >= after; i--) if (matches(all[i] ?? '', heading)) return i;
      return undefined;
    });
    return this.cards().nth(index);
  }

  /** The most recent card (from position `after` on) with this button, pinned by position. */
  async cardWithButton(button: string, after = 0): Promise<Locator> {
    const index = await poll(`a card with a "${button}" button`, async () => {
      const all = await this.cards().evaluateAll(
        (els, name) =>
          els.map((el) => [...el.querySelectorAll('button')].some((b) => b.getAttribute('title') === name)),
        button,
      );
      for (let i = all.length - 1; i >= after; i--) if (all[i]) return i;
      return undefined;
    });
    return this.cards().nth(index);
  }

  /**
   * Sends a chat message and returns the first card the bot answers with, or, given the answer's
   * heading, the card with that heading: a proactive message (a reminder, a section card) may land
   * between the message and its answer.
   */
  async say(text: string, heading?: Expect): Promise<Locator> {
    const before = await this.cardCount();
    await this.page.locator('[data-lexical-editor="true"]').click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    if (heading !== undefined) return this.cardWithHeading(heading, before);
    await poll(`an answer to "${text}"`, async () => ((await this.cardCount()) > before ? true : undefined));
    return this.cards().nth(before);
  }

  /**
   * Picks a person by typing part of their name into a people picker and choosing the match whose
   * title starts with `choice`. The playground does not send Teams' `application/search` invoke
   * (its renderer reports typeahead search as not supported yet): it filters the picker's static
   * choices as you type, so this exercises the card's fallback list; the invoke itself is tested
   * over HTTP (test/http/peopleSearch.http.test.ts).
   */
  async pick(card: Locator, label: string, typed: string, choice: string): Promise<void> {
    const input = await this.inputLabelled(card, label);
    await input.click();
    await this.page.keyboard.type(typed, { delay: 50 });
    const option = this.page.getByRole('option', { name: new RegExp(`^${escapeRegExp(choice)}`) });
    await option.first().click({ timeout: WAIT_MS });
    // The playground then shows the chosen value (the aadObjectId), not the title; the review step
    // shows the person by name.
    const value = await input.inputValue();
    assert.ok(
      value !== '' && value !== typed,
      `"${label}" kept the choice of ${choice} (it shows "${value}")`,
    );
  }

  /**
   * Fills a start form step by step: each step's answers, then Next, which must replace the card
   * with the next step ("Step 2 of 3 — …"); the last Next shows the review, whose `start` button
   * must replace it with `expected`.
   */
  async fillSteps(
    card: Locator,
    steps: Array<Record<string, string> | ((card: Locator) => Promise<void>)>,
    start: string,
    expected: Expect,
    /** What the review step must show (e.g. a person picked by typing, by name). */
    review?: RegExp,
  ): Promise<string> {
    const total = steps.length + 1;
    for (const [i, step] of steps.entries()) {
      if (typeof step === 'function') await step(card);
      else await this.fillAll(card, step);
      const next = i + 2 === total && review ? `review and start[\\s\\S]*${review.source}` : '';
      await this.click(card, 'Next', new RegExp(`Step ${i + 2} of ${total} — ${next}`));
    }
    return this.click(card, start, expected);
  }

  private async inputLabelled(card: Locator, label: string): Promise<Locator> {
    const inputs = card.locator('input:not([type="radio"]), textarea, [role="radiogroup"]');
    const labels = await inputs.evaluateAll((els) =>
      els.map((el) => {
        const first = (el.getAttribute('aria-labelledby') ?? '').split(' ')[0] ?? '';
        return (
          (first ? document.getElementById(first)?.textContent : '')?.replace(/\s*\*\s*$/, '').trim() ?? ''
        );
      }),
    );
    const index = labels.findIndex((l) => l.startsWith(label));
    assert.ok(
      index >= 0,
      `no input labelled "${label}" on the card; it has: ${labels.filter(Boolean).join('; ')}`,
    );
    return inputs.nth(index);
  }

  /** Fills the card input whose label starts with `label`, whatever kind of input it renders as. */
  async fill(card: Locator, label: string, value: string): Promise<void> {
    return this.fillInput(await this.inputLabelled(card, label), label, value);
  }

  private async fillInput(input: Locator, label: string, value: string): Promise<void> {
    const role = await input.getAttribute('role');
    if ((await input.getAttribute('type')) === 'checkbox') {
      // Input.Toggle: "true" ticks it, anything else clears it.
      await input.setChecked(value === 'true');
    } else if (role === 'radiogroup') {
      await input.getByRole('radio', { name: value, exact: true }).check();
    } else if (role === 'combobox' && (await input.getAttribute('aria-haspopup')) !== 'dialog') {
      await input.click();
      await this.page.getByRole('option', { name: value, exact: true }).click();
    } else {
      await input.fill(value);
      if (role === 'combobox') {
        // The date picker takes typed text when the field is committed; its calendar may pop open
        // over the next input, so it is closed again, and the date must have been kept.
        await input.press('Enter');
        await input.press('Escape');
        assert.notEqual(await input.inputValue(), '', `the date picker "${label}" did not keep ${value}`);
      }
    }
  }

  /** Ticks one choice of an expanded multi-select. */
  async tick(card: Locator, choice: string): Promise<void> {
    // The name is the group's label and the choice's title together, so the title is matched as a part.
    await card.getByRole('checkbox', { name: choice }).check();
  }

  async fillAll(card: Locator, values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.fill(card, label, value);
  }

  /**
   * Clicks an Action.Execute button and waits for the bot's answer to replace the card in place:
   * the same message (held by its position) must come to show `expected`, and must not be an
   * error or a validation message. A button that stops working, or whose answer arrives as a new
   * message instead of replacing the card, fails here.
   */
  async click(
    card: Locator,
    button: string,
    expected: Expect,
    /** `refusal`: the answer is expected to be the same card with a validation message. */
    options: { near?: string; refusal?: boolean } = {},
  ): Promise<string> {
    const before = await this.cardCount();
    const oldText = await card.innerText();
    const buttons = card.getByRole('button', { name: button, exact: true });
    let which = 0;
    if (options.near) {
      // Several items with the same button (a task list): take the one whose own block names `near`.
      which = await buttons.evaluateAll(
        (els, near) =>
          els.findIndex((b) => {
            let el: HTMLElement | null = b.parentElement;
            while (el && !el.textContent?.includes(near)) el = el.parentElement;
            return (
              !!el &&
              [...el.querySelectorAll('button')].filter(
                (x) => x.getAttribute('title') === b.getAttribute('title'),
              ).length === 1
            );
          }),
        options.near,
      );
      assert.ok(which >= 0, `no "${button}" button next to ${options.near}`);
    }
    await clickButton(buttons.nth(which));
    const text = await poll(
      `the card to change after clicking "${button}" (expected ${String(expected)})`,
      async () => {
        const now = await card.innerText();
        return now !== oldText && matches(now, expected) ? now : undefined;
      },
    );
    if (options.refusal) assert.match(text, FAILED, `clicking "${button}" was expected to be refused`);
    else assert.doesNotMatch(text, FAILED, `clicking "${button}" was refused:\n${text}`);
    const after = await this.cardCount();
    assert.ok(after >= before, 'no card disappeared');
    return text;
  }
}
