import assert from 'node:assert/strict';
import { welcomeVerbs } from '../../../src/kernel/verbs';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { actionsOf } from '../../support/adaptiveCards';
import { everyCard } from './everyCard';

/** The menu itself, and a card inserted into others' chats (no buttons at all), need none. */
const exempt = new Set(['welcome', 'wording-preview']);

describe('every card has a way back to the menu', () => {
  it('a button that shows the menu (or pauses and shows it) on every card but the menu', async () => {
    const missing = new Set<string>();
    for (const { name, card } of await everyCard(genericLocalContacts)) {
      if (exempt.has(name)) continue;
      const verbs = actionsOf(card).map((a) => String(a.verb));
      if (!verbs.some((v) => v === welcomeVerbs.show || v === welcomeVerbs.leave))
        missing.add(name);
    }
    assert.deepEqual([...missing], []);
  });
});
