import {
  abuseKinds,
  acknowledgements,
  agencies,
  childLivesWith,
  childRelationship,
  childrenPlans,
  consentBases,
  highRiskSigns,
  lawfulBases,
  maracStatuses,
  parentalResponsibility,
  partnerRelationships,
  referralLimits,
  type ReferralSectionName,
} from '../referral';

/**
 * The referral form as the practitioner sees it: seven steps, each a set of fields whose ids are
 * the schema's field paths (`father.phone`), with the client-side hints Teams can check before a
 * card is sent. The server checks every step with the same schema (validateReferralSection), so
 * the hints here only save a round trip; they never decide anything. Wording names no person.
 */

export interface Choice {
  readonly title: string;
  readonly value: string;
}

/**
 * How a field is shown. `choice` is a drop-down, `radio` the same list expanded, `multi` a list
 * of ticks (sent as "a,b"), `toggle` one tick that sends "yes" (or its valueOff, "false").
 * The form uses `radio` for every single answer: the lists are short, every option is in view,
 * and some clients (the Agents Playground) keep a drop-down's old options when a card is
 * replaced in place.
 */
export type FieldKind =
  | 'text'
  | 'multiline'
  | 'email'
  | 'tel'
  | 'date'
  | 'number'
  | 'choice'
  | 'radio'
  | 'multi'
  | 'toggle';

export interface FieldDefinition {
  /** The schema path and the card input id. Child fields use `household.children.<n>.<name>`. */
  readonly path: string;
  readonly label: string;
  readonly kind: FieldKind;
  /** Client hint only; the server decides, including the rules that span fields. */
  readonly required: boolean;
  readonly maxLength?: number;
  /** Client hint (JavaScript syntax, no flags); the schema has the real rule. */
  readonly regex?: string;
  /** What Teams shows when a client-side hint fails. */
  readonly errorMessage?: string;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly choices?: readonly Choice[];
  readonly min?: number;
  readonly max?: number;
}

export const stepIds = [
  'referrer',
  'father',
  'household',
  'concerns',
  'risk',
  'agenciesConsent',
  'partnerNotes',
] as const;
export type StepId = (typeof stepIds)[number];

/** Where the form is: a step, or the page that shows everything before "Send". */
export const formPlaces = [...stepIds, 'review'] as const;
export type FormPlace = (typeof formPlaces)[number];

export interface StepDefinition {
  readonly id: StepId;
  readonly title: string;
  readonly intro: string;
  /** The schema sections this step fills, checked with validateReferralSection each. */
  readonly sections: readonly ReferralSectionName[];
  /** Fields in display order; the household step's children are added per child (childFields). */
  readonly fields: readonly FieldDefinition[];
}

const L = referralLimits;

type Titles<T extends readonly string[]> = { readonly [K in T[number]]: string };

function choicesOf<T extends readonly string[]>(values: T, titles: Titles<T>): Choice[] {
  return values.map((value: T[number]) => ({ title: titles[value], value }));
}

const yesNo = choicesOf(['yes', 'no'] as const, { yes: 'Yes', no: 'No' });
const yesNoUnknown = choicesOf(['yes', 'no', 'unknown'] as const, {
  yes: 'Yes',
  no: 'No',
  unknown: 'Not known',
});

