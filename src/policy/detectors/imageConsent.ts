import { IMAGE_RULE } from './personalInformation';
import type { Detector, DraftContext, Finding } from './types';
import { finding } from './util';

/**
 * An identifiable student in a photo is personal information (4.6(c), 4.19(a)). An unanswered
 * question counts as the risky answer: the bot cannot vouch for identifiability or consent.
 */
function detect(_text: string, ctx: DraftContext): Finding[] {
  const img = ctx.image;
  if (img === undefined || img.showsStudents !== true) return [];
  if (img.studentsIdentifiable === false || img.consentOnFile === true) return [];
  const f = finding('personal-information', 0, 0, IMAGE_RULE);
  delete f.placeholder;
  return [f];
}

export const imageConsent: Detector = { kind: 'personal-information', detect };
