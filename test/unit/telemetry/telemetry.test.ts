import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { fingerprint } from '../../../src/kernel/hash';
import { createLogger } from '../../../src/logging/logger';
import { withTelemetryLogs } from '../../../src/telemetry/logBridge';
import {
  meterName,
  recordDeliveryAttempt,
  recordReferralFinal,
  recordSafetyCard,
  recordSafetyNetError,
  recordTurn,
  useMeter,
} from '../../../src/telemetry/metrics';
import {
  metricViews,
  RedactingLogRecordProcessor,
  RedactingSpanProcessor,
} from '../../../src/telemetry/processors';
import { redactUrl, routeOf } from '../../../src/telemetry/redaction';
import {
  azureMonitorOptions,
  instrumentFetch,
  startTelemetry,
} from '../../../src/telemetry/startTelemetry';

// Obviously fake personal values, as a caller or an instrumentation might hand them over.
const personal = {
  name: 'Sam Testperson',
  email: 'sam.testperson@example.com',
  phone: '07700 900 123',
  postcode: 'ZZ1 1ZZ',
  clientIp: '203.0.113.77',
  userAgent: 'SamsPhone/9.9 (Testperson)',
  freeText: 'he checks her phone every night',
  tenantId: '11111111-2222-4333-8444-555555555555',
  userId: '29:1-fake-aad-user-id-sam',
  conversationId: 'a:1-fake-conversation-id',
  cosmosDocumentId: 'doc-for-sam-testperson',
  signature: 'sig=fakeSignatureForSam',
};

/** The in-memory pipelines: the app's processors and views, then an in-memory exporter. */
function pipelines() {
  const spans = new InMemorySpanExporter();
  const tracing = new BasicTracerProvider({
    spanProcessors: [new RedactingSpanProcessor(), new SimpleSpanProcessor(spans)],
  });
  const records = new InMemoryLogRecordExporter();
  const logging = new LoggerProvider({
    processors: [
      new RedactingLogRecordProcessor(),
      new SimpleLogRecordProcessor({ exporter: records }),
    ],
  });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const metering = new MeterProvider({ readers: [reader], views: metricViews });
  return { spans, tracing, records, logging, metricExporter, reader, metering };
}

