/**
 * Words of the rewards and penalties from a published ranking (issue 10 §3)
 * on the Performance screen: the proposals of the chosen unit and month, with
 * Approve and Dismiss. Hooked into the catalogue as `w.rankingRewards`.
 */
export const en = {
  title: 'Rewards and penalties',
  hint: 'Proposed from published rankings of people for {month}; nothing reaches payroll until approved.',
  show: 'Show proposals',
  none: 'No reward or penalty proposals for {unit} in {month}.',
  loaded: '{n} proposals for {unit} in {month}.',
  person: 'Person',
  place: 'Place',
  amount: 'Amount',
  status: 'Status',
  placeOf: '{place}/{ranked}',
  kinds: { REWARD: 'Reward', PENALTY: 'Penalty' },
  statuses: { PROPOSED: 'Open', APPROVED: 'Approved', DISMISSED: 'Dismissed', SUPERSEDED: 'Superseded' },
  approve: 'Approve',
  dismiss: 'Dismiss',
  comment: 'Why dismiss it?',
  confirmDismiss: 'Dismiss with this comment',
  cancel: 'Cancel',
  commentNeeded: 'Say why the proposal is dismissed.',
  approved: 'Approved: {name} {amount} goes into the {month} payroll.',
  dismissed: 'Dismissed: {name} {amount}.',
  busy: { load: 'Reading the proposals…', decide: 'Saving the decision…' },
};

export const zh: typeof en = {
  title: '奖惩',
  hint: '根据已发布的人员排名生成的 {month} 奖惩建议；批准后才计入工资。',
  show: '查看奖惩建议',
  none: '{unit} 在 {month} 没有奖惩建议。',
  loaded: '{unit} 在 {month} 共有 {n} 条奖惩建议。',
  person: '人员',
  place: '名次',
  amount: '金额',
  status: '状态',
  placeOf: '第{place}名/共{ranked}名',
  kinds: { REWARD: '奖励', PENALTY: '处罚' },
  statuses: { PROPOSED: '待处理', APPROVED: '已批准', DISMISSED: '已驳回', SUPERSEDED: '已被新版本取代' },
  approve: '批准',
  dismiss: '驳回',
  comment: '驳回原因',
  confirmDismiss: '确认驳回',
  cancel: '取消',
  commentNeeded: '请说明驳回原因。',
  approved: '已批准：{name} {amount} 计入 {month} 工资。',
  dismissed: '已驳回：{name} {amount}。',
  busy: { load: '正在读取奖惩建议…', decide: '正在保存…' },
};
