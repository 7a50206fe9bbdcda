import { field, group, repeating, section } from './declaration';

/**
 * Every field of a referral, declared once (CONTENT-GUIDE.md, "What a referral to a perpetrator
 * service holds" and "The legal frame"): its kind, label, hint, limits, options, messages, when
 * it is required and whether it is restricted. Its place here is its path, and the section it is
 * in is filled on one step of the form (referralSteps). The validation schema, the form's cards,
 * the review page, the partnership's JSON Schema and the test lists are all derived from this.
 *
 * To add a field: declare it in its section below. Nothing else needs to change.
 */

/** Length limits. */
export const referralLimits = {
  name: 100,
  line: 120,
  shortText: 200,
  notes: 1000,
  incidents: 4000,
  reason: 2000,
  crimeReference: 40,
  children: 12,
  agencies: 6,
} as const;

const L = referralLimits;

const yesNo = { yes: 'Yes', no: 'No' } as const;
const yesNoUnknown = { yes: 'Yes', no: 'No', unknown: 'Not known' } as const;

// Client-side patterns: looser than the schema (which Teams cannot run: it needs Unicode classes).
export const clientPatterns = {
  phone: '^\\s*\\+?[0-9 ()\\-]{10,30}\\s*$',
  email: '^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$',
  postcode: '^\\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}\\s*$',
  // No markup, template, link or escape characters in names, lines of an address, roles.
  plain: '^[^<>{}\\[\\]$`\\\\]*$',
} as const;

/** The kinds of agency that may be working with the family (payload version 2's ticks too). */
export const agencyKinds = {
  probation: 'Probation',
  'drug-and-alcohol': 'Drug and alcohol service',
  'mental-health': 'Mental health service',
  cafcass: 'Cafcass',
  police: 'Police',
  housing: 'Housing',
  health: 'Health (GP, health visitor, midwife)',
  education: 'School or nursery',
  other: 'Other',
} as const;

const sheSaid = 'Restricted: never tell him, confirm or hint what she has said.';