describe('telemetry: nothing personal leaves the process', () => {
  let p: ReturnType<typeof pipelines>;

  beforeEach(() => {
    p = pipelines();
    logs.setGlobalLoggerProvider(p.logging);
    useMeter(p.metering.getMeter(meterName));
  });

  afterEach(async () => {
    useMeter(undefined);
    logs.disable();
    await Promise.all([p.tracing.shutdown(), p.logging.shutdown(), p.metering.shutdown()]);
  });

  /** Everything the exporters received, as text. */
  async function exported(): Promise<string> {
    await p.reader.forceFlush();
    return inspect(
      {
        spans: p.spans.getFinishedSpans().map((s) => ({
          name: s.name,
          attributes: s.attributes,
          events: s.events,
          status: s.status,
        })),
        logs: p.records.getFinishedLogRecords().map((r) => ({
          body: r.body,
          attributes: r.attributes,
        })),
        metrics: p.metricExporter.getMetrics(),
      },
      { depth: 20, maxArrayLength: 1000, maxStringLength: 100_000 },
    );
  }

  function assertAbsent(text: string): void {
    for (const [what, value] of Object.entries(personal))
      assert.ok(!text.includes(value), `exported telemetry contains the ${what}: ${value}`);
  }

  it('an incoming request: URL query and path beyond the route, client IP, user agent, exception message and stray attributes are dropped; ids are hashed', async () => {
    const tracer = p.tracing.getTracer('test');
    const span = tracer.startSpan(
      `POST /api/messages/${personal.conversationId}?name=${personal.name}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.method': 'POST',
          'http.url': `http://bot.example.net/api/messages/${personal.conversationId}?email=${personal.email}`,
          'url.full': `https://bot:${personal.postcode}@bot.example.net/api/messages?q=${personal.freeText}`,
          'http.target': `/api/messages/${personal.userId}?phone=${personal.phone}`,
          'url.query': `name=${personal.name}`,
          'http.client_ip': personal.clientIp,
          'client.address': personal.clientIp,
          'net.peer.ip': personal.clientIp,
          'network.peer.address': personal.clientIp,
          'http.user_agent': personal.userAgent,
          'user_agent.original': personal.userAgent,
          'referrer.name': personal.name,
          note: personal.freeText,
          'enduser.id': personal.userId,
          tenantId: personal.tenantId,
        },
      },
    );
    span.setAttribute('http.status_code', 500);
    const error = new Error(`could not save ${personal.name}, ${personal.phone}`);
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    span.end();

    const text = await exported();
    assertAbsent(text);
    const [finished] = p.spans.getFinishedSpans();
    assert.equal(finished?.name, 'POST /api/messages');
    assert.equal(finished.attributes['http.url'], 'http://bot.example.net/api/messages');
    assert.equal(finished.attributes['url.full'], 'https://bot.example.net/api/messages');
    assert.equal(finished.attributes['http.target'], '/api/messages');
    assert.equal(finished.attributes['http.status_code'], 500);
    assert.equal(finished.attributes.userHash, fingerprint(personal.userId));
    assert.equal(finished.attributes.tenantHash, fingerprint(personal.tenantId));
    assert.equal(finished.events[0]?.attributes?.['exception.type'], 'Error');
    assert.match(String(finished.events[0]?.attributes?.['exception.stacktrace']), /^at /);
    assert.equal(finished.events[0]?.attributes?.['exception.message'], 'Error (message withheld)');
  });

  it('a Cosmos DB dependency call keeps the account and operation, not the document path or signature', async () => {
    const span = p.tracing.getTracer('test').startSpan('ItemsCrud.read', {
      kind: SpanKind.CLIENT,
      attributes: {
        'az.namespace': 'Microsoft.DocumentDB',
        'db.system': 'cosmosdb',
        'db.operation.name': 'read',
        'url.full': `https://acct.documents.azure.com/dbs/dare-coach/colls/sessions/docs/${personal.cosmosDocumentId}?${personal.signature}`,
      },
    });
    span.end();

    assertAbsent(await exported());
    const [finished] = p.spans.getFinishedSpans();
    assert.equal(finished?.attributes['url.full'], 'https://acct.documents.azure.com/dbs');
    assert.equal(finished.attributes['db.operation.name'], 'read');
  });

  it('warnings and errors logged through the bridge keep allow-listed fields, the error type and call sites', async () => {
    const lines: string[] = [];
    const logger = withTelemetryLogs(
      createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } }),
    ).child({ component: 'referrals' });
    const fields = { verb: 'referral.submit', name: personal.name, email: personal.email };
    // LogFields has no `name`, `email` or `postcode`: a variable (or the cast) stands for a
    // careless caller the type checker does not stop.
    logger.error('referral could not be saved', fields, new Error(personal.freeText));
    logger.warn('retrying', { status: 'retry', postcode: personal.postcode } as never);
    logger.info(`not sent to telemetry ${personal.phone}`);

    const text = await exported();
    assertAbsent(text);
    const [failed, retrying] = p.records.getFinishedLogRecords();
    assert.equal(failed?.body, 'referral could not be saved');
    assert.equal(failed.attributes.verb, 'referral.submit');
    assert.equal(failed.attributes.component, 'referrals');
    assert.equal(failed.attributes['exception.type'], 'Error');
    assert.equal(failed.attributes['exception.message'], 'Error (message withheld)');
    assert.equal(retrying?.attributes.status, 'retry');
    assert.equal(p.records.getFinishedLogRecords().length, 2, 'info stays in the console log');
  });

  it('custom metrics count by code-defined names only; free text becomes "other"', async () => {
    recordTurn('referral.submit');
    recordTurn(personal.freeText);
    recordSafetyCard('immediate-danger');
    recordSafetyCard(personal.email);
    recordReferralFinal('sent');
    recordDeliveryAttempt(personal.phone);
    recordSafetyNetError('show-card');
    // An undeclared dimension on one of our instruments is dropped by the view.
    p.metering
      .getMeter(meterName)
      .createCounter('dare.turns')
      .add(1, { verb: 'coaching.next', name: personal.name });

    const text = await exported();
    assertAbsent(text);
    for (const expected of ['referral.submit', 'coaching.next', 'immediate-danger', 'other'])
      assert.ok(text.includes(`'${expected}'`), `metrics include ${expected}`);
    for (const instrument of [
      'dare.turns',
      'dare.safety_cards',
      'dare.referrals.final',
      'dare.referrals.delivery_attempts',
      'dare.safety_net.errors',
    ])
      assert.ok(text.includes(`'${instrument}'`), `${instrument} exported`);
  });
});

