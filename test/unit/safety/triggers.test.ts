import assert from 'node:assert/strict';
import { loadCoachingPack } from '../../../src/content/coaching/loadCoachingPack';

const net = loadCoachingPack().safety;

/**
 * Phrases a practitioner might type, and the category each must raise. Written the way people
 * type in a hurry: odd capitals, curly apostrophes, missing punctuation, phone slang.
 */
const positives: ReadonlyArray<readonly [string, string]> = [
  // strangulation
  ['He put his hands round her neck', 'strangulation'],
  ['she said he STRANGLED her last month', 'strangulation'],
  ['he choked her until she passed out', 'strangulation'],
  ['There were red marks on her neck', 'strangulation'],
  ['he grabbed her by the throat', 'strangulation'],
  ['she couldn’t breathe when he held her down', 'strangulation'],
  ['he had her in a headlock', 'strangulation'],
  ['he says he would never strangle her', 'strangulation'],
  // threats to kill
  ['He threatened to kill her', 'threat-to-kill'],
  ["he said he'll kill her if she leaves", 'threat-to-kill'],
  ['told her she would end up dead', 'threat-to-kill'],
  ['he threatens to kill himself when she goes out', 'suicide-self-harm'],
  ['he is going to kill the kids, he said', 'threat-to-kill'],
  ['death threats by text', 'threat-to-kill'],
  ['says he’ll take his own life', 'suicide-self-harm'],
  // weapons
  ['he keeps a knife by the bed', 'weapon'],
  ['He has access to a shotgun', 'weapon'],
  ['threatened her with a hammer', 'weapon'],
  ['he went for her with a broken bottle', 'weapon'],
  ['there are weapons in the house', 'weapon'],
  ['he said he would stab him', 'weapon'],
  ['no knife, but he had a gun', 'weapon'],
  // children
  ['The kids are scared of him', 'child-harm'],
  ['he hit the baby', 'child-harm'],
  ['the children saw him push her', 'child-harm'],
  ['their son hides upstairs when he shouts', 'child-harm'],
  ['it all happened in front of the children', 'child-harm'],
  ['her daughter had bruises on her arm', 'child-harm'],
  ['he shook the baby', 'child-harm'],
  ['the little ones are terrified', 'child-harm'],
  ['the children were there when it happened', 'child-harm'],
  // separation
  ["She's leaving him", 'separation'],
  ['shes left', 'separation'],
  ['she has left and taken the children', 'separation'],
  ['they are separating', 'separation'],
  ['They split up last week', 'separation'],
  ['she told him to leave', 'separation'],
  ['she wants a divorce', 'separation'],
  ['she is planning to leave', 'separation'],
  ['they are no longer together', 'separation'],
  ['he moved out in March', 'separation'],
  // pregnancy with violence
  ['she is pregnant and he hit her', 'pregnancy-baby'],
  ['he kicked her while she was expecting a baby', 'pregnancy-baby'],
  ['he punched her bump', 'pregnancy-baby'],
  ['since the new baby he has been pushing her around', 'pregnancy-baby'],
  // stalking
  ['he follows her to work', 'stalking'],
  ['he put a tracker on her car', 'stalking'],
  ['he keeps turning up outside her house', 'stalking'],
  ['he checks her phone every night', 'stalking'],
  ['he is constantly texting her', 'stalking'],
  ['he won’t leave her alone', 'stalking'],
  ['hundreds of messages a day', 'stalking'],
  // sexual violence
  ['he raped her', 'sexual-violence'],
  ['he forced her to have sex', 'sexual-violence'],
  ['sex without her consent', 'sexual-violence'],
  ['he shared intimate photos of her', 'sexual-violence'],
  // her fear
  ['she is terrified of him', 'victim-fear'],
  ['She’s not safe at home', 'victim-fear'],
  ['she fears for her life', 'victim-fear'],
  ['she says she is walking on eggshells', 'victim-fear'],
  ["she doesn't feel safe", 'victim-fear'],
  ["she's never been so scared", 'victim-fear'],
  // escalation
  ['it is getting worse', 'escalation'],
  ['the violence has escalated', 'escalation'],
  ['it happens more often now', 'escalation'],
  // honour-based abuse
  ['his family says she has brought shame on the family', 'honour-based'],
  ['they want to force her into marriage', 'honour-based'],
  ['it was about family honour', 'honour-based'],
  // physical assault and injury
  ['he punched her in the ribs', 'physical-assault'],
  ['mum has a black eye, says it was from him', 'physical-assault'],
  ['ptnr pushd her down the stairs', 'physical-assault'],
  // breach of orders or bail
  ['he turned up at the house despite the non-mol', 'breach-of-orders'],
  ['bail says no contact but he keeps texting her', 'breach-of-orders'],
  // coercive control
  ['he takes her wages and gives her £20 a week', 'coercive-control'],
  ['she is not allowed to see her friends', 'coercive-control'],
  ['he keeps her passport locked in his car', 'coercive-control'],
  ['he locks her in the flat when he goes out', 'coercive-control'],
  // pets
  ['he kicked the dog across the kitchen', 'pets'],
  ['he said he would drown the cat if she left', 'pets'],
  // his suicide or self-harm threats
  ['he says he will kill himself if she leaves', 'suicide-self-harm'],
  ['dad took an overdose last week', 'suicide-self-harm'],
  // threats to the worker
  ['he told me he knows where I live', 'threat-to-worker'],
  ['dad followed my car after the visit', 'threat-to-worker'],
  // child abduction
  ["he's threatened to take the kids abroad and she'll never see them again", 'child-abduction'],
  ['dad did not bring the children back after contact', 'child-abduction'],
  // children however they are named
  ['the 3yo was in her arms when he hit her', 'child-harm'],
  ['DS (14) got between them and dad shoved him', 'child-harm'],
  ['year 9 says she hides when dad shouts at mum', 'child-harm'],
  // pregnancy or a baby with any abuse, not only violence
  ['she is 20 wks pregnant and he checks her phone', 'pregnancy-baby'],
  ['baby 10 weeks, dad takes her bank card', 'pregnancy-baby'],
  // reported speech, text-speak and typos
  ["she told me he'd said he would do her in", 'threat-to-kill'],
  ['he thrtnd 2 kill her', 'threat-to-kill'],
  ['mum sed he kikced her', 'physical-assault'],
];

