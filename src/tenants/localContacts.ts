/**
 * A council's local routes and contacts. Content never hard-codes these: coaching, wording and
 * safety cards name them through placeholders (`{{council.name}}`, `{{mash.phone}}`, ...), filled
 * per tenant. Unset values fall back to generic wording that tells staff where to look.
 */
export interface LocalContacts {
  readonly councilName: string;
  readonly mashName: string;
  readonly mashPhone: string;
  readonly outOfHoursPhone: string;
  readonly daLeadName: string;
  readonly daLeadContact: string;
  readonly maracRoute: string;
  readonly partnershipName: string;
  readonly partnershipPhone: string;
  readonly victimServiceName: string;
  readonly victimServicePhone: string;
  /** Where to turn when he may harm himself (the local mental-health crisis line). */
  readonly mentalHealthCrisisRoute: string;
  /** The council's lone-working procedure, for threats to staff. */
  readonly loneWorkingRoute: string;
}

/** What staff see where a council has not set a contact yet: honest, and still actionable. */
export const genericLocalContacts: LocalContacts = {
  councilName: 'your council',
  mashName: "your children's safeguarding front door (MASH)",
  mashPhone: "the MASH number in your council's safeguarding procedures",
  outOfHoursPhone: "your council's out-of-hours emergency duty team",
  daLeadName: 'your domestic abuse lead',
  daLeadContact: "your service's domestic abuse lead or your manager",
  maracRoute: 'your local MARAC referral process',
  partnershipName: 'the domestic abuse prevention partnership',
  partnershipPhone: "the partnership's referral line (see your local procedures)",
  victimServiceName: 'the local victim support service',
  victimServicePhone: "the victim support service's number (see your local procedures)",
  mentalHealthCrisisRoute: 'the local NHS mental health crisis line (NHS 111, option 2)',
  loneWorkingRoute: "your service's lone-working procedure",
};

/** Placeholder names as they appear in content, mapped to the field that fills them. */
export const contactPlaceholders: Readonly<Record<string, keyof LocalContacts>> = {
  'council.name': 'councilName',
  'mash.name': 'mashName',
  'mash.phone': 'mashPhone',
  'outOfHours.phone': 'outOfHoursPhone',
  'daLead.name': 'daLeadName',
  'daLead.contact': 'daLeadContact',
  'marac.route': 'maracRoute',
  'partnership.name': 'partnershipName',
  'partnership.phone': 'partnershipPhone',
  'victimService.name': 'victimServiceName',
  'victimService.phone': 'victimServicePhone',
  'mentalHealthCrisis.route': 'mentalHealthCrisisRoute',
  'loneWorking.route': 'loneWorkingRoute',
};

/** Fills `{{placeholder}}` markers; an unknown placeholder is a content bug, caught by the pack tests. */
export function fillLocalDetails(text: string, contacts: LocalContacts): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (marker, name: string) => {
    const field = contactPlaceholders[name];
    return field === undefined ? marker : contacts[field];
  });
}
