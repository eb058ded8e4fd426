// Inline styles only: most mail clients drop <style> blocks.
const FONT =
  "font-family:-apple-system,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei',Arial,sans-serif";

export const style = {
  body: 'margin:0;padding:0;background-color:#f4f5f7;',
  outer: 'width:100%;background-color:#f4f5f7;',
  outerCell: 'padding:24px 12px;',
  card: `max-width:600px;width:100%;background-color:#ffffff;border:1px solid #e1e4e8;border-radius:6px;${FONT};font-size:14px;line-height:1.6;color:#24292f;`,
  cardCell: 'padding:24px;',
  footer: 'padding:16px 24px;border-top:1px solid #e1e4e8;font-size:12px;color:#6a737d;',
  p: 'margin:0 0 12px 0;',
  notice: 'margin:0 0 12px 0;padding:8px 12px;background-color:#fff8e1;border-left:4px solid #f0b429;',
  strong: 'margin:0 0 12px 0;font-weight:bold;',
  h2: 'margin:24px 0 8px 0;font-size:16px;font-weight:bold;color:#24292f;',
  list: 'margin:0 0 12px 0;padding-left:20px;',
  kvTable: 'border-collapse:collapse;width:100%;margin:0 0 12px 0;',
  kvKey: 'padding:4px 12px 4px 0;text-align:left;vertical-align:top;font-weight:normal;color:#6a737d;white-space:nowrap;',
  kvValue: 'padding:4px 0;text-align:left;vertical-align:top;',
  grid: 'border-collapse:collapse;width:100%;margin:0 0 12px 0;font-size:13px;',
  gridHead: 'padding:6px 8px;border:1px solid #e1e4e8;background-color:#f6f8fa;text-align:left;font-weight:bold;',
  gridCell: 'padding:6px 8px;border:1px solid #e1e4e8;text-align:left;vertical-align:top;',
  gridNumber: 'padding:6px 8px;border:1px solid #e1e4e8;text-align:right;vertical-align:top;white-space:nowrap;',
  muted: 'color:#6a737d;font-size:12px;',
  buttonTable: 'margin:24px 0 12px 0;border-collapse:separate;',
  buttonCell: 'border-radius:4px;background-color:#1f6feb;',
  button: `display:inline-block;padding:10px 24px;${FONT};font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:4px;`,
  small: 'margin:0 0 12px 0;font-size:12px;color:#6a737d;word-break:break-all;',
  link: 'color:#1f6feb;',
} as const;
