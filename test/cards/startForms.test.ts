import assert from 'node:assert/strict';
import { startForms } from '../../cards/registry';
import { reviewCard, stepCard, stepCount } from '../../cards/steps';
import type { CardElement } from '../../cards/types';
import type { Actor } from '../../services/directory/person';
import { teamsIssues, validateCard, walkCard } from '../helpers/cardSchema';

const viewer: Actor = {
  aadObjectId: 'aad-x',
  name: 'Ana Staff',
  roles: [{ role: 'case-manager', site: 'Site-A' }],
};
const now = new Date('2026-11-23T00:00:00Z');
const inputIds = (els: unknown) =>
  walkCard({ type: 'AdaptiveCard', version: '1.5', body: els })
    .map((n) => n.node)
    .filter((n) => String(n.type).startsWith('Input.'))
    .map((n) => String(n.id));

describe('start forms in steps (cards/<p>/startForm.ts)', () => {
  for (const [kind, form] of Object.entries(startForms)) {
    describe(kind, () => {
      it('each step draws exactly the inputs it declares, no input is on two steps, and no step is long', () => {
        const seen = new Set<string>();
        for (const step of form.steps) {
          const ids = inputIds(step.body({ viewer, now }));
          assert.deepEqual([...ids].sort(), [...step.fields].sort(), `${kind} ${step.title}`);
          assert.ok(ids.length <= 12, `${kind} ${step.title} has ${ids.length} inputs`);
          for (const id of ids) {
            assert.ok(!seen.has(id), `${id} is on two steps`);
            seen.add(id);
          }
        }
      });

      it('every step card and the review are valid Teams cards, titled "Step n of m — …"', () => {
        const cards = form.steps.map((_, i) => stepCard(form, i, { viewer, now }));
        cards.push(
          reviewCard(
            form,
            form.steps.map((s) => s.body({ viewer, now })),
            { viewer, now },
          ),
        );
        cards.forEach((card, i) => {
          assert.deepEqual(validateCard(card), [], `${kind} step ${i + 1}`);
          assert.deepEqual(teamsIssues(card), [], `${kind} step ${i + 1}`);
          assert.match(JSON.stringify(card.body), new RegExp(`Step ${i + 1} of ${stepCount(form)} — `));
        });
      });

      it('the review lists each answer under its label, choices by their title, and nothing for a blank', () => {
        const step = form.steps[0]!;
        const input: Record<string, string> = {};
        const body = step.body({ viewer, now });
        const first = walkCard({ type: 'AdaptiveCard', version: '1.5', body })
          .map((n) => n.node)
          .find((n) => n.type === 'Input.Text') as CardElement & { id: string; label: string };
        input[first.id] = 'Typed answer ā';
        const review = reviewCard(
          form,
          form.steps.map((s) => s.body({ viewer, now, input })),
          { viewer, now, input },
        );
        const text = JSON.stringify(review.body);
        assert.ok(text.includes(`"title":"${first.label}","value":"Typed answer ā"`), text.slice(0, 400));
      });
    });
  }
});
