/**
 * The words of the pane's own month and date pickers (a browser's native
 * ones speak the browser's language, not the pane's): names of months and
 * days, the calendar's buttons, and the typed form.
 */
export const en = {
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  shortDays: ['S', 'M', 'T', 'W', 'T', 'F', 'S'],
  goToToday: 'Today',
  prevMonth: 'Previous month',
  nextMonth: 'Next month',
  prevYear: 'Previous year',
  nextYear: 'Next year',
  prevYears: 'Earlier years',
  nextYears: 'Later years',
  close: 'Close',
  // Fluent's calendar fills {0} itself (a date, a month, a year).
  selectedDate: 'Selected date {0}',
  todayDate: 'Today’s date {0}',
  changeYear: '{0}, change year',
  changeMonth: '{0}, change month',
  marked: 'marked',
  weekNumber: 'Week number {0}',
  pickMonth: 'Choose a month',
  pickDate: 'Choose a date',
  monthForm: 'YYYY-MM',
  dateForm: 'YYYY-MM-DD',
  notAMonth: 'Type a month as {form}, such as {example}.',
  notADate: 'Type a date as {form}, such as {example}.',
};

export const zh: typeof en = {
  months: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
  shortMonths: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  days: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  shortDays: ['日', '一', '二', '三', '四', '五', '六'],
  goToToday: '今天',
  prevMonth: '上个月',
  nextMonth: '下个月',
  prevYear: '上一年',
  nextYear: '下一年',
  prevYears: '更早的年份',
  nextYears: '更晚的年份',
  close: '关闭',
  selectedDate: '已选日期 {0}',
  todayDate: '今天是 {0}',
  changeYear: '{0}，更改年份',
  changeMonth: '{0}，更改月份',
  marked: '已标记',
  weekNumber: '第 {0} 周',
  pickMonth: '选择月份',
  pickDate: '选择日期',
  monthForm: '年-月',
  dateForm: '年-月-日',
  notAMonth: '请按“{form}”输入月份，例如 {example}。',
  notADate: '请按“{form}”输入日期，例如 {example}。',
};
