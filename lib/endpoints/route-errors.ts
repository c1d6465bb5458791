import "server-only";
import { isNovitaError } from "@/lib/novita/errors";

/** Route handlers answer a failed Novita call with 502 and the sentence for the user (never the key or a stack). */
export async function withNovitaErrors(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (!isNovitaError(error)) throw error;
    const status = error.kind === "not_found" ? 404 : 502;
    return Response.json({ error: { code: error.kind, message: error.userMessage } }, { status, headers: { "cache-control": "no-store" } });
  }
}