export const choiceTitles = {
  partnerRelationship: choicesOf(partnerRelationships, {
    'partner-living-together': 'Partner, living together',
    'partner-living-apart': 'Partner, living apart',
    'married-or-civil-partner': 'Married or civil partner',
    'separated-or-separating': 'Separated or separating',
    'ex-partner': 'Ex-partner',
    other: 'Other',
  }),
  childLivesWith: choicesOf(childLivesWith, {
    'both-parents': 'Both parents',
    mother: 'Mother',
    father: 'Father (him)',
    'other-family': 'Other family',
    'foster-or-residential-care': 'Foster or residential care',
    other: 'Somewhere else',
  }),
  parentalResponsibility: choicesOf(parentalResponsibility, {
    'both-parents': 'Both parents',
    'mother-only': 'Mother only',
    'father-only': 'Father only',
    other: 'Someone else',
    unknown: 'Not known',
  }),
  childRelationship: choicesOf(childRelationship, {
    'his-child': 'His child',
    stepchild: 'His stepchild',
    'partners-child': "His partner's child",
    other: 'Other',
  }),
  childrenPlan: choicesOf(childrenPlans, {
    none: 'No plan',
    'child-in-need': 'Child in need plan',
    'child-protection': 'Child protection plan',
    unknown: 'Not known',
  }),
  acknowledgement: choicesOf(acknowledgements, {
    acknowledges: 'He acknowledges it',
    minimises: 'He minimises it',
    denies: 'He denies it',
    'blames-others': 'He blames others (her, drink, stress)',
    'not-discussed': 'Not discussed with him yet',
  }),
  abuseKinds: choicesOf(abuseKinds, {
    physical: 'Physical',
    sexual: 'Sexual',
    'violent-or-threatening': 'Violent or threatening behaviour',
    'controlling-or-coercive': 'Controlling or coercive behaviour',
    economic: 'Economic',
    'psychological-or-emotional': 'Psychological or emotional',
  }),
  highRiskSigns: choicesOf(highRiskSigns, {
    'strangulation-or-choking': 'Non-fatal strangulation or choking',
    'threats-to-kill': 'Threats to kill',
    separation: 'Separation or planned separation',
    'pregnancy-or-new-baby': 'Pregnancy or a new baby',
    escalation: 'Abuse getting worse or more frequent',
    weapons: 'Weapons used or threatened',
    stalking: 'Stalking',
    'sexual-violence': 'Sexual violence',
    'victim-fearful': 'She is frightened of what he will do',
    'honour-based-abuse-or-forced-marriage': 'Honour-based abuse or forced marriage',
  }),
  maracStatus: choicesOf(maracStatuses, {
    'not-referred': 'Not referred',
    referred: 'Referred, not yet heard',
    heard: 'Heard at MARAC',
    unknown: 'Not known',
  }),
  agencies: choicesOf(agencies, {
    probation: 'Probation',
    'drug-and-alcohol': 'Drug and alcohol service',
    'mental-health': 'Mental health service',
    cafcass: 'Cafcass',
    police: 'Police',
    housing: 'Housing',
    health: 'Health (GP, health visitor, midwife)',
    education: 'School or nursery',
    other: 'Other',
  }),
  consentBasis: choicesOf(consentBases, {
    consent: 'He agreed to this referral',
    'without-consent': 'I am sharing it without his consent',
  }),
  lawfulBasis: choicesOf(lawfulBases, {
    'safeguarding-children-and-individuals-at-risk':
      'Safeguarding children and individuals at risk (DPA 2018 Schedule 1)',
    'preventing-or-detecting-crime': 'Preventing or detecting crime',
    'statutory-duty': 'A statutory duty',
    other: 'Other (explain in the reason)',
  }),
} as const;

// Client-side patterns: looser than the schema (which Teams cannot run: it needs Unicode classes).
const patterns = {
  phone: '^\\s*\\+?[0-9 ()\\-]{10,30}\\s*$',
  email: '^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$',
  postcode: '^\\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}\\s*$',
  crimeReference: '^\\s*[A-Za-z0-9][A-Za-z0-9 /\\-]*\\s*$',
  // No markup, template, link or escape characters in names, lines of an address, roles.
  plain: '^[^<>{}\\[\\]$`\\\\]*$',
} as const;

const plainLineMessage = 'Use letters, numbers and simple punctuation only.';

function text(
  path: string,
  label: string,
  options: Partial<FieldDefinition> & { readonly required: boolean },
): FieldDefinition {
  return { path, label, kind: 'text', maxLength: L.line, ...options };
}

function pick(
  path: string,
  label: string,
  kind: 'choice' | 'radio' | 'multi',
  choices: readonly Choice[],
  options: Partial<FieldDefinition> & { readonly required: boolean },
): FieldDefinition {
  return { path, label, kind, choices, ...options };
}

