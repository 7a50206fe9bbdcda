import assert from 'node:assert/strict';
import { loadCoachingPack } from '../../../src/content/coaching/loadCoachingPack';
import { buildSafetyAlert } from '../../../src/safety/alert';
import { checkTextForDanger } from '../../../src/safety/checkText';
import { genericLocalContacts, type LocalContacts } from '../../../src/tenants/localContacts';

const pack = loadCoachingPack();
const contacts: LocalContacts = {
  ...genericLocalContacts,
  mashName: 'Northtown MASH',
  mashPhone: '0300 000 0000',
  maracRoute: 'the Northtown MARAC referral form',
  daLeadName: 'Northtown DA lead',
};

describe('safety card', () => {
  const alert = buildSafetyAlert(
    pack.safetyAlert,
    pack.safety,
    ['threat-to-kill', 'child-harm'],
    contacts,
  );

  it('is not built when nothing was raised', () => {
    assert.equal(buildSafetyAlert(pack.safetyAlert, pack.safety, [], contacts), undefined);
    assert.equal(
      buildSafetyAlert(pack.safetyAlert, pack.safety, ['not-a-category'], contacts),
      undefined,
    );
  });

  it('leads with 999 for immediate danger', () => {
    assert.match(alert?.immediate ?? '', /999/);
  });

  it('gives the children’s safeguarding route the same day, the high-risk route and the DA lead, filled locally', () => {
    const routes = alert?.routes.join('\n') ?? '';
    assert.match(routes, /Northtown MASH on 0300 000 0000 today/);
    assert.match(routes, /Northtown MARAC referral form/);
    assert.match(routes, /Northtown DA lead/);
    assert.doesNotMatch(JSON.stringify({ ...alert, actions: [] }), /\{\{|\}\}/);
  });

  it('names the concerns raised, in file order', () => {
    assert.deepEqual(
      alert?.concerns.map((c) => c.label),
      ['Threats to kill', 'A child hurt, frightened or caught up in abuse'],
    );
  });

  it('never mentions the DASH checklist, nor a risk checklist with him', () => {
    const everything = JSON.stringify(
      buildSafetyAlert(pack.safetyAlert, pack.safety, pack.safety.categoryIds, contacts),
    );
    assert.doesNotMatch(everything, /\bDASH\b/i);
    assert.doesNotMatch(everything, /checklist with (him|the father)/i);
  });

  it('has a fixed title per level, with no personal data', () => {
    assert.equal(alert?.level, 'act-now');
    assert.equal(alert?.title, pack.safetyAlert.titles['act-now']);
  });

  it('has no 999 banner when every concern is "check this"', () => {
    const check = buildSafetyAlert(pack.safetyAlert, pack.safety, ['separation'], contacts);
    assert.equal(check?.level, 'check-this');
    assert.equal(check?.immediate, '');
    assert.equal(check?.title, pack.safetyAlert.titles['check-this']);
    assert.match(check?.routes.join('\n') ?? '', /Northtown MASH/);
  });

  it('adds the mental-health crisis route and Samaritans for his suicide threats, first', () => {
    const card = buildSafetyAlert(pack.safetyAlert, pack.safety, ['suicide-self-harm'], {
      ...contacts,
      mentalHealthCrisisRoute: 'the Northtown crisis line on 0800 000 000',
    });
    assert.match(card?.routes[0] ?? '', /Northtown crisis line on 0800 000 000/);
    assert.match(card?.routes[1] ?? '', /116 123/);
  });

  it('adds the lone-working route and the manager for threats to the worker', () => {
    const card = buildSafetyAlert(pack.safetyAlert, pack.safety, ['threat-to-worker'], {
      ...contacts,
      loneWorkingRoute: 'the Northtown lone-working policy',
    });
    const routes = card?.routes.join('\n') ?? '';
    assert.match(routes, /Northtown lone-working policy/);
    assert.match(routes, /manager/);
  });

  it('shows the words it reacted to only when given them, and never in a routes-only result', () => {
    assert.equal(alert?.words, '');
    const withWords = buildSafetyAlert(pack.safetyAlert, pack.safety, ['weapon'], contacts, {
      words: ['machete'],
    });
    assert.match(withWords?.words ?? '', /machete/);
    const routesOnly = buildSafetyAlert(pack.safetyAlert, pack.safety, ['weapon'], contacts, {
      words: ['machete'],
      routesOnly: true,
    });
    assert.equal(routesOnly?.words, '');
    assert.deepEqual(routesOnly?.concerns, []);
    assert.ok(!JSON.stringify(routesOnly).includes('machete'));
    assert.ok((routesOnly?.routes.length ?? 0) >= 3);
  });

  it('offers the way back to the walk-through only when asked to', () => {
    assert.deepEqual(alert?.actions, [
      { title: 'Back to the menu', verb: 'welcome.show', data: {} },
    ]);
    const withBack = buildSafetyAlert(pack.safetyAlert, pack.safety, ['weapon'], contacts, {
      continueAction: { verb: 'coaching.resume', data: {} },
    });
    assert.deepEqual(withBack?.actions, [
      { title: 'Back to the walk-through', verb: 'coaching.resume', data: {} },
      { title: 'Back to the menu', verb: 'welcome.show', data: {} },
    ]);
  });

  it('checks any typed text and never echoes it', () => {
    const text = 'Mr Example said he has a machete under the bed at 12 High Street';
    const card = checkTextForDanger(pack.safety, pack.safetyAlert, text, contacts);
    assert.deepEqual(
      card?.concerns.map((c) => c.label),
      ['Weapons'],
    );
    const json = JSON.stringify(card);
    for (const word of ['Example', 'machete', 'High Street']) assert.ok(!json.includes(word), word);
    const personal = checkTextForDanger(pack.safety, pack.safetyAlert, text, contacts, {
      showWords: true,
    });
    assert.match(personal?.words ?? '', /machete/);
    assert.ok(!JSON.stringify(personal).includes('High Street'));
    assert.equal(
      checkTextForDanger(pack.safety, pack.safetyAlert, 'See you on Tuesday', contacts),
      undefined,
    );
  });
});
