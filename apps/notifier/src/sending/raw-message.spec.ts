import MailComposer from 'nodemailer/lib/mail-composer';
import { simpleParser } from 'mailparser';
import { EMAIL_KINDS, renderEmail } from '#libs/mail';
import { sampleData } from '#libs/mail/fixtures';
import { composeMessage, type OutgoingEmail } from './mail-transport.js';
import { buildRawMessage } from './raw-message.js';

const FROM = 'salesflow <noreply@salesflow.example.com>';

function outgoing(html: string, text: string, subject = 'Subject'): OutgoingEmail {
  return { to: '王芳 <wang.fang@example.com>', subject, html, text, messageId: '<m-1@salesflow>', headers: { 'X-Correlation-Id': 'c-1' } };
}

// Guarantee: what the notifier sends is exactly what nodemailer itself would have built.
describe('buildRawMessage', () => {
  it.each(EMAIL_KINDS.flatMap((kind) => (['zh-CN', 'en'] as const).map((locale) => [kind, locale] as const)))(
    'builds the %s email in %s byte for byte as nodemailer does',
    async (kind, locale) => {
      const rendered = renderEmail(kind, locale, sampleData(kind));
      const message = composeMessage(FROM, { ...outgoing(rendered.html, rendered.text, rendered.subject), attachments: rendered.attachments });
      const raw = buildRawMessage(message);
      expect(raw.equals(await message.build())).toBe(true);
      const parsed = await simpleParser(raw);
      expect(parsed.html).toBe(rendered.html);
      expect(parsed.text).toBe(rendered.text);
      expect(parsed.attachments.map((file) => file.content.toString('utf8'))).toEqual((rendered.attachments ?? []).map((file) => file.content));
    },
  );

  // nodemailer's own encoding choice (no textEncoding): 7bit, quoted-printable or base64 by content.
  it.each([
    ['plain ASCII', 'short', 'short text'],
    ['long lines, trailing spaces, a dot line', `${'x'.repeat(500)} \n.\n.dot\n trailing   `, 'a=b\tc \r\nd  '],
    ['mostly CJK', '中文内容'.repeat(300), '客户回访 '.repeat(40)],
    ['mostly Latin with accents', 'ünïcödé '.repeat(200), 'café = crème\n'],
  ])('matches nodemailer for %s', async (_name, html, text) => {
    const message = new MailComposer({ from: FROM, to: 'a@example.com', subject: 'Ünïcödé 主题', html, text }).compile();
    const raw = buildRawMessage(message);
    expect(raw.equals(await message.build())).toBe(true);
  });

  it('refuses content it cannot build synchronously', () => {
    const message = new MailComposer({ from: FROM, to: 'a@example.com', text: 'x', attachments: [{ path: '/etc/hostname' }] }).compile();
    expect(() => buildRawMessage(message)).toThrow(/string or Buffer content only/);
  });
});
