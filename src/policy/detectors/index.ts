import { confidential } from './confidential';
import { copyright } from './copyright';
import { crisis } from './crisis';
import { defamatory } from './defamatory';
import { disclaimerMissing } from './disclaimerMissing';
import { harassmentHate } from './harassmentHate';
import { imageConsent } from './imageConsent';
import { logo } from './logo';
import { personalInformation } from './personalInformation';
import { political } from './political';
import { speakingForSchool } from './speakingForSchool';
import { studentContact } from './studentContact';
import type { Detector } from './types';

export * from './types';
export {
  confidential,
  copyright,
  crisis,
  defamatory,
  disclaimerMissing,
  harassmentHate,
  imageConsent,
  logo,
  personalInformation,
  political,
  speakingForSchool,
  studentContact,
};

/** Every detector checkDraft runs, in no particular order (findings are sorted afterwards). */
export const DETECTORS: readonly Detector[] = [
  personalInformation,
  imageConsent,
  confidential,
  defamatory,
  harassmentHate,
  studentContact,
  political,
  speakingForSchool,
  logo,
  copyright,
  crisis,
  disclaimerMissing,
];