export const referralSections = {
  referrer: section('Fill in your details.', {
    name: field.name({ label: 'Your name', subject: 'your name', required: true, max: L.name }),
    email: field.email({
      label: 'Your work email',
      subject: 'your email address',
      required: true,
      clientMessage: 'Enter your email address, like name@example.org.',
    }),
    phone: field.phone({
      label: 'Your phone number (optional)',
      subject: 'your phone number',
      required: false,
      clientMessage: 'Enter your phone number as digits, like 01632 960 001.',
    }),
    role: field.line({
      label: 'Your role',
      subject: 'your role',
      required: true,
      max: L.line,
      placeholder: 'For example, family support worker',
    }),
    team: field.line({ label: 'Your team', subject: 'your team', required: true, max: L.line }),
    organisation: field.line({
      label: 'Your council or organisation',
      subject: 'your council or organisation',
      required: true,
      max: L.line,
    }),
  }),

  father: section('Fill in his details.', {
    name: field.name({ label: 'His full name', subject: 'his name', required: true, max: L.name }),
    dateOfBirth: field.date({
      label: 'His date of birth',
      subject: 'his date of birth',
      required: true,
      inThePast: 'His date of birth must be in the past.',
    }),
    address: group('Enter his address.', {
      line1: field.line({
        label: 'Address line 1',
        subject: 'the first line of his address',
        required: true,
        max: L.line,
      }),
      line2: field.line({
        label: 'Address line 2 (optional)',
        subject: 'the second line of his address',
        required: false,
        max: L.line,
      }),
      town: field.line({
        label: 'Town or city',
        subject: 'his town or city',
        required: true,
        max: L.line,
      }),
      postcode: field.postcode({
        label: 'Postcode',
        subject: 'his postcode',
        required: true,
        clientMessage: 'Enter his postcode, like SW1A 1AA.',
      }),
    }),
    phone: field.phone({
      label: 'His phone number',
      subject: 'his phone number',
      required: true,
      clientMessage: 'Enter his phone number as digits, like 07700 900 123.',
    }),
    phoneShared: field.choice({
      label: 'Does anyone else use or see this phone (is it shared)?',
      subject: 'whether his phone is shared',
      reviewLabel: 'Phone shared',
      required: true,
      options: yesNoUnknown,
    }),
    safeToCall: field.choice({
      label: 'Is it safe to call him?',
      subject: 'whether it is safe to call him',
      required: true,
      options: yesNo,
    }),
    safeToLeaveMessage: field.choice({
      label: 'Is it safe to leave him a voicemail or message?',
      subject: 'whether it is safe to leave him a message',
      required: true,
      options: yesNo,
    }),
    safeToText: field.choice({
      label: 'Is it safe to send him texts?',
      subject: 'whether it is safe to text him',
      required: true,
      options: yesNoUnknown,
      hint: 'Written contact can reach a shared phone or address: check it is safe, as for calls.',
    }),
    safeToWrite: field.choice({
      label: 'Is it safe to send him letters?',
      subject: 'whether it is safe to send him letters',
      required: true,
      options: yesNoUnknown,
    }),
    safeToEmail: field.choice({
      label: 'Is it safe to email him?',
      subject: 'whether it is safe to email him',
      required: true,
      options: yesNoUnknown,
    }),
    bestTimes: field.text({
      label: 'Best times to contact him (optional)',
      subject: 'the best times to contact him',
      required: false,
      max: L.shortText,
    }),
    language: field.line({
      label: 'His preferred language',
      subject: 'his preferred language',
      required: false,
      requiredWhen: {
        when: { field: 'interpreterNeeded', is: ['yes'] },
        message: 'Enter the language he needs an interpreter for.',
      },
      max: L.name,
      hint: 'Needed if he needs an interpreter. Professional interpreters only: never a family member.',
    }),
    interpreterNeeded: field.choice({
      label: 'Does he need an interpreter?',
      subject: 'whether he needs an interpreter',
      required: true,
      options: yesNo,
    }),
    accessibilityNeeds: field.notes({
      label: 'Accessibility or learning needs (optional)',
      subject: 'his accessibility or learning needs',
      required: false,
      max: L.notes,
      hint: 'For example, a learning disability, literacy, hearing or sight: what helps him take part.',
    }),
    previousProgrammes: field.notes({
      label: 'Previous behaviour-change programmes (optional)',
      subject: 'his previous programmes',
      required: false,
      max: L.notes,
      hint: 'Which, when, and whether he finished them, if known.',
    }),
  }),

  household: section('Fill in the household and children.', {
    partnerRelationship: field.choice({
      label: "His partner's relationship to him",
      subject: "his partner's relationship to him",
      required: true,
      options: {
        'partner-living-together': 'Partner, living together',
        'partner-living-apart': 'Partner, living apart',
        'married-or-civil-partner': 'Married or civil partner',
        'separated-or-separating': 'Separated or separating',
        'ex-partner': 'Ex-partner',
        other: 'Other',
      },
    }),
    parentUnder18: field.choice({
      label: 'Is either parent under 18?',
      subject: 'whether either parent is under 18',
      reviewLabel: 'A parent is under 18',
      required: true,
      options: yesNoUnknown,
      hint: "If so, follow your children's safeguarding procedures for them too: a young parent may need a young people's service, not an adult programme.",
    }),
    children: repeating(
      {
        itemTitle: 'Child',
        max: L.children,
        messages: {
          missing: 'List the children in the household (none is allowed).',
          tooMany: `List at most ${L.children} children.`,
        },
        wording: {
          heading: 'Children',
          none: 'No children added. Add each child who lives in or visits the household.',
          add: 'Add a child',
          intro:
            'One child who lives in or visits the household. Ages from 0 to 17; no names needed.',
        },
      },
      {
        age: field.number({
          label: 'age',
          subject: "the child's age",
          required: true,
          min: 0,
          max: 17,
          clientMessage: 'Enter an age from 0 to 17.',
        }),
        relationship: field.choice({
          label: 'relationship to him',
          subject: "the child's relationship to him",
          required: true,
          options: {
            'his-child': 'His child',
            stepchild: 'His stepchild',
            'partners-child': "His partner's child",
            other: 'Other',
          },
        }),
        livesWith: field.choice({
          label: 'lives with',
          subject: 'who the child lives with',
          required: true,
          options: {
            'both-parents': 'Both parents',
            mother: 'Mother',
            father: 'Father (him)',
            'other-family': 'Other family',
            'foster-or-residential-care': 'Foster or residential care',
            other: 'Somewhere else',
          },
        }),
        parentalResponsibility: field.choice({
          label: 'who has parental responsibility',
          subject: 'who has parental responsibility',
          required: true,
          options: {
            'both-parents': 'Both parents',
            'mother-only': 'Mother only',
            'father-only': 'Father only',
            other: 'Someone else',
            unknown: 'Not known',
          },
        }),
      },
    ),
    childrenPlan: field.choice({
      label: 'Is there a child protection or child in need plan?',
      subject: 'whether there is a child protection or child-in-need plan',
      required: true,
      options: {
        none: 'No plan',
        'child-in-need': 'Child in need plan',
        'child-protection': 'Child protection plan',
        unknown: 'Not known',
      },
    }),
    socialWorker: group("Enter the social worker's details.", {
      name: field.name({
        label: "Social worker's name",
        subject: "the social worker's name",
        required: false,
        requiredWhen: {
          when: { field: 'childrenPlan', is: ['child-protection', 'child-in-need'] },
          message:
            "Enter the social worker's name: there is a child protection or child-in-need plan.",
        },
        max: L.name,
        hint: 'Needed when there is a child protection or child in need plan.',
      }),
      phone: field.phone({
        label: "Social worker's phone (optional)",
        subject: "the social worker's phone number",
        required: false,
        clientMessage: 'Enter the phone number as digits, like 01632 960 001.',
      }),
      email: field.email({
        label: "Social worker's email (optional)",
        subject: "the social worker's email address",
        required: false,
        clientMessage: 'Enter the email address, like name@example.org.',
      }),
    }),
    familyElsewhere: field.choice({
      label: 'Does he have other partners, or children living elsewhere?',
      subject: 'whether he has other partners or children elsewhere',
      reviewLabel: 'Other partners or children elsewhere',
      required: true,
      options: yesNoUnknown,
    }),
    familyElsewhereDetails: field.notes({
      label: 'Other partners or children elsewhere: what you know',
      subject: 'what you know of his other partners or children',
      required: false,
      requiredWhen: {
        when: { field: 'familyElsewhere', is: ['yes'] },
        message: 'Say what you know of his other partners or children: they may be at risk too.',
      },
      max: L.notes,
      hint: 'Ages of children, and whether anyone is already involved with them. No names needed.',
    }),
  }),

  concerns: section('Fill in the concerns.', {
    kinds: field.choices({
      label: 'Kinds of abuse (tick all that apply)',
      subject: 'the kinds of abuse',
      required: true,
      min: 1,
      options: {
        physical: 'Physical',
        sexual: 'Sexual',
        'violent-or-threatening': 'Violent or threatening behaviour',
        'controlling-or-coercive': 'Controlling or coercive behaviour',
        economic: 'Economic',
        'psychological-or-emotional': 'Psychological or emotional',
      },
      clientMessage: 'Choose at least one kind of abuse.',
    }),
    sources: field.choices({
      label: 'Where the concerns came from (tick all that apply)',
      subject: 'where the concerns came from',
      required: true,
      min: 1,
      options: {
        'she-disclosed': 'She told me or another worker',
        children: 'The children',
        him: 'He said so himself',
        'seen-by-worker': 'A worker saw or heard it',
        police: 'The police',
        'other-agency': 'Another agency',
        records: 'Records',
      },
      hint: 'What came from her must never be passed on to him.',
    }),
    recentIncidents: field.notes({
      label: 'What has happened recently',
      subject: 'what has happened recently',
      required: true,
      max: L.incidents,
      hint: 'Facts and dates; what the children saw, heard or lived with. His words where you have them.',
      restricted: true,
    }),
    fromHer: field.notes({
      label: 'Which of these concerns came from her',
      subject: 'which concerns came from her',
      required: false,
      requiredWhen: {
        when: { field: 'sources', ticks: 'she-disclosed' },
        message: 'Say which concerns came from her: the partnership must not raise them with him.',
      },
      max: L.notes,
      hint: sheSaid,
      restricted: true,
    }),
    notToShare: field.notes({
      label: 'Information not to be shared with him',
      subject: 'the information not to be shared with him',
      required: false,
      requiredWhen: {
        when: { field: 'sources', ticks: 'she-disclosed' },
        message: 'Say what must not be shared with him: some concerns came from her.',
      },
      max: L.notes,
      hint: 'Anything he must not be told, confirmed or hinted at, and why.',
      restricted: true,
    }),
    acknowledgement: field.choice({
      label: 'How does he respond to the concerns?',
      subject: 'how he responds to the concerns',
      required: true,
      options: {
        acknowledges: 'He acknowledges it',
        minimises: 'He minimises it',
        denies: 'He denies it',
        'blames-others': 'He blames others (her, drink, stress)',
        'not-discussed': 'Not discussed with him yet',
      },
    }),
  }),

  risk: section('Fill in the risk section.', {
    highRiskSigns: field.choices({
      label: 'High-risk signs (tick any that apply)',
      subject: 'the high-risk signs',
      required: false,
      min: 0,
      options: {
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
      },
    }),
    safetyRoutesConsidered: field.confirm({
      label:
        "I have considered 999, children's safeguarding and MARAC, and used the ones that apply. Required if you tick a high-risk sign.",
      subject: 'whether you have considered the safety routes',
      reviewLabel: "Safety routes (999, children's safeguarding, MARAC) considered",
      required: false,
      requiredWhen: {
        when: { field: 'highRiskSigns', anyTicked: true },
        message:
          "Confirm you have considered 999, children's safeguarding and MARAC: a referral to the partnership does not replace them.",
      },
    }),
    policeInvolved: field.choice({
      label: 'Are the police involved?',
      subject: 'whether the police are involved',
      required: true,
      options: yesNoUnknown,
    }),
    crimeReference: field.text({
      label: 'Crime reference (optional)',
      subject: 'the crime reference',
      required: false,
      max: L.crimeReference,
      pattern: {
        server: /^[A-Za-z0-9][A-Za-z0-9 /-]*$/,
        client: '^\\s*[A-Za-z0-9][A-Za-z0-9 /\\-]*\\s*$',
        message: 'The crime reference can only use letters, digits, spaces, / and -.',
      },
      clientMessage: 'Use letters, digits, spaces, / and - only.',
    }),
    convictions: field.notes({
      label: 'Relevant convictions (optional)',
      subject: 'his relevant convictions',
      required: false,
      max: L.notes,
      hint: 'Violence, abuse, breaches of orders, weapons: what and when, as far as you know.',
    }),
    maracStatus: field.choice({
      label: 'MARAC',
      subject: 'the MARAC status',
      required: true,
      options: {
        'not-referred': 'Not referred',
        referred: 'Referred, not yet heard',
        heard: 'Heard at MARAC',
        unknown: 'Not known',
      },
    }),
    courtOrderKinds: field.choices({
      label: 'Court orders in place (tick any)',
      subject: 'the court orders',
      required: false,
      min: 0,
      options: {
        'domestic-abuse-protection-order': 'Domestic Abuse Protection Order (DAPO)',
        'domestic-abuse-protection-notice': 'Domestic Abuse Protection Notice (DAPN)',
        'non-molestation-order': 'Non-molestation order',
        'occupation-order': 'Occupation order',
        'restraining-order': 'Restraining order',
        'child-arrangements-order': 'Child arrangements order',
        'prohibited-steps-order': 'Prohibited steps order',
        other: 'Other',
      },
    }),
    courtOrders: field.notes({
      label: 'Court orders: details (optional)',
      subject: 'the court orders',
      required: false,
      max: L.notes,
      placeholder: 'Conditions, dates, who is protected',
    }),
    onBail: field.choice({
      label: 'Is he on bail?',
      subject: 'whether he is on bail',
      required: true,
      options: yesNoUnknown,
    }),
    bailConditions: field.notes({
      label: 'Bail conditions (optional)',
      subject: 'the bail conditions',
      required: false,
      max: L.notes,
    }),
    petsThreatened: field.choice({
      label: 'Has he harmed or threatened pets? (optional)',
      subject: 'whether he has harmed or threatened pets',
      required: false,
      options: yesNoUnknown,
    }),
    riskToStaff: field.choice({
      label: 'Is there a risk to staff who contact or visit him?',
      subject: 'whether there is a risk to staff',
      reviewLabel: 'Risk to staff',
      required: true,
      options: yesNoUnknown,
    }),
    riskToStaffDetails: field.notes({
      label: 'Risk to staff: what it is',
      subject: 'the risk to staff',
      required: false,
      requiredWhen: {
        when: { field: 'riskToStaff', is: ['yes'] },
        message: 'Say what the risk to staff is, so callers and visitors can plan for it.',
      },
      max: L.notes,
      hint: 'Threats, weapons, dogs, hostility to workers. Follow your lone-working procedure.',
    }),
  }),

  agencies: section('Fill in the other agencies section.', {
    list: repeating(
      {
        itemTitle: 'Agency',
        max: L.agencies,
        messages: {
          missing: 'List the other agencies involved (none is allowed).',
          tooMany: `List at most ${L.agencies} agencies: put any others under "Anything else".`,
        },
        wording: {
          heading: 'Other agencies involved',
          none: 'No other agencies added. Add each agency working with the family, if any.',
          add: 'Add an agency',
          intro:
            'One agency working with the family or with him, and who there the partnership can speak to.',
        },
      },
      {
        agency: field.choice({
          label: 'which agency',
          subject: 'which agency it is',
          required: true,
          options: agencyKinds,
        }),
        contact: field.line({
          label: 'service, team or worker (optional)',
          subject: 'the service, team or worker',
          required: false,
          max: L.line,
          placeholder: 'For example, North probation team',
        }),
        phone: field.phone({
          label: 'phone (optional)',
          subject: "the agency's phone number",
          required: false,
          clientMessage: 'Enter the phone number as digits, like 01632 960 001.',
        }),
        email: field.email({
          label: 'email (optional)',
          subject: "the agency's email address",
          required: false,
          clientMessage: 'Enter the email address, like name@example.org.',
        }),
      },
    ),
    details: field.notes({
      label: 'Anything else about other agencies (optional)',
      subject: 'the details of other agencies',
      reviewLabel: 'Other agencies: anything else',
      required: false,
      max: L.notes,
    }),
  }),

  sharing: section('Fill in the lawful basis for sharing.', {
    article6: field.choice({
      label: 'Lawful basis for sharing (UK GDPR Article 6)',
      subject: 'the UK GDPR Article 6 lawful basis',
      reviewLabel: 'UK GDPR Article 6 basis',
      required: true,
      options: {
        'public-task': 'Public task (normal for a council)',
        'legal-obligation': 'Legal obligation',
        'vital-interests': 'Vital interests (someone’s life is at risk)',
        'legitimate-interests': 'Legitimate interests (not for public authorities’ tasks)',
      },
      hint: 'Recorded on every referral. His agreement to take part is not the lawful basis.',
    }),
    schedule1: field.choice({
      label: 'Condition for special category and criminal-offence data (DPA 2018 Schedule 1)',
      subject: 'the DPA 2018 Schedule 1 condition',
      reviewLabel: 'DPA 2018 Schedule 1 condition',
      required: true,
      options: {
        'safeguarding-children-and-individuals-at-risk':
          'Safeguarding of children and of individuals at risk',
        'preventing-or-detecting-unlawful-acts': 'Preventing or detecting unlawful acts',
        'statutory-and-government-purposes': 'Statutory and government purposes',
        other: 'Another condition (explain in the reason)',
      },
    }),
    reason: field.notes({
      label: 'Why sharing is necessary and proportionate',
      subject: 'why sharing is necessary and proportionate',
      required: true,
      max: L.reason,
      hint: 'The reason is recorded with the referral.',
    }),
  }),

  // `consent` keeps its version 1 name, but holds only his agreement to take part (engagement):
  // the lawful basis for sharing is `sharing`, recorded whatever his answer.
  consent: section('Fill in whether he agreed to the referral.', {
    basis: field.choice({
      label: 'Has he agreed to be referred?',
      subject: 'whether he agreed to the referral',
      required: true,
      options: {
        consent: 'Yes, he agreed to this referral',
        declined: 'He was asked and declined',
        'not-asked': 'He has not been asked',
      },
      hint: 'About his engagement only: the lawful basis above is needed either way.',
    }),
    whatHeKnows: field.notes({
      label: 'What he knows about this referral, and what he has been told',
      subject: 'what he knows about this referral',
      required: false,
      requiredWhen: {
        when: { field: 'basis', is: ['declined', 'not-asked'] },
        message:
          'Say what he knows about this referral and what he has been told: it is made without his agreement.',
      },
      max: L.notes,
      restricted: true,
    }),
  }),

  partner: section('Fill in the section about her safety.', {
    knowsOfReferral: field.choice({
      label: 'Does his partner know about this referral?',
      subject: 'whether his partner knows of the referral',
      required: true,
      options: yesNoUnknown,
    }),
    victimServiceInvolved: field.choice({
      label: 'Is a victim service supporting her?',
      subject: 'whether a victim service supports her',
      required: true,
      options: yesNoUnknown,
    }),
    victimServiceReferral: field.choice({
      label: 'No victim service supports her: will you refer her?',
      subject: 'whether you will refer her to a victim service',
      reviewLabel: 'Referral of her to a victim service',
      required: false,
      requiredWhen: {
        when: { field: 'victimServiceInvolved', is: ['no', 'unknown'] },
        message:
          'Say whether you will refer her to a victim service: support for her is part of keeping her safe.',
      },
      options: {
        referred: 'I have referred her',
        'will-refer': 'I will refer her when it is safe to speak to her alone',
        declined: 'She declined',
        'not-safe': 'It is not yet safe to ask her',
      },
      hint: 'Refer her to {{victimService.name}} ({{victimService.phone}}), speaking to her alone and safely; never through him. The National Domestic Abuse Helpline is 0808 2000 247.',
      restricted: true,
    }),
    dashCompleted: field.choice({
      label: 'Has a DASH risk assessment been completed with her?',
      subject: 'whether a DASH was completed with her',
      reviewLabel: 'DASH completed with her',
      required: true,
      options: yesNoUnknown,
      hint: 'With her only, never with him.',
      restricted: true,
    }),
    dashOutcome: field.choice({
      label: 'DASH outcome',
      subject: 'the DASH outcome',
      required: false,
      requiredWhen: {
        when: { field: 'dashCompleted', is: ['yes'] },
        message: 'Choose the DASH outcome.',
      },
      options: { high: 'High risk', medium: 'Medium risk', standard: 'Standard risk' },
      restricted: true,
    }),
    idva: field.line({
      label: 'Her IDVA or support worker (optional)',
      subject: 'her IDVA or support worker',
      required: false,
      max: L.line,
      hint: 'Name or service, so the partnership can agree timing with them.',
      restricted: true,
    }),
    mashContacted: field.choice({
      label: "Has children's safeguarding (MASH) been contacted?",
      subject: 'whether MASH was contacted',
      reviewLabel: 'MASH contacted',
      required: true,
      options: yesNo,
    }),
    mashOutcome: field.notes({
      label: 'MASH: what happened',
      subject: 'what MASH decided',
      required: false,
      requiredWhen: {
        when: { field: 'mashContacted', is: ['yes'] },
        message: 'Say what MASH decided or advised.',
      },
      max: L.notes,
    }),
    safeContactNotes: field.notes({
      label: 'Safe ways to reach her, through the victim service (optional)',
      subject: 'the safe ways to reach her through the victim service',
      required: false,
      max: L.notes,
      hint: 'For example, through her IDVA only. Never contact her through him.',
      restricted: true,
    }),
  }),

  notes: section('Fill in the notes for callers.', {
    doNot: field.notes({
      label: 'Anything callers must not do (optional)',
      subject: 'what callers must not do',
      required: false,
      max: L.notes,
      placeholder: 'For example, do not call the home landline',
    }),
  }),
} as const;

