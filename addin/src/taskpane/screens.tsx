/**
 * The signed-in pane's screens, in navigation order. Adding a screen is adding
 * one entry: its id (the tab's test id is `tab-<id>`), its label, who sees it,
 * and the component.
 */
import type { ReactNode } from 'react';
import type { Client } from '@urql/core';
import type { Words } from '../i18n.ts';
import type { TemplateMarker } from '../rep-plans/plan-template.ts';
import { RosterPane } from './components/RosterPane.tsx';
import { TargetsPane } from './components/TargetsPane.tsx';
import { MyTargetsPane } from './components/MyTargetsPane.tsx';
import { PayrollPane } from './components/PayrollPane.tsx';
import { MyPayslipPane } from './components/MyPayslipPane.tsx';
import { AdjustmentsPane } from './components/chores/AdjustmentsPane.tsx';
import { LeavePane } from './components/chores/LeavePane.tsx';
import { PromotionsPane } from './components/chores/PromotionsPane.tsx';
import { MonthEndPane } from './components/chores/MonthEndPane.tsx';
import { UsersPane } from './components/chores/UsersPane.tsx';
import { ImportPane } from './components/ImportPane.tsx';
import { ScorecardsPane } from './components/ScorecardsPane.tsx';
import { PerformancePane } from './components/PerformancePane.tsx';
import { ExpensesPane } from './components/ExpensesPane.tsx';
import { MyPerformancePane } from './components/MyPerformancePane.tsx';
import { MyPlanPane } from './components/MyPlanPane.tsx';
import { PlanReviewsPane } from './components/PlanReviewsPane.tsx';
import { CustomersPane } from './components/CustomersPane.tsx';
import { VisitSlipsPane } from './components/VisitSlipsPane.tsx';
import { MyWorkReportsPane } from './components/MyWorkReportsPane.tsx';
import { WorkReportReviewsPane } from './components/WorkReportReviewsPane.tsx';

export type Role = 'ADMIN' | 'FINANCE' | 'FINANCE_MANAGER' | 'GENERAL_MANAGER' | 'DIRECTOR' | 'MANAGER' | 'REP';

export interface ScreenProps {
  w: Words;
  client: Client;
  roles: string[];
  onSessionEnded: () => void;
  /** The open workbook is a plan template (issue 11 §1): My plan opens with it. */
  template?: TemplateMarker | null;
}

/** The screen a plan template workbook opens by itself. */
export const TEMPLATE_SCREEN = 'my-plan';

export interface Screen {
  id: string;
  label: (w: Words) => string;
  /** Who sees it: everyone signed in, or anyone holding one of these roles. */
  roles: 'everyone' | readonly Role[];
  render: (props: ScreenProps) => ReactNode;
}

export const SCREENS: readonly Screen[] = [
  { id: 'roster', label: (w) => w.rosterTitle, roles: 'everyone', render: (p) => <RosterPane {...p} /> },
  // Targets: people who manage units draft their plans and decide those of the units below, whatever their role (the director
  // heads the sales centre, the general manager the company); finance reads them. The general manager reads scorecards only.
  { id: 'targets', label: (w) => w.targets.title, roles: ['MANAGER', 'DIRECTOR', 'GENERAL_MANAGER', 'FINANCE', 'ADMIN'], render: (p) => <TargetsPane {...p} /> },
  { id: 'my-targets', label: (w) => w.targets.myTargets, roles: 'everyone', render: (p) => <MyTargetsPane {...p} /> },
  {
    id: 'payroll',
    label: (w) => w.payroll.title,
    roles: ['FINANCE', 'FINANCE_MANAGER', 'DIRECTOR', 'GENERAL_MANAGER', 'ADMIN', 'MANAGER'],
    render: (p) => <PayrollPane {...p} />,
  },
  { id: 'my-payslip', label: (w) => w.payroll.myPayslip, roles: 'everyone', render: (p) => <MyPayslipPane {...p} /> },
  { id: 'imports', label: (w) => w.files.title, roles: ['FINANCE', 'ADMIN'], render: (p) => <ImportPane {...p} locale={p.w.locale} /> },
  {
    id: 'adjustments',
    label: (w) => w.chores.adjustments.title,
    roles: ['FINANCE', 'FINANCE_MANAGER', 'DIRECTOR', 'GENERAL_MANAGER', 'ADMIN', 'MANAGER'],
    render: (p) => <AdjustmentsPane {...p} locale={p.w.locale} />,
  },
  { id: 'leave', label: (w) => w.chores.leave.title, roles: 'everyone', render: (p) => <LeavePane {...p} /> },
  { id: 'scorecards', label: (w) => w.scorecards.title, roles: ['MANAGER', 'DIRECTOR', 'GENERAL_MANAGER', 'ADMIN'], render: (p) => <ScorecardsPane {...p} /> },
  { id: 'promotions', label: (w) => w.chores.promotions.title, roles: ['MANAGER', 'DIRECTOR', 'ADMIN'], render: (p) => <PromotionsPane {...p} /> },
  { id: 'month-end', label: (w) => w.chores.monthEnd.title, roles: ['FINANCE', 'ADMIN'], render: (p) => <MonthEndPane {...p} /> },
  { id: 'users', label: (w) => w.chores.users.title, roles: ['ADMIN'], render: (p) => <UsersPane {...p} /> },
  { id: 'performance', label: (w) => w.results.performance, roles: ['MANAGER', 'DIRECTOR', 'GENERAL_MANAGER', 'ADMIN', 'FINANCE'], render: (p) => <PerformancePane {...p} /> },
  // The finance manager keeps expenses but reads no sales: the Performance screen's Expenses section, on its own.
  { id: 'expenses', label: (w) => w.ratios.expenses.title, roles: ['FINANCE_MANAGER'], render: (p) => <ExpensesPane {...p} /> },
  { id: 'my-performance', label: (w) => w.results.myPerformance, roles: 'everyone', render: (p) => <MyPerformancePane {...p} /> },
  { id: 'my-plan', label: (w) => w.repPlans.myTitle, roles: ['REP', 'MANAGER'], render: (p) => <MyPlanPane {...p} /> },
  { id: 'plan-reviews', label: (w) => w.repPlans.reviewTitle, roles: ['MANAGER', 'DIRECTOR', 'ADMIN'], render: (p) => <PlanReviewsPane {...p} /> },
  { id: 'customers', label: (w) => w.customers.title, roles: ['REP', 'MANAGER', 'DIRECTOR', 'ADMIN'], render: (p) => <CustomersPane {...p} /> },
  { id: 'visit-slips', label: (w) => w.visitSlips.title, roles: ['REP', 'MANAGER'], render: (p) => <VisitSlipsPane {...p} /> },
  { id: 'work-reports', label: (w) => w.workReports.myTitle, roles: ['REP', 'MANAGER'], render: (p) => <MyWorkReportsPane {...p} /> },
  { id: 'work-report-reviews', label: (w) => w.workReports.reviewTitle, roles: ['MANAGER', 'DIRECTOR'], render: (p) => <WorkReportReviewsPane {...p} /> },
];

/** The screens someone with these roles sees, in order. */
export const screensFor = (roles: readonly string[], screens: readonly Screen[] = SCREENS): Screen[] =>
  screens.filter((s) => s.roles === 'everyone' || s.roles.some((r) => roles.includes(r)));
