/** Asking before a sheet's typed cells are replaced (addin/src/excel/typed-input.ts; issue 8 §3). */
export const en = {
  body: 'You typed {n} {n|cell|cells} on “{sheet}” that {n|differs|differ} from what Quotabook last wrote there ({cells}). Replace {n|it|them} with the server’s, or keep yours?',
  replace: 'Replace with the server’s',
  keep: 'Keep mine',
  kept: 'Kept your cells on “{sheet}”: nothing was written.',
};

export const zh: typeof en = {
  body: '您在“{sheet}”中输入的 {n} 个单元格与 Quotabook 上次写入的不同（{cells}）。用服务器的内容替换，还是保留您的？',
  replace: '用服务器的内容替换',
  keep: '保留我的',
  kept: '已保留您在“{sheet}”中输入的单元格，未写入任何内容。',
};
