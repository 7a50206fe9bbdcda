import type { HolidayCalendar, LocalDate } from './occurrences';

/**
 * England and Wales bank holidays from `date-holidays` (region GB-ENG, public holidays only: New
 * Year, Good Friday, Easter Monday, the May, spring and summer bank holidays, Christmas, Boxing Day,
 * their substitute days and one-off ones such as coronations).
 *
 * Loaded on first use only: the library holds every country's rules (about 6 MB of heap, 30 MB of
 * RSS), so a bot whose managers never schedule a refresher never pays for it. Each year's dates are
 * worked out once and kept as a set.
 */
export async function loadEnglandAndWalesHolidays(): Promise<HolidayCalendar> {
  const { default: Holidays } = await import('date-holidays');
  const holidays = new Holidays('GB', 'ENG', { types: ['public'] });
  const years = new Map<number, ReadonlySet<LocalDate>>();
  const datesOf = (year: number): ReadonlySet<LocalDate> => {
    let dates = years.get(year);
    if (!dates) {
      // `date` is the local date and time as text ("2026-12-28 00:00:00").
      dates = new Set(holidays.getHolidays(year).map((h) => h.date.slice(0, 10)));
      years.set(year, dates);
    }
    return dates;
  };
  return { isBankHoliday: (date) => datesOf(Number(date.slice(0, 4))).has(date) };
}

/** The calendar, loaded once per process on first use and shared. */
let shared: Promise<HolidayCalendar> | undefined;
export function englandAndWalesHolidays(): Promise<HolidayCalendar> {
  shared ??= loadEnglandAndWalesHolidays().catch((err: unknown) => {
    shared = undefined;
    throw err;
  });
  return shared;
}
