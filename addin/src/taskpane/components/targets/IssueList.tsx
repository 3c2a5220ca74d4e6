/** A list of problems, each a link to its cell when it has one. The one place issues are rendered (the catalogue renderer replaces `message` here). */
import { Link, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { format, type Words } from '../../../i18n.ts';
import { selectCell, type ExcelRun } from '../../../excel/workbook.ts';
import type { Issue } from '../../../targets/use-target-plan.ts';

const useStyles = makeStyles({
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  // A link is a button, an inline block: aligned by its top, not its last line's baseline, so a wrapped item's
  // bullet sits by its first line; its lines start at the left, not centred.
  link: { verticalAlign: 'top', textAlign: 'start' },
});

export function IssueList({ w, issues, excel, onError }: { w: Words; issues: Issue[]; excel: () => ExcelRun; onError: (err: unknown) => void }) {
  const styles = useStyles();
  const go = (cell: string) => {
    const at = cell.lastIndexOf('!');
    void selectCell(excel(), cell.slice(0, at), cell.slice(at + 1)).catch(onError);
  };
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="plan-issues">
      <MessageBarBody>
        {format(w.targets.issues, { n: issues.length })}
        <ul className={styles.issues}>
          {issues.map((i, k) => (
            <li key={k}>
              {i.cell ? (
                <Link className={styles.link} data-testid="plan-issue" onClick={() => go(i.cell!)}>
                  {i.message}
                </Link>
              ) : (
                i.message
              )}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
