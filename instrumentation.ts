export async function register() {
  // The Edge runtime cannot open a database; `next build` must not touch the data folder.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startConsoleServer } = await import("./lib/server/startup");
  await startConsoleServer();
}
