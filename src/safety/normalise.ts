/**
 * Turns free text into the words the trigger phrases are written in: lower case, accents
 * dropped, apostrophes removed inside words ("she's" → "shes", "didn’t" → "didnt", whichever
 * apostrophe a phone keyboard used), and every other punctuation mark a word break.
 */
export function normaliseWords(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´ʼ′]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return plain === '' ? [] : plain.split(' ');
}
