import { createHmac } from 'node:crypto';

/**
 * Pseudonymous respondent ids for confidence answers: HMAC-SHA256 of tenant and user id under a
 * secret from the environment (RESPONDENT_ID_SECRET, a Key Vault reference in Azure). A plain hash
 * of a directory id can be reversed by hashing the staff directory; an HMAC cannot without the
 * secret. The same person gets the same id, so a baseline pairs with later answers.
 */
export interface RespondentIds {
  of(tenantId: string, userId: string): string;
}

/** Shortest secret accepted: 32 characters, as for the partnership's signing secret. */
export const minRespondentSecretLength = 32;

export function hmacRespondentIds(secret: string): RespondentIds {
  if (secret.length < minRespondentSecretLength) {
    throw new Error(
      `The respondent id secret must be at least ${minRespondentSecretLength} characters.`,
    );
  }
  return {
    of: (tenantId, userId) =>
      createHmac('sha256', secret).update(`${tenantId}\n${userId}`, 'utf8').digest('hex'),
  };
}
