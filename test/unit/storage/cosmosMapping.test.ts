import { strict as assert } from 'node:assert';
import { ErrorCodes } from '../../../src/kernel/errors';
import {
  cosmosClientOptions,
  isLoopbackEndpoint,
} from '../../../src/storage/cosmos/cosmosClientOptions';
import { toStoreError } from '../../../src/storage/cosmos/cosmosErrors';

describe('Cosmos client options', function () {
  it('relaxes TLS and endpoint discovery for loopback servers only', function () {
    for (const endpoint of [
      'https://localhost:8081/',
      'https://127.0.0.1:40000',
      'https://[::1]:8081',
    ]) {
      const options = cosmosClientOptions({ endpoint, key: 'a2V5', database: 'db' });
      assert.ok(options.agent, endpoint);
      assert.equal(options.connectionPolicy?.enableEndpointDiscovery, false, endpoint);
    }
    for (const endpoint of [
      'https://dare.documents.azure.com:443/',
      'https://localhost.example.com',
      'https://127.0.0.1.nip.io',
      'https://localhostx:8081',
    ]) {
      const options = cosmosClientOptions({ endpoint, key: 'a2V5', database: 'db' });
      assert.equal(options.agent, undefined, endpoint);
      assert.equal(options.connectionPolicy?.enableEndpointDiscovery, true, endpoint);
      assert.equal(isLoopbackEndpoint(endpoint), false, endpoint);
    }
  });

  it('uses the key when given, and the managed identity otherwise', function () {
    const withKey = cosmosClientOptions({
      endpoint: 'https://dare.documents.azure.com',
      key: 'a2V5',
      database: 'db',
    });
    assert.equal(withKey.key, 'a2V5');
    assert.equal(withKey.aadCredentials, undefined);

    const withIdentity = cosmosClientOptions({
      endpoint: 'https://dare.documents.azure.com',
      database: 'db',
    });
    assert.equal(withIdentity.key, undefined);
    assert.equal(typeof withIdentity.aadCredentials?.getToken, 'function');
  });
});

describe('Cosmos error mapping', function () {
  const cosmosError = (code: number | string) =>
    Object.assign(new Error('raw message quoting id 42'), { code });

  it('maps 409, 412 and 404 to the port codes, anything else to STORE_UNAVAILABLE', function () {
    assert.equal(toStoreError(cosmosError(409), 'sessions').code, ErrorCodes.storeConflict);
    assert.equal(
      toStoreError(cosmosError(412), 'sessions').code,
      ErrorCodes.storePreconditionFailed,
    );
    assert.equal(toStoreError(cosmosError(404), 'sessions').code, ErrorCodes.storeNotFound);
    assert.equal(toStoreError(cosmosError(429), 'sessions').code, ErrorCodes.storeUnavailable);
    assert.equal(
      toStoreError(cosmosError('ECONNREFUSED'), 'sessions').code,
      ErrorCodes.storeUnavailable,
    );
    assert.equal(toStoreError('not even an error', 'sessions').code, ErrorCodes.storeUnavailable);
  });

  it('writes its own message, keeping the SDK error only as the cause', function () {
    const raw = cosmosError(412);
    const mapped = toStoreError(raw, 'sessions');
    assert.doesNotMatch(mapped.message, /42/);
    assert.equal(mapped.cause, raw);
  });
});
