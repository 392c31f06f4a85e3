import { z } from 'zod';
import { renderCard, type Card } from '../../cardTemplates';
import { isCommunications } from '../../directory/queries';
import { OTHER_ACCOUNT, type MisuseField } from '../../oversight/misuse';
import { formatWhen } from '../../requests/views';
import type { Services } from '../../services';
import type { Actor, MessageHandler, RouteSet } from '../bot';

/**
 * Oversight in chat: `crisis on <public line>` / `crisis off` for
 * Communications (3.2), and `report misuse`, the card an account
 * administrator uses to tell Communications about a deleted message (4.18).
 *
 * These words reach the bot as questions (the command parser does not know
 * them), so they are taken off the front of the question handler: a staff
 * member asking "crisis on campus, can I post?" still gets an answer.
 */
const CRISIS = /^\/?crisis\s+(on|off)\b[:\s]*(.*)$/i;
const CRISIS_STATUS = /^\/?crisis(\s+(status|mode))?[\s?!.]*$/i;
const REPORT_MISUSE = /^\/?(report\s+(a\s+)?(misuse|deleted\s+(message|post)|inappropriate\s+message)|misuse\s+report)\b/i;

const misuseData = z.object({
  accountId: z.string().max(100).optional(),
  accountName: z.string().max(1000).optional(),
  what: z.string().max(20_000).optional(),
  why: z.string().max(20_000).optional(),
  screenshotUrl: z.string().max(5000).optional(),
});

export async function misuseFormCard(
  services: Services,
  actor: Pick<Actor, 'aadId'>,
  values: Partial<Record<MisuseField, string>> = {},
  errors: Partial<Record<MisuseField, string>> = {},
  formError = '',
): Promise<Card> {
  const accounts = await services.oversight.accounts.manageableBy(actor.aadId);
  const choices = [
    ...accounts.map((a) => ({ value: a.id, title: `${a.accountName} (${a.platform}, ${a.schoolName})` })),
    { value: OTHER_ACCOUNT, title: 'Another account (name it below)' },
  ];
  return renderCard('misuse-report', {
    accounts: choices,
    values: {
      accountId: values.accountId ?? choices[0]!.value,
      accountName: values.accountName ?? '',
      what: values.what ?? '',
      why: values.why ?? '',
      screenshotUrl: values.screenshotUrl ?? '',
    },
    errors,
    formError,
  });
}

function crisisStatusCard(services: Services, headline: string): Card {
  const state = services.oversight.crisis.current();
  return renderCard('crisis-status', {
    style: state.on ? 'attention' : 'good',
    headline,
    detail: state.on
      ? `On since ${formatWhen(state.since!)} (${state.by}). Staff asking or checking posts about it are told: "Communications is handling public communication about this; please don't post about it." The welcome card carries the line.`
      : 'Crisis mode is off: answers and draft checks are as usual.',
    publicLine: state.publicLine ?? '',
    keywords: state.on ? state.keywords.join(', ') : '',
  });
}

export function withOversightCommands(services: Services, inner: RouteSet): RouteSet {
  const ask = inner.messages?.ask as MessageHandler<'ask'> | undefined;
  const handler: MessageHandler<'ask'> = async (cmd, actor, reply) => {
    const text = cmd.question.trim();
    const crisis = CRISIS.exec(text);
    const communications = isCommunications(services.directory, actor.aadId);
    // A question that happens to start with "crisis on" is still a question, unless Communications says it.
    if (crisis && (communications || !text.includes('?'))) {
      const who = { id: actor.aadId, name: actor.name };
      const change = crisis[1]!.toLowerCase() === 'on' ? await services.oversight.crisis.turnOn(who, crisis[2] ?? '') : await services.oversight.crisis.turnOff(who);
      if (!change.ok) return reply.text(change.message);
      return reply.card(crisisStatusCard(services, change.state.on ? '📣 Crisis mode is on' : 'Crisis mode is off'), change.state.on ? 'Crisis mode is on' : 'Crisis mode is off');
    }
    if (CRISIS_STATUS.test(text) && communications) {
      await services.oversight.crisis.refresh();
      return reply.card(crisisStatusCard(services, services.oversight.crisis.current().on ? '📣 Crisis mode is on' : 'Crisis mode is off'), 'Crisis mode');
    }
    if (REPORT_MISUSE.test(text)) return reply.card(await misuseFormCard(services, actor), 'Report a deleted inappropriate message');
    if (ask) return ask(cmd, actor, reply);
  };
  return { ...inner, messages: { ...inner.messages, ask: handler } };
}

export function oversightRoutes(services: Services): RouteSet {
  return {
    submits: {
      'misuse.open': async (_data, actor, reply) => reply.card(await misuseFormCard(services, actor), 'Report a deleted inappropriate message'),
    },
    executes: {
      'misuse.submit': async (data, actor) => {
        const parsed = misuseData.safeParse(data);
        if (!parsed.success) return { message: 'That form is from a version of the bot I no longer understand. Type "report misuse" to start again.' };
        const values = parsed.data;
        const outcome = await services.oversight.misuse.report({ id: actor.aadId, name: actor.name }, values);
        if (!outcome.ok) {
          const kept = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, (v ?? '').slice(0, 2000)])) as Partial<Record<MisuseField, string>>;
          return { card: await misuseFormCard(services, actor, kept, 'errors' in outcome ? outcome.errors : {}, 'refused' in outcome ? outcome.refused : '') };
        }
        const { report } = outcome;
        return {
          card: renderCard('misuse-reported', {
            status: outcome.notified
              ? 'Communications has been told in its channel. Thank you for keeping the account safe.'
              : 'Your report is saved; Communications could not be reached just now, and the bot will keep trying.',
            account: report.accountName,
            when: formatWhen(report.createdAt),
            screenshotUrl: report.screenshotUrl,
            what: report.what,
            why: report.why,
          }),
        };
      },
    },
  };
}
