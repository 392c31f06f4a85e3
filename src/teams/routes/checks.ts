import { renderCard, Card } from '../../cardTemplates';
import { checkCardData, CheckCardInput, emptyCheckValues, parseCheckSubmission } from '../../checks/checkCard';
import { checkDraft } from '../../policy/check';
import type { Services } from '../../services';
import { withCrisisNotice } from '../../oversight/crisisNotice';
import type { Actor, RouteSet } from '../bot';

/**
 * "Can I post this?" in Teams: the `check` command, the welcome card's button,
 * and the "Check this post" message extension. The draft is checked in
 * memory and never logged or stored; only its length and the verdict are.
 */
export function checkRoutes(services: Services): RouteSet {
  // In crisis mode, a draft about the event is first told that Communications speaks for it (3.2).
  const card = (input: CheckCardInput): Card =>
    withCrisisNotice(renderCard('check', checkCardData(services.procedure, input)), services.oversight.crisis.current(), input.values.draft, input.result?.clauses ?? []);

  /** Runs a submitted form: the same card comes back, with the result or with errors beside the fields. */
  const run = (mode: CheckCardInput['mode'], data: Record<string, unknown>, actor: Actor): Card => {
    const parsed = parseCheckSubmission(data);
    if (!parsed.ok) return card({ mode, values: parsed.values, errors: parsed.errors });
    const limit = services.limits.checks.take(actor.aadId);
    if (!limit.allowed) {
      services.metrics.rateLimited.inc({ what: 'check' });
      return card({ mode, values: parsed.values, formError: `You're checking faster than I can keep up with. Please wait ${limit.retryAfterSeconds} seconds and press Check again; your draft is kept below.` });
    }
    const result = checkDraft(parsed.values.draft, parsed.context);
    services.metrics.checks.inc({ verdict: result.verdict });
    services.log.info({ verdict: result.verdict, findings: result.findings.map((f) => f.kind), chars: parsed.values.draft.length, account: parsed.context.account }, 'draft checked');
    return card({ mode, values: parsed.values, result });
  };

  return {
    messages: {
      check: async (cmd, actor, reply) => {
        if (cmd.draft.trim() === '') return reply.card(card({ mode: 'chat', values: emptyCheckValues() }), 'Check a draft post');
        // A draft typed after "check" is checked at once as a personal post;
        // the card lets the person change the account and check again.
        await reply.card(run('chat', { ...emptyCheckValues(), draft: cmd.draft }, actor), 'Draft checked');
      },
    },
    submits: {
      'check.open': async (_data, _actor, reply) => reply.card(card({ mode: 'chat', values: emptyCheckValues() }), 'Check a draft post'),
    },
    executes: {
      'check.run': async (data, actor) => ({ card: run('chat', data, actor) }),
    },
    dialogs: {
      checkPost: {
        title: 'Check this post',
        fetch: async (_actor, initialText) => card({ mode: 'dialog', values: emptyCheckValues(initialText) }),
        submit: async (actor, data) => ({ card: run('dialog', data, actor) }),
      },
    },
  };
}
