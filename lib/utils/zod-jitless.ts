/**
 * zod 4 compiles object parsers with `new Function` when it may; its probe for that (`Function("")`, run when an
 * object schema is built) is an eval our Content-Security-Policy refuses, and the browser reports a violation.
 * Parsing without the compiler is fast enough for forms, so browsers skip the probe.
 *
 * Every module the browser may load that builds zod schemas imports this first (`import "@/lib/utils/zod-jitless"`
 * above `import { z } from "zod"`), so the setting is in place before its schemas are built, whichever page loads
 * it; zod is then downloaded only by the pages that use a schema. On the server, where eval is allowed, it does
 * nothing.
 */
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
