"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteWorkflowAction } from "@/lib/workflows/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { useAction } from "@/lib/hooks/use-action";

/** Deletes a workflow and its versions after a confirmation; its jobs stay in the ledger. */
export function DeleteWorkflow({ workflowId, name }: { workflowId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, pending } = useAction(deleteWorkflowAction, {
    onSuccess: () => {
      toast.success(`Deleted “${name}”.`);
      setOpen(false);
      router.push("/workflows");
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button type="button" variant="outline" size="sm">
          <Trash2 aria-hidden />
          Delete
        </Button>
      }
      title={<>Delete “{name}”?</>}
      description={
        "Its versions and form layout are deleted. Jobs it ran stay in the job list, with their inputs and outputs."
      }
      cancelLabel="Keep it"
      cancelVariant="ghost"
      cancelDisabled={pending}
      confirmLabel="Delete workflow"
      confirmVariant="destructive"
      onConfirm={() => void run({ workflowId })}
      pending={pending}
    />
  );
}
