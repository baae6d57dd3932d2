/**
 * Names and their normalisation: what makes two spellings one name, for identity (entities
 * matched by name or alias) and for quotes (compared loosely with the article's text).
 */

/**
 * A name reduced for matching mentions to entities: "Citrix Systems, Inc." -> "citrix systems
 * inc", "Joanna Rutkowska" and "JOANNA RUTKOWSKA" alike. Decomposes (NFKD) and drops diacritics,
 * folds the few letters that do not decompose (ł, ø, ß ...), lowercases, drops apostrophes (they
 * join a word: "Ming's" matches "Mings"), drops trademark signs (NFKD would turn ™ into "TM"),
 * and turns any other run of punctuation or space into one space. Words are never dropped.
 */
export function normalizeName(name: string): string {
  return name
    .replace(/[™℠®©]/g, ' ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łđðøæœßþı]/g, (c) => FOLDED_LETTERS[c] ?? c)
    .replace(/['‘’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const FOLDED_LETTERS: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
  ı: 'i',
};

/** Text as quotes are compared: curly quotation marks made straight, whitespace runs made one space. */
export function normalizeQuoteText(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The normalised names an entity answers to (its name and aliases), for identity resolution. */
export function nameKeys(name: string, aliases: readonly string[]): string[] {
  return [...new Set([name, ...aliases].map(normalizeName).filter((k) => k !== ''))].sort();
}

/** A role as facts are grouped by it: "CTO", "cto" and "Cto" are one role. */
export function roleKey(role: string | null | undefined): string {
  return normalizeName(role ?? '');
}