const referrerStep: StepDefinition = {
  id: 'referrer',
  title: 'About you',
  intro:
    'Your details as the referrer, so the partnership can contact you. Your role, team and council are remembered for next time.',
  sections: ['referrer'],
  fields: [
    text('referrer.name', 'Your name', {
      required: true,
      maxLength: L.name,
      regex: patterns.plain,
      errorMessage: 'Enter your name.',
    }),
    text('referrer.email', 'Your work email', {
      kind: 'email',
      required: true,
      maxLength: 254,
      regex: patterns.email,
      errorMessage: 'Enter your email address, like name@example.org.',
    }),
    text('referrer.phone', 'Your phone number (optional)', {
      kind: 'tel',
      required: false,
      maxLength: 30,
      regex: patterns.phone,
      errorMessage: 'Enter your phone number as digits, like 01632 960 001.',
    }),
    text('referrer.role', 'Your role', {
      required: true,
      regex: patterns.plain,
      placeholder: 'For example, family support worker',
      errorMessage: 'Enter your role.',
    }),
    text('referrer.team', 'Your team', {
      required: true,
      regex: patterns.plain,
      errorMessage: 'Enter your team.',
    }),
    text('referrer.organisation', 'Your council or organisation', {
      required: true,
      regex: patterns.plain,
      errorMessage: 'Enter your council or organisation.',
    }),
  ],
};

const fatherStep: StepDefinition = {
  id: 'father',
  title: 'About him',
  intro:
    'The father the referral is about, and how the partnership can reach him safely. Only what the service needs.',
  sections: ['father'],
  fields: [
    text('father.name', 'His full name', {
      required: true,
      maxLength: L.name,
      regex: patterns.plain,
      errorMessage: 'Enter his name.',
    }),
    {
      path: 'father.dateOfBirth',
      label: 'His date of birth',
      kind: 'date',
      required: true,
      errorMessage: 'Enter his date of birth.',
    },
    text('father.address.line1', 'Address line 1', {
      required: true,
      regex: patterns.plain,
      errorMessage: 'Enter the first line of his address.',
    }),
    text('father.address.line2', 'Address line 2 (optional)', {
      required: false,
      regex: patterns.plain,
      errorMessage: plainLineMessage,
    }),
    text('father.address.town', 'Town or city', {
      required: true,
      regex: patterns.plain,
      errorMessage: 'Enter his town or city.',
    }),
    text('father.address.postcode', 'Postcode', {
      required: true,
      maxLength: 10,
      regex: patterns.postcode,
      errorMessage: 'Enter his postcode, like SW1A 1AA.',
    }),
    text('father.phone', 'His phone number', {
      kind: 'tel',
      required: true,
      maxLength: 30,
      regex: patterns.phone,
      errorMessage: 'Enter his phone number as digits, like 07700 900 123.',
    }),
    pick('father.safeToCall', 'Is it safe to call him?', 'radio', yesNo, {
      required: true,
      errorMessage: 'Choose whether it is safe to call him.',
    }),
    pick('father.safeToLeaveMessage', 'Is it safe to leave him a message?', 'radio', yesNo, {
      required: true,
      errorMessage: 'Choose whether it is safe to leave him a message.',
    }),
    text('father.bestTimes', 'Best times to call him (optional)', {
      required: false,
      maxLength: L.shortText,
    }),
    text('father.language', 'His preferred language', {
      required: false,
      maxLength: L.name,
      regex: patterns.plain,
      hint: 'Needed if he needs an interpreter. Professional interpreters only: never a family member.',
      errorMessage: plainLineMessage,
    }),
    pick('father.interpreterNeeded', 'Does he need an interpreter?', 'radio', yesNo, {
      required: true,
      errorMessage: 'Choose whether he needs an interpreter.',
    }),
  ],
};

