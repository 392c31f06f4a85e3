import fs from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { fromRoot } from './paths';

/**
 * Adaptive Card templates live one per file in cards/ and are expanded here
 * from typed data, so no handler hand-builds card JSON. Templates are read
 * once and kept: expanding is the only per-turn work.
 */
export type Card = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    const json = JSON.parse(fs.readFileSync(fromRoot('cards', `${name}.json`), 'utf8')) as object;
    t = new ACData.Template(json);
    templates.set(name, t);
  }
  return t;
}

export function renderCard(name: string, data: object): Card {
  return template(name).expand({ $root: data }) as Card;
}

/** Cards are capped at 28 KB by Teams; anything larger is refused there, so refuse it here first. */
export const CARD_MAX_BYTES = 28 * 1024;
