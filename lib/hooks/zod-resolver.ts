/** react-hook-form's zod resolver, loaded with zod on a form's first validation (lib/hooks/use-action-form.ts). */
import "@/lib/utils/zod-jitless";

export { zodResolver } from "@hookform/resolvers/zod";