/** The household step; children are inserted after `partnerRelationship`, one group per child. */
const householdStep: StepDefinition = {
  id: 'household',
  title: 'Household and children',
  intro:
    'Who lives in or visits the household. Add each child; a household with no children is allowed.',
  sections: ['household'],
  // No client-side "required" here: Teams would refuse "Add a child" or "Remove" until every
  // required input was filled. The server's errors appear beside the fields instead. Children
  // are added, changed and removed one at a time on a card of their own (see childFields).
  fields: [
    pick(
      'household.partnerRelationship',
      "His partner's relationship to him",
      'radio',
      choiceTitles.partnerRelationship,
      { required: false },
    ),
    pick(
      'household.childrenPlan',
      'Is there a child protection or child in need plan?',
      'radio',
      choiceTitles.childrenPlan,
      { required: false },
    ),
    text('household.socialWorker.name', "Social worker's name", {
      required: false,
      maxLength: L.name,
      regex: patterns.plain,
      hint: 'Needed when there is a child protection or child in need plan.',
      errorMessage: plainLineMessage,
    }),
    text('household.socialWorker.phone', "Social worker's phone (optional)", {
      kind: 'tel',
      required: false,
      maxLength: 30,
      regex: patterns.phone,
      errorMessage: 'Enter the phone number as digits, like 01632 960 001.',
    }),
    text('household.socialWorker.email', "Social worker's email (optional)", {
      kind: 'email',
      required: false,
      maxLength: 254,
      regex: patterns.email,
      errorMessage: 'Enter the email address, like name@example.org.',
    }),
  ],
};

/** The four fields of child `index` (0-based), labelled for a person (1-based). */
export function childFields(index: number): FieldDefinition[] {
  const n = index + 1;
  const base = `household.children.${index}`;
  return [
    {
      path: `${base}.age`,
      label: `Child ${n}: age`,
      kind: 'number',
      required: true,
      min: 0,
      max: 17,
      errorMessage: 'Enter an age from 0 to 17.',
    },
    pick(
      `${base}.relationship`,
      `Child ${n}: relationship to him`,
      'radio',
      choiceTitles.childRelationship,
      {
        required: true,
        errorMessage: "Choose the child's relationship to him.",
      },
    ),
    pick(`${base}.livesWith`, `Child ${n}: lives with`, 'radio', choiceTitles.childLivesWith, {
      required: true,
      errorMessage: 'Choose who the child lives with.',
    }),
    pick(
      `${base}.parentalResponsibility`,
      `Child ${n}: who has parental responsibility`,
      'radio',
      choiceTitles.parentalResponsibility,
      { required: true, errorMessage: 'Choose who has parental responsibility.' },
    ),
  ];
}

export const childFieldNames = [
  'age',
  'relationship',
  'livesWith',
  'parentalResponsibility',
] as const;

const concernsStep: StepDefinition = {
  id: 'concerns',
  title: 'Concerns',
  intro:
    'What is happening at home. Abuse as the Domestic Abuse Act 2021 describes it; children who see, hear or live with it are victims in their own right.',
  sections: ['concerns'],
  fields: [
    pick(
      'concerns.kinds',
      'Kinds of abuse (tick all that apply)',
      'multi',
      choiceTitles.abuseKinds,
      {
        required: true,
        errorMessage: 'Choose at least one kind of abuse.',
      },
    ),
    {
      path: 'concerns.recentIncidents',
      label: 'What has happened recently',
      kind: 'multiline',
      required: true,
      maxLength: L.incidents,
      hint: 'Facts and dates; what the children saw, heard or lived with. His words where you have them.',
      errorMessage: 'Enter what has happened recently.',
    },
    pick(
      'concerns.acknowledgement',
      'How does he respond to the concerns?',
      'radio',
      choiceTitles.acknowledgement,
      { required: true, errorMessage: 'Choose how he responds to the concerns.' },
    ),
  ],
};

