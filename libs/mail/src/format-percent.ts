/** 12.5 -> "12.5%", 10 -> "10%", 7.125 -> "7.13%". */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return `${value}%`;
  return `${Number(value.toFixed(2))}%`;
}
