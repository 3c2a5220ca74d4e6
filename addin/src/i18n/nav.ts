/** The app shell's words: navigation and landmarks. */
export const en = {
  navigation: 'Screens',
  more: 'More',
  account: 'Account',
};

export const zh: typeof en = {
  navigation: '功能',
  more: '更多',
  account: '账户',
};
