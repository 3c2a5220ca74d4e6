/**
 * Targets: pick or create a plan, pull it to a sheet, break it down on the
 * server, validate what the sheet holds with the shared rules, submit; and,
 * for approvers, approve, return or publish the plans waiting for them.
 */
import { describeIssue } from '../../i18n/issues.ts';
import { METRICS } from '../../../../schema/metrics.ts';
import { useCallback, useEffect, useState } from 'react';
import { Button, Field, Input, Link, MessageBar, MessageBarBody, Select, Subtitle2, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { ApiError, run } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import {
  APPROVE,
  BREAK_DOWN,
  CREATE_PLAN,
  ORG_TREE,
  PARENT_FIGURE,
  PREVIEW,
  PROFILES,
  PUBLISH,
  RETURN,
  SAVE_LINES,
  SUBMIT,
  TARGET_PLAN,
  TARGET_PLANS,
  TARGET_ROLLUP,
  treeOrder,
  type OrgUnitOption,
  type ParentTarget,
  type PlanSummary,
} from '../../api/operations.ts';
import { PERIOD_CHAINS } from '../../../../schema/periods.ts';
import { readTaggedSheet, selectCell, writeGridSheet, writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { rollupSheet, type RollupRow } from '../../targets/rollup-sheet.ts';
import { planningYear } from '../../targets/planning-year.ts';
import type { Metric } from '../../../../schema/metrics.ts';
import { checkSheet, issueCell, linesForServer, readTargetSheet, targetSheetSpec, TARGETS_KIND, type PlanView } from '../../targets/target-sheet.ts';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const excel = () => Excel.run as unknown as ExcelRun;
const METHODS = ['EQUAL', 'WEIGHTS', 'HISTORY', 'GROWTH', 'HEADCOUNT', 'DAYS_EMPLOYED'] as const;
/** Period keys of a chain's top level, for showing a plan's scope row briefly. */
const TOP_KEY: Record<string, RegExp> = { quarter: /-Q\d$/, month: /^\d{4}-\d{2}$/, week: /-W\d+$/, tenday: /-D\d$/ };
type Method = (typeof METHODS)[number];

interface Issue {
  cell: string | null;
  message: string;
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'ok'; message: string } | { kind: 'error'; message: string } | { kind: 'conflict' } | { kind: 'issues'; issues: Issue[] };

export function TargetsPane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useStyles();
  const t = w.targets;
  const [year, setYear] = useState(String(planningYear(new Date())));
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [planId, setPlanId] = useState('');
  const [units, setUnits] = useState<OrgUnitOption[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [draft, setDraft] = useState({ unitId: '', metric: 'SALES_AMOUNT', level: 'BASE', total: '', periodLevel: 'month' });
  /** What the parent's published plan gives the chosen unit: the new plan's total unless the user types another. */
  const [parentFigure, setParentFigure] = useState<ParentTarget | null>(null);
  const [timeMethod, setTimeMethod] = useState<Method>('HISTORY');
  const [ownerMethod, setOwnerMethod] = useState<Method>('HISTORY');
  const [growth, setGrowth] = useState('20');
  const [profiles, setProfiles] = useState<{ code: string; name: string }[]>([]);
  const [profile, setProfile] = useState('');
  const [preview, setPreview] = useState<{ total: string; row: { periodKey: string; amount: string }[] } | null>(null);
  const [comment, setComment] = useState('');
  const drafter = roles.includes('MANAGER') || roles.includes('ADMIN');
  const approver = drafter || roles.includes('DIRECTOR');

  const fail = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
      if (err instanceof ApiError && err.code === 'CONFLICT') return setStatus({ kind: 'conflict' });
      setStatus({ kind: 'error', message: describeError(w, err) });
    },
    [onSessionEnded],
  );

  const loadPlans = useCallback(async () => {
    const data = await run<{ targetPlans: PlanSummary[] }>(client, TARGET_PLANS, { year: Number(year) });
    setPlans(data.targetPlans);
    return data.targetPlans;
  }, [client, year]);

  useEffect(() => {
    loadPlans().catch(fail);
  }, [loadPlans, fail]);
  useEffect(() => {
    run<{ seasonalityProfiles: { code: string; name: string }[] }>(client, PROFILES, {})
      .then((d) => {
        setProfiles(d.seasonalityProfiles);
        setProfile(d.seasonalityProfiles[0]?.code ?? '');
      })
      .catch(fail);
  }, [client, fail]);
  useEffect(() => {
    run<{ orgTree: OrgUnitOption[] }>(client, ORG_TREE, {})
      .then((d) => setUnits(treeOrder(d.orgTree)))
      .catch(fail);
  }, [client, fail]);

  useEffect(() => {
    setParentFigure(null);
    if (!drafter || !draft.unitId || !/^\d{4}$/.test(year)) return;
    let current = true;
    run<{ parentTargetFigure: ParentTarget | null }>(client, PARENT_FIGURE, { unitId: draft.unitId, year: Number(year), metric: draft.metric, level: draft.level })
      .then((d) => {
        if (current) setParentFigure(d.parentTargetFigure);
      })
      .catch(fail);
    return () => {
      current = false;
    };
  }, [client, drafter, draft.unitId, draft.metric, draft.level, year, fail]);

  const selected = plans.find((p) => p.id === planId);
  const fetchView = (id: string) => run<{ targetPlan: PlanView }>(client, TARGET_PLAN, { id }).then((d) => d.targetPlan);

  const writeView = async (view: PlanView) => {
    const report = await writeGridSheet(excel(), targetSheetSpec(w, view));
    setStatus({ kind: 'ok', message: format(t.wrotePlan, { version: view.plan.version, status: t.statuses[view.plan.status as keyof typeof t.statuses] ?? view.plan.status, sheet: report.sheetName }) });
  };

  const act = (work: () => Promise<void>) => async () => {
    setStatus({ kind: 'busy' });
    try {
      await work();
    } catch (err) {
      fail(err);
    }
  };

  const create = act(async () => {
    // No total typed: the server takes the parent's published figure.
    const input = { year: Number(year), metric: draft.metric, level: draft.level, scopeUnitId: draft.unitId, periodLevel: draft.periodLevel, total: draft.total.trim() || null };
    const data = await run<{ createTargetPlan: PlanView }>(client, CREATE_PLAN, { input }, true);
    await loadPlans();
    setPlanId(data.createTargetPlan.plan.id);
    await writeView(data.createTargetPlan);
  });

  const pull = act(async () => writeView(await fetchView(planId)));

  /** The selected plan's unit, year, metric and level: its plan, the plans below it and their people, each level checked. */
  const rollup = act(async () => {
    const key = { unitId: selected!.scopeUnitId, year: selected!.year, metric: selected!.metric as Metric, level: selected!.level as 'BASE' | 'STRETCH' };
    const data = await run<{ targetRollup: RollupRow[] }>(client, TARGET_ROLLUP, key);
    const report = await writeSheetTable(excel(), rollupSheet(w, data.targetRollup, key));
    setStatus({ kind: 'ok', message: format(t.wroteRollup, { n: report.rows, sheet: report.sheetName, bad: data.targetRollup.filter((r) => !r.matches).length }) });
  });

  const method = (kind: Method, axis: 'time' | 'owners') => ({
    kind,
    growthPercent: kind === 'GROWTH' ? growth : null,
    profileCode: axis === 'time' && kind === 'WEIGHTS' ? profile : null,
  });

  const showPreview = act(async () => {
    const data = await run<{ targetPlanBreakdownPreview: { total: string; lines: PlanView['lines'] } }>(client, PREVIEW, { id: planId, time: method(timeMethod, 'time'), owners: method(ownerMethod, 'owners') });
    const top = TOP_KEY[selected!.periodLevel.split(',')[0]!]!;
    setPreview({ total: data.targetPlanBreakdownPreview.total, row: data.targetPlanBreakdownPreview.lines.filter((l) => l.ownerId === selected!.scopeUnitId && top.test(l.periodKey)) });
    setStatus({ kind: 'idle' });
  });

  const breakDown = act(async () => {
    // The revision the list was loaded at: if the plan moved on since, CONFLICT says so.
    const data = await run<{ breakDownTargetPlan: PlanView }>(client, BREAK_DOWN, { id: planId, revision: selected!.revision, time: method(timeMethod, 'time'), owners: method(ownerMethod, 'owners') }, true);
    setPreview(null);
    await writeView(data.breakDownTargetPlan);
    await loadPlans();
  });

  /** Reads the sheet and runs structure checks and the shared rules. */
  const check = async () => {
    const view = await fetchView(planId);
    const read = await readTaggedSheet(excel(), TARGETS_KIND, { planId }, ['revision']);
    if (!read) return { view, back: null, issues: [{ cell: null, message: t.notPulled }] };
    const back = readTargetSheet(w, view, read);
    if (back.problems.length) return { view, back, issues: back.problems.map((p) => ({ cell: p.cell.endsWith('!1') || p.cell.endsWith('A:A') ? null : p.cell, message: `${p.cell}: ${p.message}` })) };
    const issues = checkSheet(view, back).map((i) => {
      const cell = issueCell(read.sheetName, back, i);
      return { cell, message: `${cell ? `${cell}: ` : ''}${describeIssue(i, w.locale, METRICS[view.plan.metric as Metric].unit)}` };
    });
    return { view, back, issues };
  };

  const validate = act(async () => {
    const { issues } = await check();
    setStatus(issues.length ? { kind: 'issues', issues } : { kind: 'ok', message: t.valid });
  });

  const submit = act(async () => {
    const { back, issues } = await check();
    if (issues.length || !back) return setStatus({ kind: 'issues', issues });
    // The revision the sheet was pulled at: if the server moved on since, CONFLICT, and the sheet stays as it is.
    const saved = await run<{ saveTargetLines: PlanView }>(client, SAVE_LINES, { id: planId, revision: back.revision, lines: linesForServer(back) }, true);
    const done = await run<{ submitTargetPlan: PlanView }>(client, SUBMIT, { id: planId, revision: saved.saveTargetLines.plan.revision, comment: comment || null }, true);
    await writeView(done.submitTargetPlan);
    setStatus({ kind: 'ok', message: format(t.submitted, { version: done.submitTargetPlan.plan.version }) });
    await loadPlans();
  });

  const compare = act(async () => {
    const view = await fetchView(planId);
    const spec = { ...targetSheetSpec(w, view, `${t.title} (server)`), kind: 'targets-server' };
    const report = await writeGridSheet(excel(), spec);
    setStatus({ kind: 'ok', message: format(t.wrotePlan, { version: view.plan.version, status: t.statuses[view.plan.status as keyof typeof t.statuses] ?? view.plan.status, sheet: report.sheetName }) });
  });

  const decide = (mutation: string, plan: PlanSummary, needsComment = false) =>
    act(async () => {
      if (needsComment && !comment.trim()) return setStatus({ kind: 'error', message: t.comment });
      await run(client, mutation, { id: plan.id, revision: plan.revision, ...(mutation === PUBLISH ? {} : { comment: comment || null }) }, true);
      setComment('');
      await loadPlans();
      setStatus({ kind: 'idle' });
    });

  const waiting = plans.filter((p) => p.status === 'SUBMITTED' || p.status === 'APPROVED');
  const label = (p: PlanSummary) =>
    `${p.scopeUnitName} · ${t.metrics[p.metric as keyof typeof t.metrics] ?? p.metric} · ${t.levels[p.level as keyof typeof t.levels] ?? p.level} · v${p.version} (${t.statuses[p.status as keyof typeof t.statuses] ?? p.status})${p.outOfDate ? ` · ${t.outOfDateTag}` : ''}`;
  const busy = status.kind === 'busy';

  return (
    <div className={styles.pane} data-testid="targets-pane">
      <Subtitle2 as="h2">{t.title}</Subtitle2>
      <Field label={t.year}>
        <Input type="number" value={year} onChange={(_, d) => setYear(d.value)} data-testid="targets-year" />
      </Field>
      {plans.length === 0 ? (
        <Field>{format(t.noPlans, { year })}</Field>
      ) : (
        <Field label={t.plan}>
          <Select value={planId} onChange={(_, d) => setPlanId(d.value)} data-testid="plan">
            <option value="">—</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {label(p)}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {selected?.outOfDate && selected.parentTarget && (
        <MessageBar intent="warning" layout="multiline" data-testid="plan-out-of-date">
          <MessageBarBody>{format(t.outOfDate, { parent: selected.parentTarget.scopeUnitName, version: selected.parentTarget.version, figure: selected.parentTarget.total, total: selected.total })}</MessageBarBody>
        </MessageBar>
      )}
      {selected && (
        <>
          <div className={styles.row}>
            <Button onClick={pull} disabled={busy} data-testid="plan-pull">
              {t.pull}
            </Button>
            <Button onClick={validate} disabled={busy} data-testid="plan-validate">
              {t.validate}
            </Button>
            <Button onClick={rollup} disabled={busy} data-testid="plan-rollup">
              {t.rollup}
            </Button>
          </div>
          {drafter && selected.status === 'DRAFT' && (
            <>
              <div className={styles.row}>
                <Field label={t.timeMethod}>
                  <Select value={timeMethod} onChange={(_, d) => setTimeMethod(d.value as Method)} data-testid="time-method">
                    {METHODS.filter((m) => m !== 'HEADCOUNT').map((m) => (
                      <option key={m} value={m}>
                        {t.methods[m]}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t.ownerMethod}>
                  <Select value={ownerMethod} onChange={(_, d) => setOwnerMethod(d.value as Method)} data-testid="owner-method">
                    {METHODS.map((m) => (
                      <option key={m} value={m}>
                        {t.methods[m]}
                      </option>
                    ))}
                  </Select>
                </Field>
                {timeMethod === 'WEIGHTS' && (
                  <Field label={t.profile}>
                    <Select value={profile} onChange={(_, d) => setProfile(d.value)} data-testid="profile">
                      {profiles.map((p) => (
                        <option key={p.code} value={p.code}>
                          {p.name}
                        </option>
                      ))}
                    </Select>
                  </Field>
                )}
                {(timeMethod === 'GROWTH' || ownerMethod === 'GROWTH') && (
                  <Field label={t.growth}>
                    <Input value={growth} onChange={(_, d) => setGrowth(d.value)} />
                  </Field>
                )}
              </div>
              {preview && (
                <MessageBar intent="info" layout="multiline" data-testid="plan-preview">
                  <MessageBarBody>
                    {t.totalTarget}: {preview.total}
                    <br />
                    {preview.row.map((l) => `${l.periodKey}: ${l.amount}`).join(' · ')}
                  </MessageBarBody>
                </MessageBar>
              )}
              <div className={styles.row}>
                <Button onClick={showPreview} disabled={busy} data-testid="plan-preview-button">
                  {t.preview}
                </Button>
                <Button onClick={breakDown} disabled={busy} data-testid="plan-break-down">
                  {t.breakDown}
                </Button>
                <Button appearance="primary" onClick={submit} disabled={busy} data-testid="plan-submit">
                  {t.submit}
                </Button>
              </div>
            </>
          )}
        </>
      )}
      {status.kind === 'issues' && (
        <MessageBar intent="warning" layout="multiline" data-testid="plan-issues">
          <MessageBarBody>
            {format(t.issues, { n: status.issues.length })}
            <ul className={styles.issues}>
              {status.issues.map((i, k) => (
                <li key={k}>
                  {i.cell ? (
                    <Link data-testid="plan-issue" onClick={() => void selectCell(excel(), i.cell!.split('!')[0]!, i.cell!.split('!')[1]!).catch(fail)}>
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
      )}
      {status.kind === 'conflict' && (
        <MessageBar intent="warning" layout="multiline" data-testid="plan-conflict">
          <MessageBarBody>
            {t.conflict} <Link onClick={compare}>{t.compare}</Link>
          </MessageBarBody>
        </MessageBar>
      )}
      {(status.kind === 'ok' || status.kind === 'error') && (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} data-testid="plan-status">
          <MessageBarBody>{status.message}</MessageBarBody>
        </MessageBar>
      )}

      {approver && (
        <>
          <Subtitle2 as="h3">{t.approvals}</Subtitle2>
          {waiting.length === 0 ? (
            <Field data-testid="approvals-empty">{t.noApprovals}</Field>
          ) : (
            <>
              <Field label={t.comment}>
                <Textarea value={comment} onChange={(_, d) => setComment(d.value)} data-testid="approval-comment" />
              </Field>
              {waiting.map((p) => (
                <div key={p.id} className={styles.row} data-testid="approval">
                  <span>{label(p)}</span>
                  {p.status === 'SUBMITTED' && (
                    <Button size="small" appearance="primary" onClick={decide(APPROVE, p)} disabled={busy} data-testid="approve">
                      {t.approve}
                    </Button>
                  )}
                  {p.status === 'APPROVED' && (
                    <Button size="small" appearance="primary" onClick={decide(PUBLISH, p)} disabled={busy} data-testid="publish">
                      {t.publish}
                    </Button>
                  )}
                  <Button size="small" onClick={decide(RETURN, p, true)} disabled={busy} data-testid="return">
                    {t.sendBack}
                  </Button>
                </div>
              ))}
            </>
          )}
        </>
      )}

      {drafter && (
        <>
          <Subtitle2 as="h3">{t.newPlan}</Subtitle2>
          <Field label={t.scopeUnit}>
            <Select value={draft.unitId} onChange={(_, d) => setDraft({ ...draft, unitId: d.value })} data-testid="new-plan-unit">
              <option value="">—</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {'\u3000'.repeat(Math.max(0, u.depth - (units[0]?.depth ?? 0)))}
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.row}>
            <Field label={t.metric}>
              <Select value={draft.metric} onChange={(_, d) => setDraft({ ...draft, metric: d.value })} data-testid="new-plan-metric">
                {Object.entries(t.metrics).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t.level}>
              <Select value={draft.level} onChange={(_, d) => setDraft({ ...draft, level: d.value })} data-testid="new-plan-level">
                {Object.entries(t.levels).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field label={t.periodLevels}>
            <Select value={draft.periodLevel} onChange={(_, d) => setDraft({ ...draft, periodLevel: d.value })} data-testid="new-plan-levels">
              {PERIOD_CHAINS.map((c) => (
                <option key={c} value={c}>
                  {c.split(',').map((l) => t.periodLevelNames[l as keyof typeof t.periodLevelNames]).join(' → ')}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label={t.totalTarget}
            hint={parentFigure ? format(t.parentFigure, { parent: parentFigure.scopeUnitName, version: parentFigure.version, figure: parentFigure.total }) : undefined}
          >
            <Input value={draft.total} placeholder={parentFigure?.total} onChange={(_, d) => setDraft({ ...draft, total: d.value })} data-testid="new-plan-total" />
          </Field>
          <Button onClick={create} disabled={busy || !draft.unitId || (!draft.total.trim() && !parentFigure)} data-testid="new-plan-create">
            {t.create}
          </Button>
        </>
      )}
    </div>
  );
}
