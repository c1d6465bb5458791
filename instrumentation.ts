export async function register() {
  // The Edge runtime cannot open a database; `next build` must not touch the data folder.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startConsoleServer } = await import("./lib/server/startup");
  await startConsoleServer();
}

/** A page, action or route that failed because the database is missing marks it down (pages then answer 503). */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteDatabaseFailure } = await import("./lib/db/availability");
  noteDatabaseFailure(error);
}
