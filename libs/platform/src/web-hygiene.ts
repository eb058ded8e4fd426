import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Headers on every HTTP answer: no framing (the link pages act on a click), no Referer (a link
 * page's URL is a secret), nosniff, and no X-Powered-By. Link pages use inline styles only.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"] } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** Decides who may read the API description at /docs: provided by the gateway (DOCS_GATE). */
export interface DocsGate {
  allows(request: Parameters<RequestHandler>[0]): Promise<boolean>;
}

export const DOCS_GATE = Symbol('DOCS_GATE');

/** /docs and /docs-json answer 404 to whoever the gate refuses, as if they were not there. */
export function docsGuard(gate: DocsGate): RequestHandler {
  return (request, response, next) => {
    gate.allows(request).then(
      (allowed) => (allowed ? next() : response.status(404).json({ statusCode: 404, code: 'not_found', message: 'Not found.' })),
      next,
    );
  };
}
