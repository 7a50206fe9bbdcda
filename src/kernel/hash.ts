import { hash } from 'node:crypto';

// crypto.hash (Node 20.12+): the same digest as createHash().update().digest() without a Hash
// object per call; a turn fingerprints its ids several times (~1 µs each saved).

/**
 * A short, stable, one-way fingerprint of an identifier (tenant, user, conversation) for logs and
 * document ids: lets us correlate events without writing the identifier itself.
 */
export function fingerprint(value: string): string {
  return hash('sha256', value, 'hex').slice(0, 16);
}

/** A full-length hash, safe to use as a Cosmos document id whatever characters the input has. */
export function documentIdFor(value: string): string {
  return hash('sha256', value, 'hex');
}
