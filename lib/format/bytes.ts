/** The console's one way to write a size. Browser-safe, no React. */

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/** "512 B", "1.5 KiB", "4.00 MiB", "1.25 GiB" (binary units, as Novita's 4 MiB job limit is). */
export function formatBytes(bytes: number): string {
  if (bytes < KIB) return `${bytes} B`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  if (bytes < GIB) return `${(bytes / MIB).toFixed(2)} MiB`;
  return `${(bytes / GIB).toFixed(2)} GiB`;
}
