/** What an endpoint costs per hour: GPU price × GPUs per worker × workers. Browser-safe. */

export function workerCostPerHour(pricePerGpuHourUsd: number, gpusPerWorker: number): number {
  return pricePerGpuHourUsd * gpusPerWorker;
}

export function costPerHour(pricePerGpuHourUsd: number, gpusPerWorker: number, workers: number): number {
  return workerCostPerHour(pricePerGpuHourUsd, gpusPerWorker) * workers;
}
