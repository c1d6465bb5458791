"use client";

import { ShownOnce } from "@/components/ui/shown-once";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/lib/hooks/use-action";
import { rotateSigningSecretAction } from "@/lib/webhooks/actions";

/**
 * The member's webhook signing secret: its date only, and a button that makes a new one, shown once with a copy
 * button. Replacing it asks first: receivers that check the old one refuse the next deliveries.
 */
export function SigningSecret({ created }: { created: string | null }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const rotate = useAction(rotateSigningSecretAction, {
    onSuccess: (data) => {
      setSecret(data.secret);
      setConfirming(false);
      router.refresh();
    },
  });
  const label = created ? "Rotate signing secret" : "Create signing secret";

  return (
    <div className="grid gap-4">
      <FormAlert message={rotate.error?.message ?? null} />
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-muted-foreground">
          {created ? `Created ${created}.` : "You have no signing secret yet: runs with a webhook are refused."}
        </p>
        {created ? (
          <ConfirmDialog
            open={confirming}
            onOpenChange={setConfirming}
            trigger={<Button variant="outline">{label}</Button>}
            title="Rotate the signing secret?"
            description="Deliveries from now on are signed with the new secret; receivers that check the old one will refuse them."
            confirmLabel="Rotate signing secret"
            onConfirm={() => void rotate.run({})}
            pending={rotate.pending}
          />
        ) : (
          <Button onClick={() => void rotate.run({})} loading={rotate.pending}>
            {label}
          </Button>
        )}
      </div>
      {secret ? (
        <ShownOnce region="New signing secret" value={secret} copyLabel="Copy signing secret">
          Copy it now: it is shown only once. Your receiver checks the{" "}
          <code className="font-mono text-xs">webhook-signature</code> header with it.
        </ShownOnce>
      ) : null}
    </div>
  );
}
