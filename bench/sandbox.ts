/**
 * `npm run bench:sandbox`: 1,000 echo jobs through the typed client against the sandbox over real HTTP.
 * Prints jobs per second and p50/p95 submit-to-completed latency (as the client sees it, polling status).
 */
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { benchSandbox, percentile } from "./support";

const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 20);
const KEY = "sk_bench_sandbox_key_0000000000";

async function main() {
  const { sandbox, client } = await benchSandbox(KEY);
  const products = await client.catalog.listServerlessProducts();
  const { id } = await client.management.createEndpoint(
    makeEndpointSpec({
      name: "bench-echo",
      appName: "bench",
      productId: products[0]!.id,
      workers: {
        min: 4,
        max: 4,
        idleTimeoutSeconds: 60,
        maxConcurrent: 16,
        gpusPerWorker: 1,
        requestTimeoutSeconds: 600,
      },
      policy: { type: "concurrency", value: 1 },
    }),
  );
  const endpoint = await client.management.getEndpoint(id);
  for (;;) {
    const health = await client.jobs.health(endpoint.jobRouteName);
    if (health.workers.idle === 4) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function lane() {
    while (next < JOBS) {
      const index = next++;
      const submitted = performance.now();
      const job = await client.jobs.run(endpoint.jobRouteName, { index, prompt: "a red apple on a table" });
      for (;;) {
        const status = await client.jobs.status(endpoint.jobRouteName, job.id);
        if (status.finished) {
          if (status.status !== "COMPLETED") throw new Error(`job ${job.id} ended ${status.status}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      latencies.push(performance.now() - submitted);
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  console.log(
    `sandbox bench: ${JOBS} echo jobs, ${IN_FLIGHT} in flight, status polled every ${POLL_MS} ms, ` +
      "4 workers × 16 concurrent",
  );
  console.log(`  throughput      ${(JOBS / seconds).toFixed(1)} jobs/s (${seconds.toFixed(2)} s total)`);
  console.log(
    `  submit→completed p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
  );
  console.log(`  memory          rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
  await sandbox.close();
}

void main();
