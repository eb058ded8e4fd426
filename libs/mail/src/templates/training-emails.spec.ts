import { sampleData } from '../email-fixtures.js';
import { renderEmail } from '../render-email.js';

/** Unfolded iCalendar content lines by property name (first occurrence). */
function icsProps(ics: string): Map<string, string> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const props = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).split(';')[0];
    if (!props.has(name)) props.set(name, line.slice(colon + 1));
  }
  return props;
}

describe('training emails', () => {
  test('an invitation carries a METHOD:REQUEST entry in UTC and shows the time in the recipient\u2019s zone', () => {
    const data = sampleData('training-invitation');
    const email = renderEmail('training-invitation', 'en', { ...data, recipient: { name: 'Ann', timezone: 'Europe/Berlin' } });
    expect(email.text).toContain('2026-12-08 02:00 (Europe/Berlin)');
    expect(email.attachments).toHaveLength(1);
    const [attachment] = email.attachments!;
    expect(attachment.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    const props = icsProps(attachment.content);
    expect(props.get('METHOD')).toBe('REQUEST');
    expect(props.get('UID')).toBe(data.session.uid);
    expect(props.get('SEQUENCE')).toBe('0');
    expect(props.get('DTSTART')).toBe('20261208T010000Z');
    expect(props.get('DTEND')).toBe('20261208T030000Z');
    expect(props.get('DTSTAMP')).toBe('20261201T020000Z');
  });

  test('a cancellation carries METHOD:CANCEL with the same UID, in zh-CN', () => {
    const data = sampleData('training-cancellation');
    const email = renderEmail('training-cancellation', 'zh-CN', data);
    expect(email.subject).toBe('培训已取消：Product basics（PK-101）');
    expect(email.text).toContain('2026-12-08 09:00 (Asia/Shanghai)');
    const props = icsProps(email.attachments![0].content);
    expect(props.get('METHOD')).toBe('CANCEL');
    expect(props.get('UID')).toBe(data.session.uid);
    expect(props.get('SEQUENCE')).toBe('2');
    expect(props.get('STATUS')).toBe('CANCELLED');
  });

  test('rendering is pure: the same snapshot gives the same calendar bytes', () => {
    const data = sampleData('training-invitation');
    expect(renderEmail('training-invitation', 'en', data).attachments).toEqual(renderEmail('training-invitation', 'en', data).attachments);
  });

  test('kinds without files carry no attachments', () => {
    expect(renderEmail('risk-alert', 'en', sampleData('risk-alert')).attachments).toBeUndefined();
  });
});

describe('training reminders and failures', () => {
  test('a reminder gives the start in the reader\u2019s zone, in en and zh-CN', () => {
    const data = sampleData('training-reminder');
    const en = renderEmail('training-reminder', 'en', { ...data, recipient: { name: 'Ann', timezone: 'Europe/Berlin' } });
    expect(en.subject).toBe('Training reminder: Product basics (PK-101)');
    expect(en.text).toContain('starts 2026-12-08 02:00 (Europe/Berlin)');
    const zh = renderEmail('training-reminder', 'zh-CN', data);
    expect(zh.text).toContain('将于 2026-12-08 09:00 (Asia/Shanghai) 开始');
  });

  test('the manager hears of a last failed attempt and of an unexcused absence', () => {
    const failed = renderEmail('training-failed', 'en', sampleData('training-failed'));
    expect(failed.subject).toBe('Training failed: Wang Fang, Product basics (PK-101)');
    expect(failed.text).toContain('score 55, pass mark 80');
    const absent = renderEmail('training-failed', 'zh-CN', { ...sampleData('training-failed'), reason: 'absent', score: null });
    expect(absent.text).toContain('无故缺席');
  });

  test('an unexcused absence as the service sends it: no score, and the course may have no assessment', () => {
    const data = { ...sampleData('training-failed'), reason: 'absent' as const, score: null, passMark: null, attemptsAllowed: null, attempt: 1 };
    const en = renderEmail('training-failed', 'en', data);
    expect(en.subject).toBe('Mandatory training missed: Wang Fang, Product basics (PK-101)');
    expect(en.text).toContain('Wang Fang was absent without excuse from the mandatory training session Product basics');
    expect(renderEmail('training-failed', 'zh-CN', data).text).toContain('无故缺席');
  });

  test('a failed score of 0 is a failed attempt, not an absence', () => {
    const failed = renderEmail('training-failed', 'en', { ...sampleData('training-failed'), score: 0 });
    expect(failed.text).toContain('score 0, pass mark 80');
  });
});
