/**
 * Month and date fields in the pane's language. A browser's own
 * `<input type="month|date">` draws its picker in the browser's language, so
 * a zh-CN pane in an English Excel showed "December 2026"; these draw
 * Fluent's calendar with the catalogue's words. The field is typed text too
 * (YYYY-MM or YYYY-MM-DD): a complete, real value is taken as soon as it is
 * typed, a looser one (2026/3, 2026年3月5日) is put in form when the field
 * is left, and anything else is named under the field and not taken.
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { Button, Input, Popover, PopoverSurface, PopoverTrigger, makeStyles, tokens } from '@fluentui/react-components';
import { Calendar, DateRangeType, DayOfWeek, type CalendarStrings, type DateFormatting } from '@fluentui/react-calendar-compat';
import { CalendarRegular } from '@fluentui/react-icons';
import { format, type Words } from '../../i18n.ts';
import { dayOfText, isIsoDay, isIsoMonth, monthOfText, today } from '../../../../schema/dates.ts';

/** A field with its problem under it (the date-time field uses it too). */
export const useDateFieldStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  problem: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
});

type Kind = 'month' | 'date';

export interface DateFieldProps {
  w: Words;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  'data-testid'?: string;
}

export const MonthInput = (props: DateFieldProps): ReactElement => <DateText kind="month" {...props} />;
export const DateInput = (props: DateFieldProps): ReactElement => <DateText kind="date" {...props} />;

