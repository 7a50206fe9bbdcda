import { z } from 'zod';
import {
  calendarDate,
  isCalendarDate,
  choice,
  choices,
  email,
  optionalChoice,
  optionalText,
  personName,
  phone,
  plainLine,
  postcode,
  requiredText,
  wholeNumber,
} from './fields';
import { at, ticked, type CrossRule } from './referralFields';
import type { PayloadRules } from './validateReferral';

/**
 * Payload version 1 of the referral, FROZEN: the shape the bot sent before the field declaration
 * (referralDeclaration.ts, version 2). It is kept only so that the intake receiver can still check
 * a referral queued in this shape before an upgrade (it carries no `version`), and so that its
 * JSON Schema stays published. Never change it: a change would refuse bodies already queued.
 */

const referralLimits = {
  name: 100,
  line: 120,
  shortText: 200,
  notes: 1000,
  incidents: 4000,
  reason: 2000,
  crimeReference: 40,
  children: 12,
} as const;

const L = referralLimits;

const yesNo = ['yes', 'no'] as const;
const yesNoUnknown = ['yes', 'no', 'unknown'] as const;

/** Kinds of abuse as defined in the Domestic Abuse Act 2021, s.1(3). */
const abuseKinds = [
  'physical',
  'sexual',
  'violent-or-threatening',
  'controlling-or-coercive',
  'economic',
  'psychological-or-emotional',
] as const;

/** The high-risk signs of CONTENT-GUIDE.md stage 4. */
const highRiskSigns = [
  'strangulation-or-choking',
  'threats-to-kill',
  'separation',
  'pregnancy-or-new-baby',
  'escalation',
  'weapons',
  'stalking',
  'sexual-violence',
  'victim-fearful',
  'honour-based-abuse-or-forced-marriage',
] as const;

const partnerRelationships = [
  'partner-living-together',
  'partner-living-apart',
  'married-or-civil-partner',
  'separated-or-separating',
  'ex-partner',
  'other',
] as const;

const childLivesWith = [
  'both-parents',
  'mother',
  'father',
  'other-family',
  'foster-or-residential-care',
  'other',
] as const;

const parentalResponsibility = [
  'both-parents',
  'mother-only',
  'father-only',
  'other',
  'unknown',
] as const;
const childRelationship = ['his-child', 'stepchild', 'partners-child', 'other'] as const;
const childrenPlans = ['none', 'child-in-need', 'child-protection', 'unknown'] as const;
const acknowledgements = [
  'acknowledges',
  'minimises',
  'denies',
  'blames-others',
  'not-discussed',
] as const;
const maracStatuses = ['not-referred', 'referred', 'heard', 'unknown'] as const;
const agencies = [
  'probation',
  'drug-and-alcohol',
  'mental-health',
  'cafcass',
  'police',
  'housing',
  'health',
  'education',
  'other',
] as const;
const consentBases = ['consent', 'without-consent'] as const;
/** Grounds for sharing without consent (UK GDPR with DPA 2018 Schedule 1); the reason is recorded. */
const lawfulBases = [
  'safeguarding-children-and-individuals-at-risk',
  'preventing-or-detecting-crime',
  'statutory-duty',
  'other',
] as const;

/** A form step: an object whose absence gets one plain message. */
function section<S extends z.ZodRawShape>(message: string, shape: S) {
  return z.object(shape, { error: message });
}

const child = z.object({
  age: wholeNumber("the child's age", 0, 17),
  relationship: choice("the child's relationship to him", childRelationship),
  livesWith: choice('who the child lives with', childLivesWith),
  parentalResponsibility: choice('who has parental responsibility', parentalResponsibility),
});

