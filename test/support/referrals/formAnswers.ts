import assert from 'node:assert/strict';
import type { TeamsUser } from './formHarness';

/**
 * A complete, valid set of answers, step by step, as the form's inputs (invented people, Ofcom
 * drama numbers, a reserved example domain).
 */
export const answers = {
  referrer: {
    'referrer.role': 'Family support worker',
    'referrer.team': 'Family Hub North',
    'referrer.organisation': 'Exampleshire Council',
    'referrer.phone': '01632 960 001',
  },
  father: {
    'father.name': 'Sam Testperson',
    'father.dateOfBirth': '1988-02-29',
    'father.address.line1': '1 Fictional Street',
    'father.address.town': 'Sampletown',
    'father.address.postcode': 'ZZ1 1ZZ',
    'father.phone': '07700 900 123',
    'father.phoneShared': 'no',
    'father.safeToCall': 'yes',
    'father.safeToLeaveMessage': 'no',
    'father.safeToText': 'yes',
    'father.safeToWrite': 'no',
    'father.safeToEmail': 'unknown',
    'father.bestTimes': 'Weekday mornings before 10',
    'father.language': 'English',
    'father.interpreterNeeded': 'no',
  },
  household: {
    'household.partnerRelationship': 'partner-living-together',
    'household.parentUnder18': 'no',
    'household.childrenPlan': 'child-in-need',
    'household.socialWorker.name': 'Jo Placeholder',
    'household.socialWorker.phone': '01632 960 002',
    'household.familyElsewhere': 'no',
  },
  child: (n: number) => ({
    [`household.children.${n}.age`]: '4',
    [`household.children.${n}.relationship`]: 'his-child',
    [`household.children.${n}.livesWith`]: 'both-parents',
    [`household.children.${n}.parentalResponsibility`]: 'both-parents',
  }),
  concerns: {
    'concerns.kinds': 'controlling-or-coercive,economic',
    'concerns.sources': 'seen-by-worker',
    'concerns.recentIncidents': 'Checks her phone daily; took her bank card last month.',
    'concerns.acknowledgement': 'minimises',
  },
  risk: {
    'risk.highRiskSigns': '',
    'risk.policeInvolved': 'yes',
    'risk.crimeReference': 'XX/12345/24',
    'risk.maracStatus': 'not-referred',
    'risk.onBail': 'no',
    'risk.riskToStaff': 'no',
  },
  agenciesConsent: {
    'agencies.details': 'Attends a community alcohol service.',
    'sharing.article6': 'public-task',
    'sharing.schedule1': 'safeguarding-children-and-individuals-at-risk',
    'sharing.reason': 'The children live with the abuse.',
    'consent.basis': 'consent',
  },
  partnerNotes: {
    'partner.knowsOfReferral': 'yes',
    'partner.victimServiceInvolved': 'yes',
    'partner.dashCompleted': 'no',
    'partner.mashContacted': 'no',
    'partner.safeContactNotes': 'Through her IDVA only.',
    'notes.doNot': 'Do not call the home landline.',
  },
} as const;

/** Presses the card's forward button with `changes` and checks the card moved on without errors. */
export async function nextWith(
  user: TeamsUser,
  changes: Record<string, unknown>,
  expect: RegExp,
): Promise<void> {
  await user.press(/^(Next|Check your answers)$/, changes);
  assert.deepEqual(user.errors(), {}, `unexpected errors: ${user.text()}`);
  assert.match(user.text(), expect);
}

/** From step 1 (referrer card in view) to the review, with one child. */
export async function fillEveryStep(user: TeamsUser): Promise<void> {
  await nextWith(user, answers.referrer, /Step 2 of 7/);
  await nextWith(user, answers.father, /Step 3 of 7/);
  await fillFromHousehold(user);
}

/** From step 3 (household card in view) to the review, with one child. */
export async function fillFromHousehold(user: TeamsUser): Promise<void> {
  await user.press('Add a child');
  assert.match(user.text(), /Child 1/);
  await user.press('Save this child', answers.child(0));
  assert.match(user.text(), /Child 1: age 4/);
  await nextWith(user, answers.household, /Step 4 of 7/);
  await nextWith(user, answers.concerns, /Step 5 of 7/);
  await nextWith(user, answers.risk, /Step 6 of 7/);
  await nextWith(user, answers.agenciesConsent, /Step 7 of 7/);
  await nextWith(user, answers.partnerNotes, /Check your answers before sending/);
}
