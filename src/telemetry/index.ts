export { startTelemetry, type Telemetry } from './startTelemetry';
export { withTelemetryLogs } from './logBridge';
export {
  recordDeliveryAttempt,
  recordReferralFinal,
  recordSafetyCard,
  recordSafetyNetError,
  recordTurn,
} from './metrics';
