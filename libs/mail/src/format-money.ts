const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const DEFAULT_FRACTION_DIGITS = 2;
const fractionDigitsByCurrency = new Map<string, number>();

/** Minor-unit digits of an ISO 4217 code (JPY 0, KWD 3, ...); 2 for codes Intl does not know. */
function fractionDigitsOf(currency: string): number {
  const cached = fractionDigitsByCurrency.get(currency);
  if (cached !== undefined) return cached;
  let digits: number;
  try {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? DEFAULT_FRACTION_DIGITS;
  } catch {
    digits = DEFAULT_FRACTION_DIGITS;
  }
  fractionDigitsByCurrency.set(currency, digits);
  return digits;
}

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "1234567.5", "CNY" -> "1,234,567.50 CNY". Works on the decimal string with BigInt so that
 * amounts beyond float precision keep every digit; rounds half away from zero.
 * The same output in every locale: amounts are compared across emails and systems.
 */
export function formatMoney(amount: string, currency: string): string {
  const code = currency.trim().toUpperCase();
  const match = DECIMAL.exec(amount.trim());
  if (!match) return `${amount} ${code}`;
  const [, sign, integerPart, fractionPart = ''] = match;
  const digits = fractionDigitsOf(code);

  const kept = fractionPart.padEnd(digits, '0').slice(0, digits);
  let scaled = BigInt(integerPart + kept);
  const firstDropped = fractionPart.charAt(digits);
  if (firstDropped !== '' && firstDropped >= '5') scaled += 1n;

  const text = scaled.toString().padStart(digits + 1, '0');
  const integerText = text.slice(0, text.length - digits);
  const fractionText = text.slice(text.length - digits);
  const negative = sign === '-' && scaled !== 0n;
  const body = groupThousands(integerText) + (digits > 0 ? `.${fractionText}` : '');
  return `${negative ? '-' : ''}${body} ${code}`;
}
