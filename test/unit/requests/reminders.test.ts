import { addBusinessDays, businessDaysBetween, isBusinessDay } from '../../../src/requests/reminders';

describe('business days in the district', () => {
  it('skips weekends, in Ottawa time', () => {
    expect(isBusinessDay(new Date('2026-03-06T20:00:00Z'))).toBe(true); // Friday 15:00
    expect(isBusinessDay(new Date('2026-03-07T03:00:00Z'))).toBe(true); // Saturday in UTC, still Friday evening in Ottawa
    expect(isBusinessDay(new Date('2026-03-07T15:00:00Z'))).toBe(false); // Saturday
    expect(isBusinessDay(new Date('2026-03-09T03:00:00Z'))).toBe(false); // Monday in UTC, Sunday evening in Ottawa
  });

  it.each([
    ['2026-03-02T15:00:00.000Z', 2, '2026-03-04T15:00:00.000Z'], // Monday → Wednesday
    ['2026-03-06T15:00:00.000Z', 2, '2026-03-10T15:00:00.000Z'], // Friday → Tuesday
    ['2026-03-07T15:00:00.000Z', 1, '2026-03-09T15:00:00.000Z'], // Saturday → Monday
    ['2026-03-02T15:00:00.000Z', 5, '2026-03-09T15:00:00.000Z'], // Monday → next Monday
  ])('%s + %d business days = %s', (from, n, expected) => {
    expect(addBusinessDays(new Date(from), n).toISOString()).toBe(expected);
  });

  it('counts whole business days between two moments', () => {
    expect(businessDaysBetween(new Date('2026-03-06T15:00:00Z'), new Date('2026-03-09T14:59:00Z'))).toBe(0);
    expect(businessDaysBetween(new Date('2026-03-06T15:00:00Z'), new Date('2026-03-10T15:00:00Z'))).toBe(2);
  });
});
