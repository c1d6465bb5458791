/** What an endpoint costs per hour: GPU price × GPUs per worker × workers. Browser-safe. */

export function workerCostPerHour(pricePerGpuHourUsd: number, gpusPerWorker: number): number {
  return pricePerGpuHourUsd * gpusPerWorker;
}

export function costPerHour(pricePerGpuHourUsd: number, gpusPerWorker: number, workers: number): number {
  return workerCostPerHour(pricePerGpuHourUsd, gpusPerWorker) * workers;
}

/** A cost that may be unknown (a GPU without a readable price): "unknown", never a made-up $0.00. */
export function formatCost(amount: number | undefined): string {
  return amount === undefined || !Number.isFinite(amount) ? "unknown" : formatUsd(amount);
}

export function formatUsd(amount: number): string {
  // Sub-cent figures (one GPU-minute, say) keep a third decimal; everything else is cents.
  return `$${amount.toFixed(amount !== 0 && amount < 0.1 ? 3 : 2)}`;
}
