import { FONT_STACK, PALETTE as C } from './palette.js';

// Inline styles only: most mail clients drop <style> blocks.
const FONT = `font-family:${FONT_STACK}`;

export const style = {
  body: `margin:0;padding:0;background-color:${C.page};`,
  outer: `width:100%;background-color:${C.page};`,
  outerCell: 'padding:24px 12px;',
  card: `max-width:600px;width:100%;background-color:${C.card};border:1px solid ${C.border};border-radius:6px;${FONT};font-size:14px;line-height:1.6;color:${C.text};`,
  cardCell: 'padding:24px;',
  footer: `padding:16px 24px;border-top:1px solid ${C.border};font-size:12px;color:${C.muted};`,
  p: 'margin:0 0 12px 0;',
  notice: `margin:0 0 12px 0;padding:8px 12px;background-color:${C.noticeBackground};border-left:4px solid ${C.noticeBorder};`,
  strong: 'margin:0 0 12px 0;font-weight:bold;',
  h2: `margin:24px 0 8px 0;font-size:16px;font-weight:bold;color:${C.text};`,
  list: 'margin:0 0 12px 0;padding-left:20px;',
  kvTable: 'border-collapse:collapse;width:100%;margin:0 0 12px 0;',
  kvKey: `padding:4px 12px 4px 0;text-align:left;vertical-align:top;font-weight:normal;color:${C.muted};white-space:nowrap;`,
  kvValue: 'padding:4px 0;text-align:left;vertical-align:top;',
  grid: 'border-collapse:collapse;width:100%;margin:0 0 12px 0;font-size:13px;',
  gridHead: `padding:6px 8px;border:1px solid ${C.border};background-color:${C.headCell};text-align:left;font-weight:bold;`,
  gridCell: `padding:6px 8px;border:1px solid ${C.border};text-align:left;vertical-align:top;`,
  gridNumber: `padding:6px 8px;border:1px solid ${C.border};text-align:right;vertical-align:top;white-space:nowrap;`,
  muted: `color:${C.muted};font-size:12px;`,
  buttonTable: 'margin:24px 0 12px 0;border-collapse:separate;',
  buttonCell: `border-radius:4px;background-color:${C.accent};`,
  button: `display:inline-block;padding:10px 24px;${FONT};font-size:15px;font-weight:bold;color:${C.accentText};text-decoration:none;border-radius:4px;`,
  small: `margin:0 0 12px 0;font-size:12px;color:${C.muted};word-break:break-all;`,
  link: `color:${C.accent};`,
} as const;