export type ReferralSectionName = keyof typeof referralSections;

/** The form's steps, in order, each filling one or more sections. */
export const referralSteps = [
  {
    id: 'referrer',
    title: 'About you',
    intro:
      'Your details as the referrer, so the partnership can contact you. Your role, team and council are remembered for next time.',
    sections: ['referrer'],
  },
  {
    id: 'father',
    title: 'About him',
    intro:
      'The father the referral is about, and how the partnership can reach him safely. Only what the service needs.',
    sections: ['father'],
  },
  {
    id: 'household',
    title: 'Household and children',
    intro:
      'Who lives in or visits the household. Add each child; a household with no children is allowed.',
    sections: ['household'],
    // No client-side "required" here: Teams would refuse "Add a child" or "Remove" until every
    // required input was filled. The server's errors appear beside the fields instead.
    clientRequired: false,
  },
  {
    id: 'concerns',
    title: 'Concerns',
    intro:
      'What is happening at home, and where each concern came from. Abuse as the Domestic Abuse Act 2021 describes it; children who see, hear or live with it are victims in their own right.',
    sections: ['concerns'],
  },
  {
    id: 'risk',
    title: 'Risk',
    intro: 'Signs of high risk, and what the police, MARAC and the courts already know.',
    sections: ['risk'],
  },
  {
    id: 'agenciesConsent',
    title: 'Other agencies and sharing',
    intro:
      'Who else is involved; the lawful basis for sharing, recorded on every referral; and, separately, whether he agreed to take part.',
    sections: ['agencies', 'sharing', 'consent'],
    // As on the household step: "Add an agency" and "Remove" must work before the rest is filled.
    clientRequired: false,
  },
  {
    id: 'partnerNotes',
    title: 'Her safety, and notes for callers',
    intro:
      'Support for his partner goes through the victim service, never through him. Tell callers anything that would make contact unsafe.',
    sections: ['partner', 'notes'],
  },
] as const satisfies ReadonlyArray<{
  readonly id: string;
  readonly title: string;
  readonly intro: string;
  readonly sections: readonly ReferralSectionName[];
  readonly clientRequired?: boolean;
}>;
