import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="grid max-w-sm gap-3 text-center">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="text-sm text-muted-foreground">There is nothing at this address.</p>
        <Button asChild variant="outline">
          <Link href="/">Back to the overview</Link>
        </Button>
      </div>
    </main>
  );
}
