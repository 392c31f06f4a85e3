import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { REQUEST_KINDS } from '../requests/requestKind';
import { fromRoot } from '../paths';
import type { Procedure } from './procedure';

/**
 * The curated answers to the questions staff really ask, kept as data
 * (src/policy/knowledge.yaml) so that the district can reword an answer or add a phrasing
 * without touching code. Validated on load: a typo in a clause id or a verdict fails at
 * start-up, not in front of a teacher.
 */

export const KNOWLEDGE_VERDICTS = ['allowed', 'not-allowed', 'needs-permission', 'conditional', 'info'] as const;
export type KnowledgeVerdict = (typeof KNOWLEDGE_VERDICTS)[number];

const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ask-communications') }).strict(),
  z.object({ kind: z.literal('start-request'), requestKind: z.enum(REQUEST_KINDS) }).strict(),
  z.object({ kind: z.literal('check-draft') }).strict(),
]);

const clauseId = z.string().regex(/^(\d+\.\d+(\([a-z]\))?|[A-Z]:.+)$/, 'a clause id like 4.7, 4.6(c) or A:Board');

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    clauses: z.array(clauseId).min(1),
    verdict: z.enum(KNOWLEDGE_VERDICTS),
    answer: z.string().min(20),
    answerFr: z.string().min(20).optional(),
    questions: z.array(z.string().min(3)).min(3),
    conditions: z.array(z.string().min(3)).optional(),
    actions: z.array(actionSchema).optional(),
  })
  .strict();

/** Questions the procedure does not answer; they teach the bot where its knowledge ends. */
const outOfScopeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    topic: z.string().min(3),
    questions: z.array(z.string().min(3)).min(3),
  })
  .strict();

const knowledgeSchema = z
  .object({
    entries: z.array(entrySchema).min(1),
    outOfScope: z.array(outOfScopeSchema).default([]),
  })
  .strict();

export type KnowledgeEntry = z.infer<typeof entrySchema>;
export type OutOfScopeTopic = z.infer<typeof outOfScopeSchema>;
export type Knowledge = z.infer<typeof knowledgeSchema>;

/**
 * Parse and validate. With a procedure, every cited clause must exist in it, so a revised
 * procedure that renumbers clauses flags the entries that need a look.
 */
export function parseKnowledge(yamlText: string, procedure?: Procedure): Knowledge {
  const knowledge = knowledgeSchema.parse(parseYaml(yamlText));
  const ids = new Set<string>();
  for (const item of [...knowledge.entries, ...knowledge.outOfScope]) {
    if (ids.has(item.id)) throw new Error(`knowledge: duplicate id ${item.id}`);
    ids.add(item.id);
  }
  if (procedure) {
    for (const entry of knowledge.entries) {
      for (const id of entry.clauses) {
        if (!procedure.byId.has(id)) throw new Error(`knowledge ${entry.id}: clause ${id} is not in ${procedure.number}`);
      }
    }
  }
  return knowledge;
}

export function loadKnowledge(procedure?: Procedure): Knowledge {
  return parseKnowledge(fs.readFileSync(fromRoot('src', 'policy', 'knowledge.yaml'), 'utf8'), procedure);
}
