/**
 * What a key may do. Each role may do everything the roles before it may: a reader reads, an
 * editor also imports and retracts, an admin also merges and reads the write log.
 */
export const ROLES = ['reader', 'editor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (text: string): text is Role => (ROLES as readonly string[]).includes(text);

/** Whether `role` may do what `needed` may. */
export const covers = (role: Role, needed: Role): boolean =>
  ROLES.indexOf(role) >= ROLES.indexOf(needed);