const riskStep: StepDefinition = {
  id: 'risk',
  title: 'Risk',
  intro: 'Signs of high risk, and what the police, MARAC and the courts already know.',
  sections: ['risk'],
  fields: [
    pick(
      'risk.highRiskSigns',
      'High-risk signs (tick any that apply)',
      'multi',
      choiceTitles.highRiskSigns,
      {
        required: false,
      },
    ),
    {
      path: 'risk.safetyRoutesConsidered',
      label:
        "I have considered 999, children's safeguarding and MARAC, and used the ones that apply. Required if you tick a high-risk sign.",
      kind: 'toggle',
      required: false,
    },
    pick('risk.policeInvolved', 'Are the police involved?', 'radio', yesNoUnknown, {
      required: true,
      errorMessage: 'Choose whether the police are involved.',
    }),
    text('risk.crimeReference', 'Crime reference (optional)', {
      required: false,
      maxLength: L.crimeReference,
      regex: patterns.crimeReference,
      errorMessage: 'Use letters, digits, spaces, / and - only.',
    }),
    pick('risk.maracStatus', 'MARAC', 'radio', choiceTitles.maracStatus, {
      required: true,
      errorMessage: 'Choose the MARAC status.',
    }),
    {
      path: 'risk.courtOrders',
      label: 'Court orders (optional)',
      kind: 'multiline',
      required: false,
      maxLength: L.notes,
      placeholder: 'For example, a non-molestation order or child arrangements order',
    },
    pick('risk.onBail', 'Is he on bail?', 'radio', yesNoUnknown, {
      required: true,
      errorMessage: 'Choose whether he is on bail.',
    }),
    {
      path: 'risk.bailConditions',
      label: 'Bail conditions (optional)',
      kind: 'multiline',
      required: false,
      maxLength: L.notes,
    },
  ],
};

const agenciesConsentStep: StepDefinition = {
  id: 'agenciesConsent',
  title: 'Other agencies and consent',
  intro:
    'Who else is involved, and whether he agreed to this referral. Without his consent, record the lawful basis and why sharing is necessary and proportionate.',
  sections: ['agencies', 'consent'],
  fields: [
    pick(
      'agencies.involved',
      'Other agencies involved (tick any)',
      'multi',
      choiceTitles.agencies,
      {
        required: false,
      },
    ),
    {
      path: 'agencies.details',
      label: 'Details of other agencies (optional)',
      kind: 'multiline',
      required: false,
      maxLength: L.notes,
    },
    pick('consent.basis', 'Consent', 'radio', choiceTitles.consentBasis, {
      required: true,
      errorMessage: 'Choose whether he agreed to the referral.',
    }),
    pick(
      'consent.lawfulBasis',
      'Lawful basis for sharing without consent',
      'radio',
      choiceTitles.lawfulBasis,
      {
        required: false,
        hint: 'Only when sharing without his consent.',
      },
    ),
    {
      path: 'consent.reason',
      label: 'Why you are sharing without his consent',
      kind: 'multiline',
      required: false,
      maxLength: L.reason,
      hint: 'Only when sharing without his consent. The reason is recorded with the referral.',
    },
  ],
};

const partnerNotesStep: StepDefinition = {
  id: 'partnerNotes',
  title: 'His partner, and notes for callers',
  intro:
    'Support for his partner goes through the victim service, never through him. Tell callers anything that would make contact unsafe.',
  sections: ['partner', 'notes'],
  fields: [
    pick(
      'partner.knowsOfReferral',
      'Does his partner know about this referral?',
      'radio',
      yesNoUnknown,
      {
        required: true,
        errorMessage: 'Choose whether his partner knows of the referral.',
      },
    ),
    pick(
      'partner.victimServiceInvolved',
      'Is a victim service supporting her?',
      'radio',
      yesNoUnknown,
      { required: true, errorMessage: 'Choose whether a victim service supports her.' },
    ),
    {
      path: 'partner.safeContactNotes',
      label: 'Safe ways to reach her, through the victim service (optional)',
      kind: 'multiline',
      required: false,
      maxLength: L.notes,
      hint: 'For example, through her IDVA only. Never contact her through him.',
    },
    {
      path: 'notes.doNot',
      label: 'Anything callers must not do (optional)',
      kind: 'multiline',
      required: false,
      maxLength: L.notes,
      placeholder: 'For example, do not call the home landline',
    },
  ],
};

export const formSteps: readonly StepDefinition[] = [
  referrerStep,
  fatherStep,
  householdStep,
  concernsStep,
  riskStep,
  agenciesConsentStep,
  partnerNotesStep,
];

