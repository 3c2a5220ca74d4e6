/**
 * The task pane's words in zh-CN and English. One table, so a missing
 * translation is a type error.
 */
export type Locale = 'zh-CN' | 'en';

const en = {
  appTitle: 'Quotabook',
  language: 'Language',
  signInTitle: 'Sign in',
  serverUrl: 'Server',
  username: 'Username',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {user}',
  sessionExpired: 'Your session has ended; sign in again.',
  cannotReach: 'Cannot reach the Quotabook server at {url}. Check the address and your connection.',
  rosterTitle: 'Roster',
  unit: 'Org unit',
  allVisible: 'Everything I may see',
  asOf: 'As of',
  pullRoster: 'Pull roster',
  pulling: 'Pulling…',
  fetched: 'Fetched {n} people',
  writing: 'Writing {done} of {total} rows',
  wrote: 'Wrote {n} people to sheet “{sheet}”.',
  emptyRoster: 'Nobody is on the roster of {unit} on {date}. Choose another unit or date.',
  notInExcelTitle: 'Quotabook runs inside Excel',
  notInExcelBody:
    'This page is the Quotabook task pane. Open it from Excel: sideload manifest.xml (Excel on the web: Home › Add-ins › More Add-ins › Upload My Add-in; Excel desktop: a shared-folder catalog), then choose Home › Quotabook.',
  manifestLink: 'Download manifest.xml',
  positions: { SALES_DIRECTOR: 'Sales director', REGIONAL_MANAGER: 'Regional manager', ACCOUNT_MANAGER: 'Account manager', SALES_REP: 'Sales rep', FINANCE: 'Finance' },
  statuses: { PROBATION: 'Probation', ACTIVE: 'Active', LEFT: 'Left' },
  employment: { FULL_TIME: 'Full-time', PART_TIME: 'Part-time' },
  columns: {
    employeeNo: 'Employee no.',
    name: 'Name',
    unitPath: 'Unit',
    unitCode: 'Unit code',
    position: 'Position',
    rank: 'Rank',
    status: 'Status',
    hireDate: 'Hire date',
    leaveDate: 'Leave date',
    employmentType: 'Employment',
    baseSalary: 'Base salary',
    mentorName: 'Mentor',
    phone: 'Phone',
    email: 'Email',
  },
};

type Words = typeof en;

const zh: Words = {
  appTitle: 'Quotabook 销售目标与薪酬',
  language: '语言',
  signInTitle: '登录',
  serverUrl: '服务器',
  username: '用户名',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  signOut: '退出登录',
  signedInAs: '当前用户：{user}',
  sessionExpired: '登录已失效，请重新登录。',
  cannotReach: '无法连接 Quotabook 服务器 {url}，请检查地址和网络。',
  rosterTitle: '花名册',
  unit: '组织单位',
  allVisible: '我可查看的全部',
  asOf: '截至日期',
  pullRoster: '拉取花名册',
  pulling: '正在拉取…',
  fetched: '已获取 {n} 人',
  writing: '正在写入第 {done} / {total} 行',
  wrote: '已将 {n} 人写入工作表“{sheet}”。',
  emptyRoster: '{unit} 在 {date} 没有在册人员，请选择其他单位或日期。',
  notInExcelTitle: 'Quotabook 需在 Excel 中运行',
  notInExcelBody:
    '此页面是 Quotabook 任务窗格，请在 Excel 中打开：旁加载 manifest.xml（Excel 网页版：开始 › 加载项 › 更多加载项 › 上传我的加载项；Excel 桌面版：共享文件夹目录），然后选择 开始 › Quotabook。',
  manifestLink: '下载 manifest.xml',
  positions: { SALES_DIRECTOR: '营销总监', REGIONAL_MANAGER: '区域经理', ACCOUNT_MANAGER: '客户经理', SALES_REP: '销售代表', FINANCE: '财务' },
  statuses: { PROBATION: '试用', ACTIVE: '在职', LEFT: '离职' },
  employment: { FULL_TIME: '全职', PART_TIME: '兼职（营销合作协议）' },
  columns: {
    employeeNo: '工号',
    name: '姓名',
    unitPath: '所属单位',
    unitCode: '单位编码',
    position: '职位',
    rank: '职级',
    status: '状态',
    hireDate: '入职日期',
    leaveDate: '离职日期',
    employmentType: '用工类型',
    baseSalary: '基本工资',
    mentorName: '导师',
    phone: '电话',
    email: '邮箱',
  },
};

export const words: Record<Locale, Words> = { en, 'zh-CN': zh };
export type { Words };

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

/** zh-CN for Chinese display languages, English otherwise. */
export function defaultLocale(displayLanguage: string | undefined): Locale {
  return displayLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
