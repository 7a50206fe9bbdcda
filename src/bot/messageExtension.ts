/**
 * The message extension's search command, as the manifest declares it and the bot handles it.
 * The package builder checks the manifest against these, so the two cannot drift apart.
 */
export const wordingSearchCommandId = 'searchWording';
export const wordingSearchParameter = 'query';
