import type { LogRecordProcessor, SdkLogRecord } from '@opentelemetry/sdk-logs';
import { createAllowListAttributesProcessor, type ViewOptions } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { metricAttributeKeys, meterName } from './metrics';
import { redactAttributesInPlace, redactSpanName } from './redaction';

/**
 * Runs between the distro's own processor and its exporter: every span is rewritten before it is
 * queued for export (attributes, event attributes, status message), so nothing outside the
 * allow-list can be sent, whatever an instrumentation recorded.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  onStart(span: Span): void {
    span.updateName(redactSpanName(span.name));
  }

  onEnd(span: ReadableSpan): void {
    redactAttributesInPlace(span.attributes);
    for (const event of span.events) {
      if (event.attributes !== undefined) redactAttributesInPlace(event.attributes);
    }
    // A failed span's status message is usually an error's message: it may quote user input.
    span.status.message = undefined;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The same allow-list for log records; a body that is not a short string is dropped. */
export class RedactingLogRecordProcessor implements LogRecordProcessor {
  onEmit(record: SdkLogRecord): void {
    redactAttributesInPlace(record.attributes);
    const body = record.body;
    record.setBody(typeof body === 'string' ? body.slice(0, 200) : '');
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Our own instruments keep only their declared dimensions. */
export const metricViews: ViewOptions[] = [
  {
    meterName,
    instrumentName: '*',
    attributesProcessors: [createAllowListAttributesProcessor([...metricAttributeKeys])],
  },
];
