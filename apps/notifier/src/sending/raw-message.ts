import type MimeNode from 'nodemailer/lib/mime-node';
import * as base64 from 'nodemailer/lib/base64';
import * as qp from 'nodemailer/lib/qp';

/**
 * The bytes `node.build()` produces, built synchronously. nodemailer builds a message through a
 * stream pipeline per MIME part, and Node's `pipeline` allocates an AbortController and a
 * DOMException per use: for a two-part email that was ~0.9 ms of CPU, most of the notifier's
 * per-email budget. Headers, boundaries and content encodings stay nodemailer's own
 * (`buildHeaders`, `getTransferEncoding`, its QP and base64 encoders); only the joining is done
 * here, and raw-message.spec.ts checks it byte for byte against `build()`.
 *
 * Only string and Buffer content is supported (what MailTransport composes): no streams, files or
 * URLs, and no quoted-printable outside text parts (nodemailer encodes those as binary).
 */
export function buildRawMessage(root: MimeNode): Buffer {
  const parts: string[] = [];
  appendNode(root, parts);
  const message = parts.join('');
  return Buffer.from(message.endsWith('\n') ? message : message + (message.endsWith('\r') ? '\n' : '\r\n'), 'utf8');
}

function appendNode(node: MimeNode, parts: string[]): void {
  const transferEncoding = node.getTransferEncoding();
  parts.push(node.buildHeaders() + '\r\n\r\n');
  if (node.content) parts.push(encodeContent(node, transferEncoding));
  if (!node.multipart) return;
  node.childNodes.forEach((child, index) => {
    parts.push(`${index > 0 ? '\r\n' : ''}--${node.boundary}\r\n`);
    appendNode(child, parts);
  });
  parts.push(`\r\n--${node.boundary}--\r\n`);
}

function encodeContent(node: MimeNode, transferEncoding: string | false): string {
  const content = node.content;
  if (typeof content !== 'string' && !Buffer.isBuffer(content)) {
    throw new Error('buildRawMessage supports string or Buffer content only');
  }
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (transferEncoding === 'base64') return base64.wrap(base64.encode(bytes), 76);
  if (transferEncoding === 'quoted-printable') {
    if (!/^text\//i.test(node.contentType ?? '')) throw new Error('buildRawMessage: quoted-printable outside text parts is not supported');
    return qp.wrap(qp.encode(bytes), 76);
  }
  return bytes.toString('utf8');
}
