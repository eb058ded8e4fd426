import Handlebars from 'handlebars';
import { registerHelpers } from './register-helpers.js';
import { htmlPartials, textPartials } from './templates/partials.js';

export type MailHandlebars = typeof Handlebars;
type CompileOptions = NonNullable<Parameters<MailHandlebars['compile']>[1]>;

// strict: a typo in a template path throws in tests instead of rendering an empty string.
export const HTML_COMPILE_OPTIONS: CompileOptions = { strict: true };
export const TEXT_COMPILE_OPTIONS: CompileOptions = { strict: true, noEscape: true };

/**
 * An isolated Handlebars instance, so helpers and partials registered by other code in the
 * process cannot change what emails look like. Partials are precompiled here because a
 * partial registered as source is compiled with the options of whichever template first uses
 * it, and HTML and text need different escaping.
 */
export function createMailHandlebars(): MailHandlebars {
  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const [name, source] of Object.entries(htmlPartials)) {
    hb.registerPartial(name, hb.compile(source, HTML_COMPILE_OPTIONS));
  }
  for (const [name, source] of Object.entries(textPartials)) {
    hb.registerPartial(name, hb.compile(source, TEXT_COMPILE_OPTIONS));
  }
  return hb;
}
