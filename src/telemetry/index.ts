export { startTelemetry, type Telemetry } from './startTelemetry';
export { withTelemetryLogs } from './logBridge';
export {
  recordDeliveryAttempt,
  recordReferralFinal,
  recordSafetyCard,
  recordTurn,
} from './metrics';
