/** `npm run sandbox`: the Novita-compatible sandbox alone, with the console's configuration. */
import path from "node:path";
import { ConfigError, getConfig, sandboxConnection } from "@/lib/config";
import { startSandbox } from "./server";

async function main() {
  let config;
  try {
    config = getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const sandbox = await startSandbox({
    port: config.sandboxPort,
    apiKey: sandboxConnection(config).apiKey,
    dataDir: config.dataDir,
    comfyuiUrl: config.comfyuiUrl,
  });
  console.log(`Novita sandbox listening on ${sandbox.origin}
  management API  ${sandbox.managementBaseUrl}
  GPU API v2      ${sandbox.gpusV2BaseUrl}
  job gateway     ${sandbox.jobsBaseUrl}
  API key         ${config.sandboxApiKey ? "SANDBOX_API_KEY" : path.join(config.dataDir, "sandbox-api-key")}
  state           ${path.join(config.dataDir, "sandbox", "state.json")}`);
  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
