import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { schemaRef, type Answer, type ApiSchemaName } from '#libs/contracts';

const ERROR_MEANING: Record<number, string> = {
  400: 'The request is invalid (field-level errors); nothing was changed.',
  401: 'Missing or invalid bearer token, or no live sign-in session.',
  403: 'The caller\u2019s role may not do this.',
  404: 'Not found, or not visible to the caller.',
  409: 'A conflict: stale version, already decided, not your turn yet.',
  410: 'The link was used or has expired.',
  413: 'The upload is too large.',
  415: 'The media type is not accepted.',
  422: 'Well-formed, but the rules cannot serve it.',
  429: 'Too many requests from this client or for this address; Retry-After says when to try again.',
  503: 'The owning service did not answer; nothing is known to have changed.',
};

/** Error answers, all in the shared ErrorBody shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_MEANING[status] ?? 'Refused.', schema: schemaRef('ErrorBody') })),
  );
}

/**
 * What an operation answers, by the name of its schema in #libs/contracts (the same schema the
 * service's answer type is inferred from), and the error statuses it may answer beside 401/403.
 * The method must return that shape, so the document cannot name a schema the code does not answer.
 */
export function ApiAnswers<N extends ApiSchemaName>(status: number, schema: N, errors: number[] = []) {
  const decorate = applyDecorators(ApiResponse({ status, description: 'Success.', schema: schemaRef(schema) }), ApiErrors(...errors));
  return <M extends (...args: never[]) => Answer<N> | Promise<Answer<N>>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    decorate(target, key, descriptor);
  };
}

/** A page behind an email link: HTML for a browser; `json` names the JSON answer to an API client. */
export function ApiPageAnswers(json: ApiSchemaName | null, errors: number[]) {
  const html = { 'text/html': { schema: { type: 'string' } } };
  return applyDecorators(
    ApiResponse({ status: 200, description: 'The page, or the JSON answer when asked for JSON.', content: json ? { ...html, 'application/json': { schema: schemaRef(json) } } : html }),
    ApiErrors(...errors),
  );
}
