// The renderer's own UMD bundle: its ES-module build cannot be required from Node.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const AC = require('adaptivecards/dist/adaptivecards.js');

export const CARD_LIMIT_BYTES = 28 * 1024;

/**
 * Checks a card the way a Teams client would take it: the adaptivecards
 * package parses it without unknown elements or actions, its version is 1.5
 * or lower (what Teams renders everywhere), it is under 28 KB, and no
 * template expression was left unexpanded. Returns the problems found.
 */
export function cardProblems(card: any, typed: readonly string[] = []): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  // What people typed is shown back verbatim and may itself look like "${…}";
  // only expressions the template left behind count.
  let templateText = json;
  for (const t of typed) templateText = templateText.split(JSON.stringify(t).slice(1, -1)).join('');
  if (Buffer.byteLength(json) > CARD_LIMIT_BYTES) problems.push(`card is ${Buffer.byteLength(json)} bytes, over 28 KB`);
  if (card?.type !== 'AdaptiveCard') problems.push('not an AdaptiveCard');
  const version = Number.parseFloat(String(card?.version ?? 'NaN'));
  if (!(version <= 1.5)) problems.push(`version ${card?.version} is not 1.5 or lower`);
  if (/\$\{[^}]*\}/.test(templateText)) problems.push('an unexpanded ${…} template expression is left in the card');
  const ac = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  ac.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${e.message}`);
  }
  const validation = ac.validateProperties();
  for (let i = 0; i < validation.validationEvents.length; i++) {
    const e = validation.validationEvents[i];
    if (e.phase !== undefined && e.message) problems.push(`validate: ${e.message}`);
  }
  return problems;
}

export function expectValidCard(card: any): void {
  const problems = cardProblems(card);
  if (problems.length > 0) throw new Error(`invalid Adaptive Card:\n- ${problems.join('\n- ')}\n${JSON.stringify(card).slice(0, 500)}`);
}

/** All text a person would read on the card, in order: what tests assert on. */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof node.text === 'string') out.push(node.text);
    if (typeof node.title === 'string') out.push(node.title);
    if (typeof node.value === 'string' && node.type === undefined) out.push(node.value);
    if (typeof node.label === 'string') out.push(node.label);
    for (const [k, v] of Object.entries(node)) if (k !== 'data') walk(v);
  };
  walk(card);
  return out.join('\n');
}

/** The buttons on a card, with their titles and data. */
export function cardActions(card: any): Array<{ type: string; title: string; verb?: string; data?: any; card?: any }> {
  const out: Array<{ type: string; title: string; verb?: string; data?: any; card?: any }> = [];
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) {
      out.push({ type: node.type, title: node.title, verb: node.verb ?? node.data?.verb, data: node.data, card: node.card });
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(card);
  return out;
}

/** The value an input holds on a card, by id: what a person would see typed in it. */
export function inputValue(card: any, id: string): unknown {
  let found: unknown;
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    if (n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.')) found = n.value;
    Object.values(n).forEach(walk);
  };
  walk(card);
  return found;
}
