"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteWorkflowAction } from "@/lib/workflows/actions";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
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
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline" size="sm">
          <Trash2 aria-hidden />
          Delete
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete “{name}”?</DialogTitle>
          <DialogDescription>
            Its versions and form layout are deleted. Jobs it ran stay in the job list, with their inputs and outputs.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="ghost" disabled={pending}>
              Keep it
            </Button>
          </DialogClose>
          <Button type="button" variant="destructive" onClick={() => void run({ workflowId })} loading={pending}>
            Delete workflow
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