const pad = (n: number) => String(n).padStart(2, '0');
const toDate = (kind: Kind, value: string): Date | undefined => {
  if (!(kind === 'month' ? isIsoMonth(value) : isIsoDay(value))) return undefined;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number?];
  return new Date(y, m - 1, d ?? 1);
};
const fromDate = (kind: Kind, date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}${kind === 'date' ? `-${pad(date.getDate())}` : ''}`;

function calendarWords(w: Words): { strings: CalendarStrings; formatter: DateFormatting } {
  const p = w.pickers;
  const strings: CalendarStrings = {
    months: p.months,
    shortMonths: p.shortMonths,
    days: p.days,
    shortDays: p.shortDays,
    goToToday: p.goToToday,
    prevMonthAriaLabel: p.prevMonth,
    nextMonthAriaLabel: p.nextMonth,
    prevYearAriaLabel: p.prevYear,
    nextYearAriaLabel: p.nextYear,
    prevYearRangeAriaLabel: p.prevYears,
    nextYearRangeAriaLabel: p.nextYears,
    closeButtonAriaLabel: p.close,
    selectedDateFormatString: p.selectedDate,
    todayDateFormatString: p.todayDate,
    monthPickerHeaderAriaLabel: p.changeYear,
    yearPickerHeaderAriaLabel: p.changeMonth,
    dayMarkedAriaLabel: p.marked,
    weekNumberFormatString: p.weekNumber,
  };
  const locale = w.locale;
  const formatter: DateFormatting = {
    formatDay: (d) => String(d.getDate()),
    formatMonth: (d, s) => s.shortMonths[d.getMonth()]!,
    formatYear: (d) => new Intl.DateTimeFormat(locale, { year: 'numeric' }).format(d),
    formatMonthDayYear: (d) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(d),
    formatMonthYear: (d) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' }).format(d),
  };
  return { strings, formatter };
}

/**
 * A day written in a date's form whose month has no such day ("2026-02-30",
 * "2026年4月31日"): the month in the reader's words and the day, to say so
 * rather than ask again for a form the user already followed.
 */
export function missingDay(text: string, locale: string): { month: string; day: number } | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 29 || day > 31 || !isIsoMonth(`${m[1]}-${String(month).padStart(2, '0')}`)) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day <= last) return null;
  return { month: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1)), day };
}

function DateText({ kind, w, value, onChange, disabled, 'data-testid': testId }: DateFieldProps & { kind: Kind }) {
  const styles = useDateFieldStyles();
  const p = w.pickers;
  const [text, setText] = useState(value);
  const [problem, setProblem] = useState(false);
  const [open, setOpen] = useState(false);
  const problemId = useId();
  /** The value last told to the form: its echo back is not a new value from outside. */
  const told = useRef(value);
  const tell = (next: string) => {
    told.current = next;
    onChange(next);
  };
  const input = useRef<HTMLInputElement>(null);
  /** A value set from outside while the user is in the field, shown when they leave it without typing. */
  const held = useRef<string | null>(null);
  // A value set from outside (another month chosen by a button, the screen opening on a waiting run, a form reset) shows
  // in the field; not under the user's caret, though: replacing the text they are in would lose their selection, and
  // what they type next would be added to the new text rather than replace it.
  useEffect(() => {
    if (value === told.current) return;
    told.current = value;
    if (input.current && input.current === document.activeElement) {
      held.current = value;
      return;
    }
    setText(value);
    setProblem(false);
  }, [value]);

  const complete = kind === 'month' ? isIsoMonth : isIsoDay;
  const type = (next: string) => {
    held.current = null;
    setText(next);
    setProblem(false);
    if (next === '' || complete(next)) tell(next);
  };
  // Left with text that is no date: the form holds none (as a browser's date field reports ''), so nothing is done with
  // the date last taken while the field shows another; the field says why.
  const leave = () => {
    if (held.current !== null) {
      setText(held.current);
      held.current = null;
      return;
    }
    if (text === '' || complete(text)) return;
    const tidy = kind === 'month' ? monthOfText(text) : dayOfText(text);
    if (tidy) {
      setText(tidy);
      tell(tidy);
    } else {
      setProblem(true);
      if (told.current !== '') tell('');
    }
  };
  const pick = (date: Date) => {
    setOpen(false);
    type(fromDate(kind, date));
  };
  const { strings, formatter } = calendarWords(w);
  const example = kind === 'month' ? '2026-03' : '2026-03-05';

  return (
    <div className={styles.root}>
      <Input
        ref={input}
        value={text}
        onChange={(_, d) => type(d.value)}
        onBlur={leave}
        disabled={disabled}
        placeholder={kind === 'month' ? p.monthForm : p.dateForm}
        aria-invalid={problem || undefined}
        aria-describedby={problem ? problemId : undefined}
        data-testid={testId}
        contentAfter={
          <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} positioning="below-end" trapFocus>
            <PopoverTrigger disableButtonEnhancement>
              <Button
                appearance="transparent"
                size="small"
                icon={<CalendarRegular />}
                disabled={disabled}
                aria-label={kind === 'month' ? p.pickMonth : p.pickDate}
                data-testid={testId ? `${testId}-pick` : undefined}
              />
            </PopoverTrigger>
            <PopoverSurface aria-label={kind === 'month' ? p.pickMonth : p.pickDate}>
              <Calendar
                value={toDate(kind, value)}
                // Today as the company counts days (China time), as the fields' defaults do, not the computer's day.
                today={toDate('date', today())}
                onSelectDate={pick}
                onDismiss={() => setOpen(false)}
                isDayPickerVisible={kind === 'date'}
                // A date's month and year a click on its heading away, however wide the pane.
                isMonthPickerVisible
                showMonthPickerAsOverlay={kind === 'date'}
                dateRangeType={kind === 'month' ? DateRangeType.Month : DateRangeType.Day}
                firstDayOfWeek={DayOfWeek.Monday}
                showGoToToday
                highlightSelectedMonth
                strings={strings}
                dateTimeFormatter={formatter}
              />
            </PopoverSurface>
          </Popover>
        }
      />
      {problem && (
        <span id={problemId} role="alert" className={styles.problem} data-testid={testId ? `${testId}-problem` : undefined}>
          {kind === 'date' && missingDay(text, w.locale)
            ? format(p.noSuchDay, missingDay(text, w.locale)!)
            : format(kind === 'month' ? p.notAMonth : p.notADate, { form: kind === 'month' ? p.monthForm : p.dateForm, example })}
        </span>
      )}
    </div>
  );
}
