import fc from 'fast-check';
import { csvField, csvRow, parseCsv, requestsCsv, CSV_COLUMNS } from '../../../src/oversight/csv';
import { eventHash, GENESIS_HASH } from '../../../src/requests/eventChain';
import type { StoredEvent, StoredRequest } from '../../../src/requests/ports';
import { loadSampleDirectory } from '../../../src/directory';

const dir = loadSampleDirectory();

describe('CSV for records requests (MFIPPA 4.9(c))', () => {
  it('quotes commas, quotes, line breaks and edge spaces as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
    expect(csvField({ b: 1 })).toBe('"{""b"":1}"');
  });

  it('keeps spreadsheet formulas from running: a leading =, +, -, @ gets an apostrophe', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('reads back exactly what it wrote, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map(csvRow).join('\r\n') + '\r\n';
        const guarded = rows.map((r) => r.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f)));
        expect(parseCsv(text)).toEqual(guarded);
      }),
      { numRuns: 300 },
    );
  });

  it('writes one row per event with the request repeated, names in full, and the hashes', () => {
    const request: StoredRequest = {
      id: 'r1',
      number: 'WP-2026-0001',
      kind: 'logo-use',
      requesterId: '115fb56c-fe90-48db-baa4-3406e3066acd',
      requesterName: 'Priya Nair',
      unit: { type: 'school', id: 'maple-grove' },
      state: 'declined',
      version: 2,
      values: { logo: 'school', unitId: 'maple-grove', where: 'Poster, "big"', purpose: 'Concert\nin May', startDate: '2026-04-01' },
      deciders: [],
      decidedBy: 'principal',
      createdAt: '2026-03-02T15:00:00.000Z',
      updatedAt: '2026-03-03T15:00:00.000Z',
      decidedAt: '2026-03-03T15:00:00.000Z',
      reminderCount: 0,
    };
    const e1 = { requestId: 'r1', seq: 1, action: 'submit' as const, actorId: request.requesterId, at: request.createdAt, fromState: null, toState: 'awaiting-decision' as const, comment: null, data: { toVersion: 1 } };
    const h1 = eventHash(GENESIS_HASH, e1);
    const e2 = { requestId: 'r1', seq: 2, action: 'decline' as const, actorId: '5c38ba53-d5ac-4f23-a381-cb3d6b1aea7b', at: '2026-03-03T15:00:00.000Z', fromState: 'awaiting-decision' as const, toState: 'declined' as const, comment: 'Not "this" year, sorry,\nask again', data: { fromVersion: 1, toVersion: 2 } };
    const events: StoredEvent[] = [
      { ...e1, id: 'e1', prevHash: GENESIS_HASH, hash: h1 },
      { ...e2, id: 'e2', prevHash: h1, hash: eventHash(h1, e2) },
    ];
    const csv = requestsCsv([{ request, events }], dir);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(rows[1]![col('Request number')]).toBe('WP-2026-0001');
    expect(rows[2]![col('Request number')]).toBe('WP-2026-0001');
    expect(rows[1]![col('School or department')]).toBe('Maple Grove Public School');
    expect(rows[2]![col('By')]).toBe('Amara Okafor');
    expect(rows[2]![col('Comment')]).toBe('Not "this" year, sorry,\nask again');
    expect(JSON.parse(rows[1]![col('Form answers (JSON)')]!)).toEqual(request.values);
    expect(rows[2]![col('Previous hash')]).toBe(h1);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });
});
