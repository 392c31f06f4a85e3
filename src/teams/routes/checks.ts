import { renderCard, Card } from '../../cardTemplates';
import { checkCardData, CheckCardInput, emptyCheckValues, parseCheckSubmission } from '../../checks/checkCard';
import { checkDraft } from '../../policy/check';
import type { Services } from '../../services';
import { withCrisisNotice } from '../../oversight/crisisNotice';
import type { Actor, RouteSet } from '../bot';
import { openRequestForm } from './requests';
import { REQUEST_KINDS, type RequestKind } from '../../requests/requestKind';
import { chooseLanguage, localeLanguage, textLanguage, type Lang } from '../../i18n/language';
import { fill, strings } from '../../i18n/strings';

/** A refused check past the first notice of its window (see `run` in checkRoutes). */
type Quiet = { quiet: string };
const isQuiet = (x: Card | Quiet): x is Quiet => typeof (x as Quiet).quiet === 'string';

/**
 * The language of a check card: the draft's own when it is clear, else the language the card was
 * drawn in (its buttons carry it), else the person's Teams locale, else English.
 */
export function checkLanguage(draft: string, data: Record<string, unknown>, actor: Actor): Lang {
  const card = data.lang === 'fr' || data.lang === 'en' ? data.lang : null;
  return textLanguage(draft) ?? card ?? localeLanguage(actor.locale) ?? 'en';
}

/**
 * "Can I post this?" in Teams: the `check` command, the welcome card's button,
 * and the "Check this post" message extension. The draft is checked in
 * memory and never logged or stored; only its length and the verdict are.
 */
export function checkRoutes(services: Services): RouteSet {
  // In crisis mode, a draft about the event is first told that Communications speaks for it (3.2).
  const card = (input: CheckCardInput): Card =>
    withCrisisNotice(renderCard('check', checkCardData(services.procedure, input)), services.oversight.crisis.current(), input.values.draft, input.result?.clauses ?? []);

  /**
   * Runs a submitted form: the same card comes back, with the result or with errors beside the
   * fields. Past the limit, the first refusal in a window is that card with the notice; later ones
   * are `quiet`: a chat gets no reply, a button a short message (and keeps the card it was on).
   */
  const run = (mode: CheckCardInput['mode'], data: Record<string, unknown>, actor: Actor): Card | Quiet => {
    const lang = checkLanguage(typeof data.draft === 'string' ? data.draft : '', data, actor);
    const parsed = parseCheckSubmission(data, lang);
    if (!parsed.ok) return card({ mode, lang, values: parsed.values, errors: parsed.errors });
    const limit = services.limits.checks.take(actor.aadId);
    if (!limit.allowed) {
      services.metrics.rateLimited.inc({ what: 'check' });
      const notice = fill(strings(lang).check.rateLimited, { seconds: limit.retryAfterSeconds });
      if (!limit.notice && mode === 'chat') return { quiet: notice };
      return card({ mode, lang, values: parsed.values, formError: notice });
    }
    const result = checkDraft(parsed.values.draft, parsed.context);
    services.metrics.checks.inc({ verdict: result.verdict });
    services.log.info({ verdict: result.verdict, findings: result.findings.map((f) => f.kind), chars: parsed.values.draft.length, account: parsed.context.account, lang }, 'draft checked');
    return card({ mode, lang, values: parsed.values, result });
  };

  /** "Ask Communications" on a checked draft: the draft goes to them as a question, stored because the person chose to send it. */
  const askCommunications = async (mode: CheckCardInput['mode'], data: Record<string, unknown>, actor: Actor): Promise<Card> => {
    const lang = checkLanguage(typeof data.draft === 'string' ? data.draft : '', data, actor);
    const parsed = parseCheckSubmission(data, lang);
    if (!parsed.ok) return card({ mode, lang, values: parsed.values, errors: parsed.errors });
    const outcome = await services.questions.askAboutDraft({ id: actor.aadId, name: actor.name, conversationId: actor.conversationId }, parsed.values.draft, parsed.context.account);
    services.log.info({ questionId: outcome.ok ? outcome.question.id : undefined, chars: parsed.values.draft.length }, 'draft sent to Communications');
    return card({ mode, lang, values: parsed.values, notice: strings(lang).check.sentToCommunications });
  };

  /** In the dialog, "Request logo use" (etc.) sends the pre-filled form to the person's chat, where forms live. */
  const requestFromDialog = async (data: Record<string, unknown>, actor: Actor): Promise<Card> => {
    const lang = checkLanguage(typeof data.draft === 'string' ? data.draft : '', data, actor);
    const s = strings(lang).check;
    const values = parseCheckSubmission(data, lang).values;
    const kind = REQUEST_KINDS.find((k) => k === data.kind) as RequestKind | undefined;
    if (!kind) return card({ mode: 'dialog', lang, values, formError: s.staleButton });
    const prefill: Record<string, unknown> = kind === 'speak-on-behalf' ? { talkingPoints: values.draft } : kind === 'logo-use' ? { purpose: values.draft } : {};
    try {
      await services.messenger.sendToPerson(actor.aadId, { card: await openRequestForm(services, actor, kind, prefill), summary: 'Permission request form' });
      return card({ mode: 'dialog', lang, values, notice: s.requestFormSent });
    } catch {
      return card({ mode: 'dialog', lang, values, formError: s.chatUnreachable });
    }
  };

  return {
    messages: {
      check: async (cmd, actor, reply) => {
        if (cmd.draft.trim() === '') return reply.card(card({ mode: 'chat', lang: chooseLanguage('', actor.locale), values: emptyCheckValues() }), 'Check a draft post');
        // A draft typed after "check" is checked at once as a personal post;
        // the card lets the person change the account and check again.
        const checked = run('chat', { ...emptyCheckValues(), draft: cmd.draft }, actor);
        if (!isQuiet(checked)) await reply.card(checked, 'Draft checked');
      },
    },
    submits: {
      // From an answer card's "Check a draft post": the new card keeps the answer's language.
      'check.open': async (data, actor, reply) => reply.card(card({ mode: 'chat', lang: checkLanguage('', data, actor), values: emptyCheckValues() }), 'Check a draft post'),
      'check.askCommunications': async (data, actor, reply) => reply.card(await askCommunications('chat', data, actor), 'Sent to Communications'),
    },
    executes: {
      'check.run': async (data, actor) => {
        const checked = run('chat', data, actor);
        return isQuiet(checked) ? { message: checked.quiet } : { card: checked };
      },
    },
    dialogs: {
      checkPost: {
        title: 'Check this post',
        fetch: async (actor, initialText) => card({ mode: 'dialog', lang: chooseLanguage(initialText, actor.locale), values: emptyCheckValues(initialText) }),
        submit: async (actor, data) => {
          if (data.verb === 'check.askCommunications') return { card: await askCommunications('dialog', data, actor) };
          if (data.verb === 'request.new') return { card: await requestFromDialog(data, actor) };
          // A dialog is answered in its response, so it always gets the card (never quiet).
          return { card: run('dialog', data, actor) as Card };
        },
      },
    },
  };
}
