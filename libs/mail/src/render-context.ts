import type { HelperOptions } from 'handlebars';
import type { Locale } from './locale.js';

/** Passed as Handlebars `@data`, so every helper and partial sees it without threading it through. */
export interface RenderContext {
  locale: Locale;
  timezone: string;
}

export interface HelperCall {
  params: unknown[];
  hash: Record<string, unknown>;
  context: RenderContext;
}

function isHelperOptions(value: unknown): value is HelperOptions {
  return typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;
}

function isRenderContext(value: unknown): value is RenderContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    'locale' in value &&
    typeof value.locale === 'string' &&
    'timezone' in value &&
    typeof value.timezone === 'string'
  );
}

/** Handlebars appends its options object to every helper call; split it from the real arguments. */
export function parseHelperCall(name: string, args: unknown[]): HelperCall {
  const options = args.at(-1);
  if (!isHelperOptions(options)) throw new Error(`Helper "${name}" called without Handlebars options`);
  const data: unknown = options.data;
  if (!isRenderContext(data)) throw new Error(`Helper "${name}" needs @locale and @timezone render data`);
  const hash: Record<string, unknown> = { ...options.hash };
  return { params: args.slice(0, -1), hash, context: data };
}
