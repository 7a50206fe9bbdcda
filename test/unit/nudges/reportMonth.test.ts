import { strict as assert } from 'node:assert';
import { assertValidCard } from '../../support/adaptiveCards';
import { simulateMonth } from '../../support/nudges/simulatedMonth';

describe('nudge report after a simulated month of a weekly quiz', function () {
  it('counts every week the engine sent, what was answered, and hides the week too few answered', async function () {
    const { figures, card } = await simulateMonth();
    assertValidCard(card, 'nudges-report');
    assert.deepEqual(
      figures.occurrences.map((o) => [o.sent, o.failed.OptedOut ?? 0, o.answered]),
      [
        [12, 0, 9],
        [12, 0, 9],
        [11, 1, 9],
        [11, 1, 9],
        [11, 1, 3],
      ],
    );
    assert.deepEqual(
      figures.occurrences.map((o) => (o.answeredWell?.shown ? o.answeredWell.percent : 'hidden')),
      [44, 56, 67, 78, 'hidden'],
    );
    // The last week's three people could be worked out from the month's share: it is held back.
    assert.deepEqual(figures.answeredWell, { shown: false, reason: 'derivable' });
    assert.deepEqual([figures.sent, figures.pending, figures.answered], [57, 0, 39]);
  });
});
