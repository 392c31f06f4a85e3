import type { Directory } from '../directory/types';
import type { StoredEvent, StoredRequest } from '../requests/ports';
import { KIND_SHORT_TITLES, personName, unitLabel } from '../requests/views';

/**
 * Requests and their full history as CSV, for access requests under MFIPPA
 * (4.9(c)): one row per event, the request's own columns repeated on each, so
 * the file sorts and filters in a spreadsheet without losing which request an
 * event belongs to. RFC 4180 quoting, CRLF line ends, and a byte-order mark
 * so spreadsheet programs read accented names correctly.
 */

/**
 * A field that a spreadsheet would run as a formula (=, +, -, @, or a leading
 * tab or carriage return) gets a leading apostrophe: people type free text
 * into comments, and a record export must not execute it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(fields: readonly unknown[]): string {
  return fields.map(csvField).join(',');
}

export const CSV_COLUMNS = [
  'Request number',
  'Kind',
  'School or department',
  'Requester',
  'Requester id',
  'Current state',
  'Submitted at',
  'Decided at',
  'Valid until',
  'Conditions',
  'Form answers (JSON)',
  'Event',
  'Action',
  'By',
  'By (id)',
  'At',
  'From state',
  'To state',
  'Comment',
  'Event data (JSON)',
  'Previous hash',
  'Hash',
] as const;

export interface RequestWithHistory {
  request: StoredRequest;
  events: readonly StoredEvent[];
}

export function requestsCsv(items: readonly RequestWithHistory[], directory: Directory): string {
  const lines = [csvRow(CSV_COLUMNS)];
  for (const { request, events } of items) {
    const head = [
      request.number,
      KIND_SHORT_TITLES[request.kind],
      unitLabel(request, directory),
      request.requesterName,
      request.requesterId,
      request.state,
      request.createdAt,
      request.decidedAt ?? '',
      request.validUntil ?? '',
      request.conditions ?? '',
      request.values,
    ];
    if (events.length === 0) lines.push(csvRow([...head, '', '', '', '', '', '', '', '', '', '', '']));
    for (const e of events) {
      lines.push(
        csvRow([
          ...head,
          e.seq,
          e.action,
          personName(directory, e.actorId, request),
          e.actorId,
          e.at,
          e.fromState ?? '',
          e.toState,
          e.comment ?? '',
          e.data,
          e.prevHash,
          e.hash,
        ]),
      );
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Parses what requestsCsv writes (RFC 4180), for tests and for anyone checking an export. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
