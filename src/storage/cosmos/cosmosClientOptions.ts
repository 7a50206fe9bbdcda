import { Agent } from 'node:https';
import type { CosmosClientOptions } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';

export interface CosmosSettings {
  /** https URL of the account (or of a local Cosmos-protocol server). */
  readonly endpoint: string;
  /** Account key. Without one the managed identity is used (DefaultAzureCredential). */
  readonly key?: string;
  readonly database: string;
}

/** How long one storage request may take before it fails (milliseconds). */
export const storageRequestTimeoutMs = 10_000;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True only for a server on this machine: the one case where a self-signed certificate is fine. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  return loopbackHosts.has(new URL(endpoint).hostname);
}

/** How to reach Cosmos: key or managed identity; relaxed TLS and no discovery only on loopback. */
export function cosmosClientOptions(settings: CosmosSettings): CosmosClientOptions {
  const loopback = isLoopbackEndpoint(settings.endpoint);
  const auth: Pick<CosmosClientOptions, 'key' | 'aadCredentials'> = settings.key
    ? { key: settings.key }
    : { aadCredentials: new DefaultAzureCredential() };
  return {
    endpoint: settings.endpoint,
    ...auth,
    userAgentSuffix: 'dare-coach',
    connectionPolicy: {
      // A local server advertises itself under whatever host it bound to; following that
      // advertisement adds nothing, and without discovery there is no background refresh timer.
      enableEndpointDiscovery: !loopback,
      // A turn must answer before Teams gives up on it (an invoke waits about 15 s): a hung
      // connection or a long run of throttling answers fails the call within 10 s, and the turn
      // says plainly that nothing was saved instead of leaving the practitioner with no answer.
      // (4 s was too short: under the reliability suite's 200-conversation load the local
      // Cosmos-protocol server answered some calls later than that.)
      requestTimeout: storageRequestTimeoutMs,
      retryOptions: {
        maxRetryAttemptCount: 3,
        fixedRetryIntervalInMilliseconds: 0,
        maxWaitTimeInSeconds: 5,
      },
    },
    // Local Cosmos-protocol servers (the embedded one, the emulator) use self-signed certificates.
    // Keep-alive as the SDK's own agent has it: without it every call pays a TLS handshake.
    ...(loopback ? { agent: new Agent({ rejectUnauthorized: false, keepAlive: true }) } : {}),
  };
}
