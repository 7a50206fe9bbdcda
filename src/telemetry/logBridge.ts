import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import type { LogFields, Logger } from '../logging/logger';
import { meterName } from './metrics';
import { stackFrames } from './redaction';

/**
 * A logger that also sends warnings and errors to telemetry (Application Insights traces and
 * exceptions), with the same allow-listed fields; an error goes as its type and call sites only.
 * Info and debug lines stay in the console log.
 */
export function withTelemetryLogs(logger: Logger, bindings: LogFields = {}): Logger {
  const emit = (
    severityNumber: SeverityNumber,
    severityText: string,
    message: string,
    fields: LogFields | undefined,
    err?: unknown,
  ): void => {
    const attributes: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries({ ...bindings, ...fields }))
      if (value !== undefined) attributes[key] = value;
    if (err instanceof Error) {
      attributes['exception.type'] = err.name;
      attributes['exception.stacktrace'] = stackFrames(err.stack ?? '');
    }
    logs.getLogger(meterName).emit({ severityNumber, severityText, body: message, attributes });
  };
  return {
    debug: (message, fields) => logger.debug(message, fields),
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => {
      logger.warn(message, fields);
      emit(SeverityNumber.WARN, 'WARN', message, fields);
    },
    error: (message, fields, err) => {
      logger.error(message, fields, err);
      emit(SeverityNumber.ERROR, 'ERROR', message, fields, err);
    },
    child: (more) => withTelemetryLogs(logger.child(more), { ...bindings, ...more }),
  };
}
