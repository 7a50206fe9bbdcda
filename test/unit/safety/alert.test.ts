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
    assert.doesNotMatch(JSON.stringify(alert), /\{\{|\}\}/);
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

  it('has a fixed title with no personal data', () => {
    assert.equal(alert?.title, 'Check safety now');
  });

  it('offers the way back to the walk-through only when asked to', () => {
    assert.deepEqual(alert?.actions, []);
    const withBack = buildSafetyAlert(pack.safetyAlert, pack.safety, ['weapon'], contacts, {
      continueAction: { verb: 'coaching.resume', data: {} },
    });
    assert.deepEqual(withBack?.actions, [
      { title: 'Back to the walk-through', verb: 'coaching.resume', data: {} },
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
    assert.equal(
      checkTextForDanger(pack.safety, pack.safetyAlert, 'See you on Tuesday', contacts),
      undefined,
    );
  });
});
