/** The leaf fields of a referral as the form submits them, grouped by how they are checked. */

/** Free text: kept exactly as given, markup and `${...}` included. */
export const freeTextFields = [
  'father.bestTimes',
  'concerns.recentIncidents',
  'risk.courtOrders',
  'risk.bailConditions',
  'agencies.details',
  'partner.safeContactNotes',
  'notes.doNot',
] as const;

/** Text with a format (names, numbers, codes, lines of an address): markup is refused. */
export const formattedTextFields = [
  'referrer.name',
  'referrer.role',
  'referrer.team',
  'referrer.organisation',
  'referrer.email',
  'referrer.phone',
  'father.name',
  'father.dateOfBirth',
  'father.address.line1',
  'father.address.line2',
  'father.address.town',
  'father.address.postcode',
  'father.phone',
  'father.language',
  'household.socialWorker.name',
  'household.socialWorker.phone',
  'household.socialWorker.email',
  'risk.crimeReference',
] as const;

/** One option from a list. */
export const choiceFields = [
  'father.safeToCall',
  'father.safeToLeaveMessage',
  'father.interpreterNeeded',
  'household.partnerRelationship',
  'household.childrenPlan',
  'household.children.0.relationship',
  'household.children.0.livesWith',
  'household.children.0.parentalResponsibility',
  'concerns.acknowledgement',
  'risk.safetyRoutesConsidered',
  'risk.policeInvolved',
  'risk.maracStatus',
  'risk.onBail',
  'consent.basis',
  'partner.knowsOfReferral',
  'partner.victimServiceInvolved',
] as const;

/** Several options from a list. */
export const multiChoiceFields = [
  'concerns.kinds',
  'risk.highRiskSigns',
  'agencies.involved',
] as const;

export const numberFields = ['household.children.0.age'] as const;

export const allLeafFields = [
  ...freeTextFields,
  ...formattedTextFields,
  ...choiceFields,
  ...multiChoiceFields,
  ...numberFields,
] as const;

/**
 * Fields whose absence is an error in the builder's referral (aReferralInput): required ones, and
 * ones the builder's other answers make required (a plan needs a social worker's name; a high-risk
 * sign needs the safety routes confirmed).
 */
export const requiredFields = [
  'referrer.name',
  'referrer.role',
  'referrer.team',
  'referrer.organisation',
  'referrer.email',
  'father.name',
  'father.dateOfBirth',
  'father.address.line1',
  'father.address.town',
  'father.address.postcode',
  'father.phone',
  'father.safeToCall',
  'father.safeToLeaveMessage',
  'father.interpreterNeeded',
  'household.partnerRelationship',
  'household.childrenPlan',
  'household.socialWorker.name',
  'household.children.0.age',
  'household.children.0.relationship',
  'household.children.0.livesWith',
  'household.children.0.parentalResponsibility',
  'concerns.kinds',
  'concerns.recentIncidents',
  'concerns.acknowledgement',
  'risk.safetyRoutesConsidered',
  'risk.policeInvolved',
  'risk.maracStatus',
  'risk.onBail',
  'consent.basis',
  'partner.knowsOfReferral',
  'partner.victimServiceInvolved',
] as const;

/** Reads a dotted path ("household.children.0.age") out of nested data. */
export function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
