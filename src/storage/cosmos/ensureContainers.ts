import {
  PartitionKeyDefinitionVersion,
  PartitionKeyKind,
  type CosmosClient,
  type Database,
} from '@azure/cosmos';
import { containers, type ContainerName } from '../../kernel/documentStore';
import { AppError, ErrorCodes } from '../../kernel/errors';
import { cosmosStatus, isConflict } from './cosmosErrors';
import { partitionKeyPath } from './cosmosDocument';

function isContainerName(name: string): name is ContainerName {
  return Object.hasOwn(containers, name);
}

/** Every container the application uses, from the table in the port. */
export function containerNames(): ContainerName[] {
  return Object.keys(containers).filter(isContainerName);
}

function openFailure(what: string, err: unknown): AppError {
  // With a managed identity the data-plane role may read but not create databases and containers:
  // a 403 here means infrastructure has not created them yet.
  const hint =
    cosmosStatus(err) === 403
      ? ' It is missing and this identity may not create it: create it in infrastructure.'
      : '';
  return new AppError(ErrorCodes.storeUnavailable, `Could not open ${what} in Cosmos DB.${hint}`, {
    catastrophic: true,
    cause: err,
  });
}

/**
 * `createIfNotExists` reads, then creates on 404: another instance starting at the same moment
 * can create in between, and our create then fails with 409. That means it exists: read it.
 */
async function createOrRead<T>(create: () => Promise<T>, read: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (err) {
    if (!isConflict(err)) throw err;
    return read();
  }
}

/**
 * Creates the database and every container if absent (reads them when present, which is all the
 * managed identity's data role allows) and checks each is partitioned on `/pk`.
 */
export async function ensureContainers(
  client: CosmosClient,
  databaseId: string,
): Promise<Database> {
  let database: Database;
  try {
    ({ database } = await createOrRead(
      () => client.databases.createIfNotExists({ id: databaseId }),
      () => client.database(databaseId).read(),
    ));
  } catch (err) {
    throw openFailure('the database', err);
  }
  await Promise.all(
    containerNames().map(async (name) => {
      let paths: string[] | undefined;
      try {
        const { resource } = await createOrRead(
          () =>
            database.containers.createIfNotExists({
              id: name,
              partitionKey: {
                paths: [partitionKeyPath],
                kind: PartitionKeyKind.Hash,
                version: PartitionKeyDefinitionVersion.V2,
              },
              defaultTtl: containers[name].defaultTtlSeconds,
            }),
          () => database.container(name).read(),
        );
        paths = resource?.partitionKey?.paths;
      } catch (err) {
        throw openFailure(`container ${name}`, err);
      }
      // An existing container keeps its partition key forever; writing to a wrong one would fail
      // on every call, so refuse to start instead.
      if (!paths || paths.length !== 1 || paths[0] !== partitionKeyPath) {
        throw new AppError(
          ErrorCodes.storeUnavailable,
          `Container ${name} exists with a partition key other than ${partitionKeyPath}.`,
          { catastrophic: true },
        );
      }
    }),
  );
  return database;
}
