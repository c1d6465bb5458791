import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="grid max-w-sm gap-3 text-center">
        <h1 className="text-xl font-semibold">Your role cannot do this</h1>
        <p className="text-sm text-muted-foreground">
          Nothing was changed. Ask an administrator of this console for a role with more rights.
        </p>
        <Button asChild variant="outline">
          <Link href="/">Back to the overview</Link>
        </Button>
      </div>
    </main>
  );
}