const stepsById = new Map(formSteps.map((s) => [s.id, s]));

export function stepDefinition(id: StepId): StepDefinition {
  const step = stepsById.get(id);
  if (!step) throw new Error(`unknown form step ${id}`);
  return step;
}

export const isStepId = (value: string): value is StepId =>
  (stepIds as readonly string[]).includes(value);

/** The most children the form takes (the schema's limit). */
export const maxChildren = referralLimits.children;

/** Every field of a step, children included (each child's four after the partner's relationship). */
export function fieldsOf(step: StepDefinition, childCount: number): FieldDefinition[] {
  if (step.id !== 'household') return [...step.fields];
  const [relationship, ...rest] = step.fields;
  const children = Array.from({ length: Math.min(childCount, maxChildren) }, (_, i) =>
    childFields(i),
  ).flat();
  return [...(relationship ? [relationship] : []), ...children, ...rest];
}

/** The child a field path belongs to (`household.children.<n>.<field>`), or undefined. */
export function childIndexOf(path: string): number | undefined {
  const match = /^household\.children\.(\d{1,2})(?:\.|$)/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/** The step a field path belongs to (children included), or undefined. */
export function stepOfPath(path: string): StepId | undefined {
  const section = path.split('.')[0];
  return formSteps.find((s) => (s.sections as readonly string[]).includes(section ?? ''))?.id;
}

/** The label a field path is shown with: for review rows and for the partnership's corrections. */
export function labelOfPath(path: string): string | undefined {
  const child = /^household\.children\.(\d{1,2})\.(\w+)$/.exec(path);
  if (child) {
    return childFields(Number(child[1])).find((f) => f.path === path)?.label;
  }
  for (const step of formSteps) {
    const field = step.fields.find((f) => f.path === path);
    if (field) return field.label;
  }
  return undefined;
}

/** Words of the form that are not field labels. `{{...}}` are the council's local details. */
export const formWording = {
  title: 'Make a referral',
  restrictedNote:
    'Restricted: this referral holds special category and criminal-offence data. Share only what is necessary.',
  draftNote:
    'Saved as a draft each time you press Next (kept for 7 days). Nothing is sent until you press Send on the last page.',
  safetyLine: 'If anyone is in immediate danger, call 999.',
  routesTitle: 'A referral to the partnership does not replace these:',
  routes: [
    'Immediate danger: call 999.',
    'Any concern for a child: {{mash.name}} ({{mash.phone}}), the same day. Out of hours: {{outOfHours.phone}}.',
    'High risk to her: {{marac.route}}.',
    'Advice: {{daLead.contact}}.',
  ],
  errorSummary: (count: number) =>
    count === 1
      ? 'One answer needs your attention: see the message in red below.'
      : `${count} answers need your attention: see the messages in red below.`,
  prefilledFromCoaching:
    'Some answers were filled in from your walk-through. Check them as you go.',
  returnedByPartnership:
    'The partnership sent this referral back. Correct the answers marked in red, then send it again.',
  addChild: 'Add a child',
  changeChild: (n: number) => `Change child ${n}`,
  removeChild: (n: number) => `Remove child ${n}`,
  saveChild: 'Save this child',
  cancelChild: 'Cancel',
  childTitle: (n: number) => `Child ${n}`,
  childIntro: 'One child who lives in or visits the household. Ages from 0 to 17; no names needed.',
  childNeedsAttention: (n: number) => `Child ${n} needs attention: press "Change child ${n}".`,
  childIncomplete: 'Not filled in yet',
  noChildren: 'No children added. Add each child who lives in or visits the household.',
  childrenHeading: 'Children',
  next: 'Next',
  checkAnswers: 'Check your answers',
  back: 'Back',
  reviewTitle: 'Check your answers before sending',
  reviewIntro:
    'This is everything the partnership will receive. Change anything that is wrong, then press Send.',
  change: (title: string) => `Change: ${title}`,
  send: 'Send the referral',
  deleteDraft: 'Delete this draft',
  none: 'Not given',
  highRiskTitle: 'You ticked high-risk signs',
} as const;
