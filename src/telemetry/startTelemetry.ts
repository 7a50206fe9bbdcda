import { metrics } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import { meterName, useMeter } from './metrics';
import { metricViews, RedactingLogRecordProcessor, RedactingSpanProcessor } from './processors';

export interface Telemetry {
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * The Azure Monitor distro's settings: incoming and outgoing HTTP and Azure SDK (Cosmos DB) calls,
 * with every span and log record passed through the redacting processors before export. Live
 * metrics are off: that stream carries raw URLs and exception messages past the processors.
 */
export function azureMonitorOptions(connectionString: string): AzureMonitorOpenTelemetryOptions {
  return {
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      // Console, bunyan and winston would forward arbitrary text; warnings and errors reach
      // telemetry through the logger's allow-list instead (withTelemetryLogs).
      bunyan: { enabled: false },
      winston: { enabled: false },
      console: { enabled: false },
    },
    spanProcessors: [new RedactingSpanProcessor()],
    logRecordProcessors: [new RedactingLogRecordProcessor()],
    views: metricViews,
  };
}

/**
 * Starts OpenTelemetry with Azure Monitor when a connection string is set (off otherwise). Call it
 * before the HTTP server and storage modules load, so their calls are instrumented.
 */
export async function startTelemetry(
  connectionString: string | undefined,
): Promise<Telemetry | undefined> {
  if (connectionString === undefined) return undefined;
  // Loaded only when on: the distro and its instrumentations are large.
  const { shutdownAzureMonitor, useAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor(azureMonitorOptions(connectionString));
  const stopFetchSpans = instrumentFetch();
  useMeter(metrics.getMeter(meterName));
  return {
    shutdown: async () => {
      useMeter(undefined);
      stopFetchSpans();
      await shutdownAzureMonitor();
    },
  };
}

/**
 * Dependency spans for Node's fetch (undici), which the distro's HTTP instrumentation does not
 * see: the partnership client delivers referrals with fetch. Returns the function that stops it.
 */
export function instrumentFetch(): () => void {
  return registerInstrumentations({ instrumentations: [new UndiciInstrumentation()] });
}
