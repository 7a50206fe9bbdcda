import { createHash } from 'node:crypto';

/**
 * A short, stable, one-way fingerprint of an identifier (tenant, user, conversation) for logs and
 * document ids: lets us correlate events without writing the identifier itself.
 */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

/** A full-length hash, safe to use as a Cosmos document id whatever characters the input has. */
export function documentIdFor(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
