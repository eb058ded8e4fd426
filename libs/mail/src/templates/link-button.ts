import { style } from './styles.js';

/**
 * The HTML of an email whose point is one link: the button, a note under it, and the same URL as
 * text for clients that block buttons. `url` names the data field, the keys are message keys.
 */
export function linkButtonHtml(url: string, keys: { button: string; fallback: string }, note: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.buttonTable}">
<tr><td style="${style.buttonCell}"><a href="{{${url}}}" target="_blank" rel="noopener" style="${style.button}">{{t "${keys.button}"}}</a></td></tr>
</table>
<p style="${style.p}">${note}</p>
<p style="${style.small}">{{t "${keys.fallback}"}}<br><a href="{{${url}}}" target="_blank" rel="noopener" style="${style.link}">{{${url}}}</a></p>
`;
}
