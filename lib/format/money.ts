/** The console's one way to write an amount of money (US dollars, as Novita prices are). Browser-safe, no React. */

/** "$4.14", "$0.69"; sub-cent figures (one GPU-minute, say) keep a third decimal: "$0.013". */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount !== 0 && amount < 0.1 ? 3 : 2)}`;
}

/** A cost that may be unknown (a GPU without a readable price): "unknown", never a made-up $0.00. */
export function formatCost(amount: number | undefined): string {
  return amount === undefined || !Number.isFinite(amount) ? "unknown" : formatUsd(amount);
}
