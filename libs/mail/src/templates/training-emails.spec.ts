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

describe('the training digest to a manager', () => {
  test('lists each person, what is overdue and sessions with free seats, times in the manager\u2019s zone, in en', () => {
    const data = sampleData('training-digest');
    const en = renderEmail('training-digest', 'en', { ...data, recipient: { name: 'Mia', timezone: 'America/New_York' } });
    expect(en.subject).toBe('Team training for the week of 2027-03-15: overdue 1, sessions with free seats 1');
    expect(en.text).toContain('Hello Mia,');
    expect(en.text).toContain('- Ray Rep (rep@example.com) | Requirements: 3 | Completed: 1 | Open: 2 | Of which overdue: 1');
    expect(en.text).toContain('- Wang Fang (wang.fang@example.com) | Requirements: 0 | Completed: 0 | Open: 0 | Of which overdue: 0');
    expect(en.text).toContain('- Ray Rep | Compliance basics (CO-101) | Due by: 2027-03-10 | Late: 5 days');
    expect(en.text).toContain('- Product basics (PK-101) | Starts: 2027-03-17 21:00 (America/New_York) | Where: Room 3A | Free seats: 3 | Still needed by: Ray Rep');
    expect(en.html).toContain('Sessions with free seats in the next 14 days (1)');
    expect(en.text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.html).not.toMatch(/[\u4e00-\u9fff]/);
  });

  test('in zh-CN, and says so when nothing is overdue and no session has a seat', () => {
    const data = { ...sampleData('training-digest'), overdue: [], sessions: [] };
    const zh = renderEmail('training-digest', 'zh-CN', data);
    expect(zh.subject).toBe('2027-03-15 当周团队培训：逾期 0 项，0 个场次有空位');
    expect(zh.text).toContain('没有逾期的培训。');
    expect(zh.text).toContain('未来 14 天内，下属仍需参加的课程没有尚有空位的场次。');
    expect(zh.text).toContain('已完成：1');
  });

  test('the short form when none of the people has a requirement', () => {
    const data = { ...sampleData('training-digest'), hasRequirements: false, overdue: [], sessions: [] };
    const en = renderEmail('training-digest', 'en', data);
    expect(en.text).toContain('None of the 2 people who report to you has a training requirement for 2027');
    expect(en.text).not.toContain('By person');
    expect(en.html).not.toContain('Sessions with free seats');
  });
});
