import Link from "next/link";
import { Button } from "@/components/ui/button";

/** Shown when a request needs a session it does not have (for example a form sent after signing out). */
export default function Unauthorized() {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="grid max-w-sm gap-3 text-center">
        <h1 className="text-xl font-semibold">You are signed out</h1>
        <p className="text-sm text-muted-foreground">
          Your session has ended, so nothing was changed. Sign in again and repeat what you were doing.
        </p>
        <Button asChild>
          <Link href="/login">Sign in</Link>
        </Button>
      </div>
    </main>
  );
}
