/**
 * What someone typed, as a command. Staff type loosely ("Help!", "my
 * requests please", "check: <draft>"), so matching is forgiving; anything that
 * is not a command is a question about the procedure.
 */
export type Command =
  | { kind: 'help' }
  | { kind: 'ask'; question: string }
  | { kind: 'check'; draft: string }
  | { kind: 'request'; what: string }
  | { kind: 'my-requests' }
  | { kind: 'pending' }
  | { kind: 'empty' };

const GREETING = /^(hi|hello|hey|bonjour|good (morning|afternoon|evening)|start|menu|commands|\?)[\s!.]*$/i;

export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'empty' };
  if (/^\/?help\b[\s!?.]*$/i.test(text) || GREETING.test(text)) return { kind: 'help' };
  if (/^\/?my requests?\b/i.test(text)) return { kind: 'my-requests' };
  if (/^\/?pending\b/i.test(text)) return { kind: 'pending' };
  const check = /^\/?check(?: (?:this|my) post)?\b[:\s]*([\s\S]*)$/i.exec(text);
  if (check) return { kind: 'check', draft: rawAfterKeyword(raw, check[1] ?? '') };
  const request = /^\/?request\b[:\s]*(.*)$/i.exec(text);
  if (request && !/\?$/.test(text)) return { kind: 'request', what: request[1] ?? '' };
  const ask = /^\/?ask\b[:\s]*(.*)$/i.exec(text);
  if (ask) return { kind: 'ask', question: ask[1] ?? '' };
  return { kind: 'ask', question: text };
}

/** A draft keeps its own line breaks: find the remainder in the raw text rather than the folded one. */
function rawAfterKeyword(raw: string, folded: string): string {
  if (folded === '') return '';
  const m = /^\s*\/?check(?:\s+(?:this|my)\s+post)?\b[:\s]*/i.exec(raw);
  return m ? raw.slice(m[0].length).trim() : folded;
}
