/**
 * A day and a time of day in the pane's language: the catalogue's date field
 * (DateInputs.tsx) and a typed HH:MM beside it, instead of the browser's own
 * `<input type="datetime-local">`, whose picker speaks the browser's language.
 * The value is wall-clock text, "2026-03-10T09:00", or '' while either part
 * holds no real day or time; the screen decides which clock it is on (a
 * visit slip's is China time). A time typed loosely (9:30, 9：30, 9点) is put
 * in form when the field is left; anything else is named under it.
 */
import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { Input, makeStyles, tokens } from '@fluentui/react-components';
import { format } from '../../i18n.ts';
import { isClockTime, isIsoDay, timeOfText } from '../../../../schema/dates.ts';
import { DateInput, useDateFieldStyles, type DateFieldProps } from './DateInputs.tsx';

const useStyles = makeStyles({
  parts: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  day: { flexGrow: 1, flexBasis: '9em', minWidth: 0 },
  time: { flexBasis: '6.5em', flexGrow: 0, minWidth: '6.5em' },
});

/** The day field gets the test id with "-date", the time field with "-time". */
type Props = DateFieldProps;

const partsOf = (value: string) => {
  const [day = '', time = ''] = value.split('T');
  return { day, time };
};

export function DateTimeInput({ w, value, onChange, disabled, 'data-testid': testId }: Props): ReactElement {
  const styles = { ...useDateFieldStyles(), ...useStyles() };
  const p = w.pickers;
  const [day, setDay] = useState(() => partsOf(value).day);
  const [time, setTime] = useState(() => partsOf(value).time);
  const [problem, setProblem] = useState(false);
  const problemId = useId();
  /** The value last told to the form: its echo back is not a new value from outside. */
  const told = useRef(value);
  // A value set from outside (the form cleared after a request) replaces both parts.
  useEffect(() => {
    if (value === told.current) return;
    told.current = value;
    setDay(partsOf(value).day);
    setTime(partsOf(value).time);
    setProblem(false);
  }, [value]);

  const tell = (nextDay: string, nextTime: string) => {
    const next = isIsoDay(nextDay) && isClockTime(nextTime) ? `${nextDay}T${nextTime}` : '';
    if (next === told.current) return;
    told.current = next;
    onChange(next);
  };
  const changeDay = (next: string) => {
    setDay(next);
    tell(next, time);
  };
  const typeTime = (next: string) => {
    setTime(next);
    setProblem(false);
    tell(day, next);
  };
  const leaveTime = () => {
    if (time === '' || isClockTime(time)) return;
    const tidy = timeOfText(time);
    if (tidy) {
      setTime(tidy);
      tell(day, tidy);
    } else setProblem(true);
  };

  return (
    <div className={styles.root}>
      <div className={styles.parts}>
        <div className={styles.day}>
          <DateInput w={w} value={day} onChange={changeDay} disabled={disabled} data-testid={testId ? `${testId}-date` : undefined} />
        </div>
        <Input
          className={styles.time}
          value={time}
          onChange={(_, d) => typeTime(d.value)}
          onBlur={leaveTime}
          disabled={disabled}
          inputMode="numeric"
          placeholder={p.timeForm}
          aria-label={p.time}
          aria-invalid={problem || undefined}
          aria-describedby={problem ? problemId : undefined}
          data-testid={testId ? `${testId}-time` : undefined}
        />
      </div>
      {problem && (
        <span id={problemId} role="alert" className={styles.problem} data-testid={testId ? `${testId}-time-problem` : undefined}>
          {format(p.notATime, { form: p.timeForm, example: '09:30' })}
        </span>
      )}
    </div>
  );
}