/** One schema per form step, so a step can be checked on its own before the next is shown. */
const referralV1Sections = {
  referrer: section('Fill in your details.', {
    name: personName('your name', L.name, { required: true }),
    role: plainLine('your role', L.line, { required: true }),
    team: plainLine('your team', L.line, { required: true }),
    organisation: plainLine('your council or organisation', L.line, { required: true }),
    email: email('your email address', { required: true }),
    phone: phone('your phone number', { required: false }),
  }),
  father: section('Fill in his details.', {
    name: personName('his name', L.name, { required: true }),
    dateOfBirth: calendarDate('his date of birth', { required: true }),
    address: z.object(
      {
        line1: plainLine('the first line of his address', L.line, { required: true }),
        line2: plainLine('the second line of his address', L.line, { required: false }),
        town: plainLine('his town or city', L.line, { required: true }),
        postcode: postcode('his postcode'),
      },
      { error: 'Enter his address.' },
    ),
    phone: phone('his phone number', { required: true }),
    safeToCall: choice('whether it is safe to call him', yesNo),
    safeToLeaveMessage: choice('whether it is safe to leave him a message', yesNo),
    bestTimes: optionalText('the best times to call him', L.shortText),
    language: plainLine('his preferred language', L.name, { required: false }),
    interpreterNeeded: choice('whether he needs an interpreter', yesNo),
  }),
  household: section('Fill in the household and children.', {
    partnerRelationship: choice("his partner's relationship to him", partnerRelationships),
    children: z
      .array(child, { error: 'List the children in the household (none is allowed).' })
      .max(L.children, { error: `List at most ${L.children} children.` }),
    childrenPlan: choice(
      'whether there is a child protection or child-in-need plan',
      childrenPlans,
    ),
    socialWorker: z
      .object(
        {
          name: personName("the social worker's name", L.name, { required: false }),
          phone: phone("the social worker's phone number", { required: false }),
          email: email("the social worker's email address", { required: false }),
        },
        { error: "Enter the social worker's details." },
      )
      .optional(),
  }),
  concerns: section('Fill in the concerns.', {
    kinds: choices('the kinds of abuse', abuseKinds, { min: 1 }),
    recentIncidents: requiredText('what has happened recently', L.incidents),
    acknowledgement: choice('how he responds to the concerns', acknowledgements),
  }),
  risk: section('Fill in the risk section.', {
    highRiskSigns: choices('the high-risk signs', highRiskSigns, { min: 0 }),
    safetyRoutesConsidered: optionalChoice('whether you have considered the safety routes', [
      'yes',
    ] as const),
    policeInvolved: choice('whether the police are involved', yesNoUnknown),
    crimeReference: optionalText('the crime reference', L.crimeReference).refine(
      (v) => v === undefined || /^[A-Za-z0-9][A-Za-z0-9 /-]*$/.test(v.trim()),
      { error: 'The crime reference can only use letters, digits, spaces, / and -.' },
    ),
    maracStatus: choice('the MARAC status', maracStatuses),
    courtOrders: optionalText('the court orders', L.notes),
    onBail: choice('whether he is on bail', yesNoUnknown),
    bailConditions: optionalText('the bail conditions', L.notes),
  }),
  agencies: section('Fill in the other agencies section.', {
    involved: choices('the other agencies involved', agencies, { min: 0 }),
    details: optionalText('the details of other agencies', L.notes),
  }),
  consent: section('Fill in the consent section.', {
    basis: choice('whether he agreed to the referral', consentBases),
    lawfulBasis: optionalChoice('the lawful basis for sharing without consent', lawfulBases),
    reason: optionalText('why you are sharing without consent', L.reason),
  })
    // Minimum data: with his consent, grounds for sharing without it are not kept.
    .transform((c) => (c.basis === 'consent' ? { basis: c.basis } : c)),
  partner: section('Fill in the section about his partner.', {
    knowsOfReferral: choice('whether his partner knows of the referral', yesNoUnknown),
    victimServiceInvolved: choice('whether a victim service supports her', yesNoUnknown),
    safeContactNotes: optionalText(
      'the safe ways to reach her through the victim service',
      L.notes,
    ),
  }),
  notes: section('Fill in the notes for callers.', {
    doNot: optionalText('what callers must not do', L.notes),
  }),
} as const;

export const referralV1Schema = z.object(
  {
    ...referralV1Sections,
    // Special category and criminal-offence data: always marked restricted.
    restricted: z.literal(true, { error: 'The referral must be marked restricted.' }).default(true),
  },
  { error: 'The referral is missing.' },
);

export type ReferralV1 = z.output<typeof referralV1Schema>;

const blank = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.trim() === '');

/** Version 1's rules across fields, as they were. */
const referralV1Rules: readonly CrossRule[] = [
  {
    section: 'father',
    field: ['language'],
    broken: (s) => at(s, ['interpreterNeeded']) === 'yes' && blank(at(s, ['language'])),
    message: 'Enter the language he needs an interpreter for.',
  },
  {
    section: 'father',
    field: ['dateOfBirth'],
    broken: (s, now) => {
      const dob = at(s, ['dateOfBirth']);
      return typeof dob === 'string' && isCalendarDate(dob) && dob > now.toISOString().slice(0, 10);
    },
    message: 'His date of birth must be in the past.',
  },
  {
    section: 'household',
    field: ['socialWorker', 'name'],
    broken: (s) => {
      const plan = at(s, ['childrenPlan']);
      return (
        (plan === 'child-protection' || plan === 'child-in-need') &&
        blank(at(s, ['socialWorker', 'name']))
      );
    },
    message: "Enter the social worker's name: there is a child protection or child-in-need plan.",
  },
  {
    section: 'risk',
    field: ['safetyRoutesConsidered'],
    broken: (s) =>
      ticked(at(s, ['highRiskSigns'])).length > 0 && at(s, ['safetyRoutesConsidered']) !== 'yes',
    message:
      "Confirm you have considered 999, children's safeguarding and MARAC: a referral to the partnership does not replace them.",
  },
  {
    section: 'consent',
    field: ['lawfulBasis'],
    broken: (s) => at(s, ['basis']) === 'without-consent' && blank(at(s, ['lawfulBasis'])),
    message: 'Choose the lawful basis for sharing without his consent.',
  },
  {
    section: 'consent',
    field: ['reason'],
    broken: (s) => at(s, ['basis']) === 'without-consent' && blank(at(s, ['reason'])),
    message: 'Say why you are sharing without his consent: the reason must be recorded.',
  },
];

/** Everything a receiver checks a version 1 body with. */
export const referralV1Payload: PayloadRules<ReferralV1> = {
  schema: referralV1Schema,
  sections: Object.keys(referralV1Sections),
  rules: referralV1Rules,
  multiSelects: new Set(['concerns.kinds', 'risk.highRiskSigns', 'agencies.involved']),
};
