import pino, { Logger } from 'pino';

/**
 * Structured JSON logs. Free text typed by staff (questions, draft posts,
 * request details, comments) must never reach a log line: callers log ids,
 * kinds and lengths only. The redaction list is a second line of defence for
 * the field names that could carry such text if someone logs an object whole.
 */
export const REDACTED_FIELDS = [
  'text',
  'draft',
  'question',
  'comment',
  'value',
  'values',
  'body',
  'activity.text',
  'activity.value',
  '*.text',
  '*.draft',
  '*.comment',
  '*.value',
];

export type Log = Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Log {
  return pino(
    {
      level,
      base: { service: 'pr708-bot' },
      redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
