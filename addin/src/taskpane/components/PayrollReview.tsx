/**
 * A run's numbers before anyone signs: headcount, total pay, each
 * component's total, the change against the previous month, whose
 * signature it waits for and who has signed so far.
 */
import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { format, type Words, phrase } from '../../i18n.ts';
import { paneMoney, reviewLines, type RunReview } from '../../payroll/review.ts';
import { shanghaiTime } from '../../payroll/payroll-sheet.ts';
import { ReturnedNotice, returnedSince } from './ReturnedNotice.tsx';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalS, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  num: { textAlign: 'end', whiteSpace: 'nowrap' },
  table: { tableLayout: 'auto', width: '100%' },
});

export function PayrollReview({ w, review }: { w: Words; review: RunReview }) {
  const styles = useStyles();
  const q = w.sheets;
  const money = (a: string, signed = false) => paneMoney(q.locale, a, signed);
  const base = review.comparison.base;
  const lines = reviewLines(review, { net: q.pane.totalNet, gross: q.pane.totalGross }, w.locale);
  const roles = q.payroll.roles as Record<string, string>;
  const headcountBefore = review.comparison.baseTotals?.headcount;
  // A draft has no payslips yet: zeros against last month would read as a run that pays nobody.
  if (review.run.status === 'DRAFT')
    return (
      <section className={styles.box} aria-label={q.pane.review} data-testid="payroll-review">
        <Text weight="semibold">{q.pane.review}</Text>
        <ReturnedNotice w={w} returned={returnedSince(review.events ?? [])} testId="payroll-returned" />
        <Caption1 data-testid="payroll-not-calculated">{q.pane.notCalculated}</Caption1>
      </section>
    );
  return (
    <section className={styles.box} aria-label={q.pane.review} data-testid="payroll-review">
      <Text weight="semibold">{q.pane.review}</Text>
      <ReturnedNotice w={w} returned={returnedSince(review.events ?? [])} testId="payroll-returned" />
      <Text data-testid="payroll-headcount">
        {format(q.pane.headcount, { n: new Intl.NumberFormat(q.locale).format(review.totals.headcount) })}
        {/* Signed always, so that no change reads "+0", not as a month of nobody. */}
        {headcountBefore !== undefined &&
          format(q.pane.headcountChange, { vs: phrase(w.locale, q.pane.vsLastMonth, { month: base!.month }), change: new Intl.NumberFormat(q.locale, { signDisplay: 'always' }).format(review.totals.headcount - headcountBefore) })}
      </Text>
      <Table size="extra-small" className={styles.table} aria-label={q.pane.components}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{q.pane.components}</TableHeaderCell>
            <TableHeaderCell className={styles.num}>{q.payroll.new}</TableHeaderCell>
            {base && <TableHeaderCell className={styles.num}>{phrase(w.locale, q.pane.vsLastMonth, { month: base.month })}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {lines.map((l) => (
            <TableRow key={l.key} data-testid={`review-${l.key}`}>
              <TableCell>{l.label}</TableCell>
              <TableCell className={styles.num}>{money(l.amount)}</TableCell>
              {base && <TableCell className={styles.num}>{l.change === null ? '' : money(l.change, true)}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!base && <Caption1 data-testid="payroll-no-last-month">{phrase(w.locale, q.pane.noLastMonth, { month: previousMonthKey(review.run.month) })}</Caption1>}
      {review.nextSigner && <Text data-testid="payroll-waiting">{format(q.pane.waitingFor, { role: roles[review.nextSigner] ?? review.nextSigner })}</Text>}
      {review.signOffs.length > 0 && (
        <Caption1 data-testid="payroll-signed">
          {format(q.pane.signedSoFar, { list: review.signOffs.map((x) => `${roles[x.role] ?? x.role} ${x.actor} ${shanghaiTime(x.at)}`).join(q.pane.listSeparator) })}
        </Caption1>
      )}
    </section>
  );
}

function previousMonthKey(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