describe('telemetry: switches and URL reduction', () => {
  it('is off when no connection string is set, and recording then goes nowhere', async () => {
    assert.equal(await startTelemetry(undefined), undefined);
    recordTurn('referral.submit'); // no meter: must not throw
  });

  it('gives the distro the redacting processors and views, with live metrics off', () => {
    const options = azureMonitorOptions('InstrumentationKey=00000000-0000-0000-0000-000000000000');
    assert.equal(options.enableLiveMetrics, false);
    assert.ok(options.spanProcessors?.some((p) => p instanceof RedactingSpanProcessor));
    assert.ok(options.logRecordProcessors?.some((p) => p instanceof RedactingLogRecordProcessor));
    assert.equal(options.views, metricViews);
    assert.equal(options.instrumentationOptions?.console?.enabled, false);
  });

  it('cuts paths to the route and URLs to origin plus route', () => {
    assert.equal(routeOf('/api/messages/abc?x=1'), '/api/messages');
    assert.equal(routeOf('/healthz'), '/healthz');
    assert.equal(routeOf('/referrals/123'), '/referrals');
    assert.equal(routeOf('/8f0c3f5e-1b7a/x'), '/');
    assert.equal(
      redactUrl('https://user:pw@partner.example.org:8443/referrals?k=v#f'),
      'https://partner.example.org:8443/referrals',
    );
  });
});

describe('telemetry: a partnership call over fetch', () => {
  it('is a dependency span with the origin and route only, none of the request details', async () => {
    const spans = new InMemorySpanExporter();
    const tracing = new BasicTracerProvider({
      spanProcessors: [new RedactingSpanProcessor(), new SimpleSpanProcessor(spans)],
    });
    trace.setGlobalTracerProvider(tracing);
    const stop = instrumentFetch();
    const server = createServer((_req, res) => res.end('{"reference":"DPP-TEST"}'));
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const response = await fetch(
        `http://127.0.0.1:${port}/referrals/${personal.cosmosDocumentId}?name=${encodeURIComponent(personal.name)}`,
        { method: 'POST', headers: { 'user-agent': personal.userAgent }, body: personal.freeText },
      );
      await response.text();
      const [span] = spans.getFinishedSpans();
      assert.equal(span?.kind, SpanKind.CLIENT);
      assert.equal(span.attributes['url.full'], `http://127.0.0.1:${port}/referrals`);
      const text = inspect(
        { name: span.name, attributes: span.attributes, events: span.events },
        { depth: 10 },
      );
      for (const value of [
        personal.name,
        'Sam%20Testperson',
        personal.userAgent,
        personal.cosmosDocumentId,
      ])
        assert.ok(!text.includes(value), `the span holds ${value}`);
    } finally {
      stop();
      server.close();
      trace.disable();
      await tracing.shutdown();
    }
  });
});
