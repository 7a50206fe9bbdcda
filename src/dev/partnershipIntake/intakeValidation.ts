/**
 * What the development receiver checks a referral with: the payload version it declares (version
 * 1 when it names none), so a referral queued in the old shape before an upgrade is still
 * accepted. Kept apart from the server (intakeServer.ts imports it in one line).
 */
export { validateReceivedReferral } from '../../referrals/schema/payloadVersions';