/** Ordinary things said in a routine enquiry that must not raise a card. */
const negatives: readonly string[] = [
  'He was calm and engaged well',
  'We talked about the school run',
  'He works long hours at the depot',
  'The children are doing well at school',
  'He says disagreements are about money',
  'He wants to be a better dad',
  'He agreed to think about a referral',
  'They have been together for ten years',
  'He plays football with his son on Saturdays',
  'He was worried about losing his job',
  'He said he drinks at weekends',
  'He has a new job in town',
  'The health visitor saw the family last week',
  'He asked what the programme involves',
  'He was a bit defensive at first',
  'Arguments are mostly about the in-laws',
  'He skilled up as an electrician',
  'He is a keen cyclist',
  'The flat is damp and overcrowded',
  'He goes to the gym in the evenings',
  'He said he would call the helpline himself',
  'There are no weapons in the house',
  'He does not own a knife',
  'They are not separating',
  "She isn't leaving him",
  'She is not pregnant',
  'She is not scared of him',
  'He does not follow her',
  'There was no sign of stalking',
  'There was no sign of a weapon',
  'He has never owned a gun',
  'He has never threatened her with a weapon',
  'the kids were watching TV when I arrived',
  'dad was hammered at his brother’s wedding years ago, sober since',
  'DS got an honour at the school awards',
  'mum killed it at her interview',
  'dad said he would kill for a cuppa',
  'new knife block in the kitchen, knives out of reach',
  'parents separated amicably and share care',
  'dad moved out for a job in Leeds, sees the kids every weekend',
  'she left her job to go to college',
  'the little one pushed his sister off the trampoline, both fine',
  'mum is 28 weeks pregnant, midwife happy',
  'the eldest is scared of spiders',
  'She is pregnant and they are excited',
  'The baby is due in June',
  'The kids love their grandparents',
  'He picks the children up from nursery',
  'He helps his daughter with homework',
  'We will meet again next week',
  'He asked about parenting courses',
  'He felt the social worker did not listen',
  'His mental health has been poor this winter',
  'He shared that he had a difficult childhood',
];

describe('safety net triggers', () => {
  it('has at least 60 positive and 40 negative examples', () => {
    assert.ok(positives.length >= 60);
    assert.ok(negatives.length >= 40);
  });

  it('every category has positive examples', () => {
    for (const id of net.categoryIds) {
      assert.ok(
        positives.some(([, c]) => c === id),
        `add a positive example for ${id}`,
      );
    }
  });

  describe('raises the card for', () => {
    for (const [text, category] of positives) {
      it(`${category}: "${text}"`, () => {
        assert.ok(net.scan(text).includes(category), `got [${net.scan(text).join(', ')}]`);
      });
    }
  });

  describe('stays quiet for', () => {
    for (const text of negatives) {
      it(`"${text}"`, () => {
        assert.deepEqual(net.scan(text), []);
      });
    }
  });

  describe('errs on the side of raising the card', () => {
    const stillRaised: ReadonlyArray<readonly [string, string]> = [
      // A negation never reaches past a full stop, a comma or "but".
      ['no gun. He held a knife to her', 'weapon'],
      ['no knife, but he had a gun', 'weapon'],
      // Denials of the gravest harms are worth a second look, so they are not negatable.
      ['he says he did not choke her', 'strangulation'],
      ['he would never hurt the kids', 'child-harm'],
      ['he denies threatening to kill her', 'threat-to-kill'],
      // "no longer" is not a negation.
      ['she no longer lives with him', 'separation'],
      // A second mention after a negated one still counts.
      ['not pregnant before, but she is pregnant now and he pushed her', 'pregnancy-baby'],
    ];
    for (const [text, category] of stillRaised) {
      it(`${category}: "${text}"`, () => {
        assert.ok(net.scan(text).includes(category), `got [${net.scan(text).join(', ')}]`);
      });
    }
  });

  it('returns category ids only, in file order, each once', () => {
    const found = net.scan('He strangled her, then strangled her again, and held a knife to her');
    assert.deepEqual(found, ['physical-assault', 'strangulation', 'weapon']);
  });

  it('says which of the typed words raised each category', () => {
    const findings = net.check('Mum says he STRANGLED her');
    assert.deepEqual(findings.find((f) => f.id === 'strangulation')?.words, ['strangled']);
  });

  it('gives every category a level', () => {
    for (const id of net.categoryIds)
      assert.ok(['act-now', 'check-this'].includes(net.category(id)?.level ?? ''), id);
    assert.equal(net.category('strangulation')?.level, 'act-now');
    assert.equal(net.category('separation')?.level, 'check-this');
  });

  it('returns nothing for empty or punctuation-only text', () => {
    assert.deepEqual(net.scan(''), []);
    assert.deepEqual(net.scan(' ?!... '), []);
  });
});
