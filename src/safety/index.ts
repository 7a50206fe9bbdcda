/** The safety net: danger words in, categories and the safety card out. Framework-free. */
export { buildSafetyAlert, type SafetyAlertOptions } from './alert';
export { checkTextForDanger } from './checkText';
export { normaliseWords } from './normalise';
export { compileSafetyNet, type SafetyNet } from './safetyNet';
export { safetyFileSchema, type SafetyCategoryContent, type SafetyFile } from './schema';
export type { CardAction, SafetyAlertCardData, SafetyCardModels, SafetyConcern } from './views';
