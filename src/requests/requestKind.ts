/**
 * The four kinds of written permission the procedure asks for. Kept in its own
 * module so that the policy core (answers, draft checks) can point at a request
 * kind without depending on the request workflow.
 */
export const REQUEST_KINDS = ['speak-on-behalf', 'logo-use', 'school-account', 'club-following'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The clause each kind rests on, for cards and answers. */
export const REQUEST_KIND_CLAUSES: Record<RequestKind, string[]> = {
  'speak-on-behalf': ['4.12'],
  'logo-use': ['4.13'],
  'school-account': ['4.10(a)', '4.11'],
  'club-following': ['4.7'],
};
