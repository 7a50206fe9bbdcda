/** The safety net: danger words in, categories and the safety card out. Framework-free. */
export { alertLevel, buildSafetyAlert, type SafetyAlertOptions } from './alert';
export { checkTextForDanger, type CheckTextOptions, type SafetyDeps } from './checkText';
export { SafetyContacts, settleWithin, type ContactsSource } from './contacts';
export { compileSafetyNet, type SafetyFinding, type SafetyNet } from './safetyNet';
export {
  safetyFileSchema,
  safetyLevels,
  type SafetyCategoryContent,
  type SafetyFile,
  type SafetyLevel,
} from './schema';
export type { CardAction, SafetyAlertCardData, SafetyCardModels, SafetyConcern } from './views';
