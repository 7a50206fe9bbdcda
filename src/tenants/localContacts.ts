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
  outOfHoursPhone: "your council's emergency duty team",
  daLeadName: 'your domestic abuse lead',
  daLeadContact: 'your domestic abuse lead or your manager',
  maracRoute: 'your local MARAC referral process',
  partnershipName: 'the domestic abuse prevention partnership',
  partnershipPhone: 'the referral number in your local procedures',
  victimServiceName: 'the local victim support service',
  victimServicePhone: "the victim support service's number in your local procedures",
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

/**
 * Details that add to a name in brackets ("the DA lead (0123 …)"). Left unset, their generic
 * wording would only repeat the name ("your domestic abuse lead (your domestic abuse lead or your
 * manager)"), so the bracket is left out instead. Elsewhere ("call them on …") the generic
 * wording still says where to find the number.
 */
const detailFields: ReadonlySet<keyof LocalContacts> = new Set([
  'mashPhone',
  'outOfHoursPhone',
  'daLeadContact',
  'partnershipPhone',
  'victimServicePhone',
]);

const marker = /\{\{\s*([\w.]+)\s*\}\}/g;
/** " ({{x}})": a bracket that only adds a detail to the name before it. */
const detailClause = / \(\{\{\s*([\w.]+)\s*\}\}\)/g;

function isUnsetDetail(name: string, contacts: LocalContacts): boolean {
  const field = contactPlaceholders[name];
  return (
    field !== undefined &&
    detailFields.has(field) &&
    contacts[field] === genericLocalContacts[field]
  );
}

/**
 * Fills `{{placeholder}}` markers; an unknown placeholder is a content bug, caught by the pack
 * tests. An unset detail's clause is dropped, and a value that starts a sentence starts with a
 * capital ("That matters. The domestic abuse prevention partnership helps …").
 */
export function fillLocalDetails(text: string, contacts: LocalContacts): string {
  const trimmed = text.replace(detailClause, (clause, name: string) =>
    isUnsetDetail(name, contacts) ? '' : clause,
  );
  return trimmed.replace(marker, (found, name: string, offset: number, whole: string) => {
    const field = contactPlaceholders[name];
    if (field === undefined) return found;
    const value = contacts[field];
    const startsSentence = /(?:^|[.!?]\s+)$/.test(whole.slice(0, offset));
    return startsSentence ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  });
}
