import { randomUUID } from 'node:crypto';
import { referralV1Payload, type ReferralV1 } from '../../../src/referrals/schema/referralV1';
import { referralV2Payload, type ReferralV2 } from '../../../src/referrals/schema/referralV2';
import { validateWith } from '../../../src/referrals/schema/validateReferral';

/**
 * A complete, valid referral as the form would submit it. Every person, address and number here
 * is invented: Ofcom drama numbers, a reserved example domain, a made-up crime reference.
 */
export function aReferralInput(): Record<string, unknown> {
  return {
    version: 3,
    referrer: {
      name: 'Alex Example',
      role: 'Family support worker',
      team: 'Family Hub North',
      organisation: 'Exampleshire Council',
      email: 'alex.example@council.example.org',
      phone: '01632 960 001',
    },
    father: {
      name: 'Sam Testperson',
      dateOfBirth: '1988-02-29',
      address: { line1: '1 Fictional Street', town: 'Sampletown', postcode: 'ZZ1 1ZZ' },
      phone: '07700 900 123',
      phoneShared: 'no',
      safeToCall: 'yes',
      safeToLeaveMessage: 'no',
      safeToText: 'yes',
      safeToWrite: 'no',
      safeToEmail: 'unknown',
      bestTimes: 'Weekday mornings before 10',
      language: 'English',
      interpreterNeeded: 'no',
    },
    household: {
      partnerRelationship: 'partner-living-together',
      parentUnder18: 'no',
      children: [
        {
          age: 4,
          relationship: 'his-child',
          livesWith: 'both-parents',
          parentalResponsibility: 'both-parents',
        },
        {
          age: 9,
          relationship: 'stepchild',
          livesWith: 'both-parents',
          parentalResponsibility: 'mother-only',
        },
      ],
      childrenPlan: 'child-in-need',
      socialWorker: { name: 'Jo Placeholder', phone: '01632 960 002' },
      familyElsewhere: 'no',
    },
    concerns: {
      kinds: ['controlling-or-coercive', 'economic'],
      sources: ['she-disclosed', 'seen-by-worker'],
      recentIncidents:
        'Checks her phone daily; took her bank card last month. The children heard shouting.',
      fromHer: 'That he took her bank card.',
      notToShare: 'Anything about her bank card: he would know she told us.',
      acknowledgement: 'minimises',
    },
    risk: {
      highRiskSigns: ['separation'],
      safetyRoutesConsidered: 'yes',
      policeInvolved: 'yes',
      crimeReference: 'XX/12345/24',
      maracStatus: 'not-referred',
      onBail: 'no',
      riskToStaff: 'no',
    },
    agencies: {
      list: [
        {
          agency: 'drug-and-alcohol',
          contact: 'Community alcohol service',
          phone: '01632 960 222',
          email: 'intake@alcohol-service.example.org',
        },
      ],
      details: 'Attends weekly.',
    },
    sharing: {
      article6: 'public-task',
      schedule1: 'safeguarding-children-and-individuals-at-risk',
      reason: 'The children live with the abuse; a behaviour-change service is part of the plan.',
    },
    consent: { basis: 'consent' },
    partner: {
      knowsOfReferral: 'yes',
      victimServiceInvolved: 'yes',
      dashCompleted: 'yes',
      dashOutcome: 'medium',
      mashContacted: 'no',
      safeContactNotes: 'Through her IDVA only.',
    },
    notes: { doNot: 'Do not call the home landline.' },
    restricted: true,
  };
}

/** A deep copy with the value at `path` replaced (or removed, with `remove`). */
export function withField(
  input: Record<string, unknown>,
  path: string,
  value: unknown,
  options: { remove?: boolean } = {},
): Record<string, unknown> {
  const copy = structuredClone(input);
  const parts = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) {
      node[part] = {};
    }
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] as string;
  if (options.remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** Invented tenant and referrer identities. */
export const aTenantId = '00000000-0000-4000-8000-00000000aaaa';
export const aReferrerId = '00000000-0000-4000-8000-0000000000f1';

export function anotherTenantId(): string {
  return randomUUID();
}

/**
 * The example referral as version 2 sent it (other agencies as ticks and one note), before the
 * agencies became a list of their own (version 3).
 */
export function aVersion2Input(): Record<string, unknown> {
  return {
    ...aReferralInput(),
    version: 2,
    agencies: { involved: ['drug-and-alcohol'], details: 'Attends a community alcohol service.' },
  };
}

const exampleDay = new Date('2026-11-23T10:00:00Z');

/** The example referral in payload version 2, as a referral queued before an upgrade holds it. */
export function aVersion2Referral(): ReferralV2 {
  const checked = validateWith(referralV2Payload, aVersion2Input(), { now: exampleDay });
  if (!checked.ok)
    throw new Error(`the version 2 example must pass: ${JSON.stringify(checked.errors)}`);
  return checked.referral;
}

/**
 * The example referral in payload version 1 (the shape before versions, as a referral queued
 * before an upgrade holds it): the version 2 example read through the frozen version 1 schema,
 * which keeps only what version 1 had.
 */
export function aVersion1Referral(): ReferralV1 {
  const checked = validateWith(referralV1Payload, aVersion2Input(), { now: exampleDay });
  if (!checked.ok)
    throw new Error(`the version 1 example must pass: ${JSON.stringify(checked.errors)}`);
  return checked.referral;
}
