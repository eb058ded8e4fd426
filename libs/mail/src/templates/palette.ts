/** The colours and type every email and every page share (the pages' stylesheet is built from these too). */
export const PALETTE = {
  page: '#f4f5f7',
  card: '#ffffff',
  border: '#e1e4e8',
  text: '#24292f',
  muted: '#6a737d',
  headCell: '#f6f8fa',
  noticeBackground: '#fff8e1',
  noticeBorder: '#f0b429',
  accent: '#1f6feb',
  accentText: '#ffffff',
  danger: '#b42318',
} as const;

export const FONT_STACK = "-apple-system,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei',Arial,sans-serif";
