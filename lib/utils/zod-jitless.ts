/**
 * zod 4 compiles object parsers with `new Function` when it may; its probe for that (`Function("")`) is an eval our
 * Content-Security-Policy refuses, and the browser reports a violation. Parsing without the compiler is fast
 * enough for forms, so browsers skip the probe. Imported once by components/providers.tsx, before any form parses.
 */
import { z } from "zod";

z.config({ jitless: true });
