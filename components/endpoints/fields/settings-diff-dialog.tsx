"use client";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import type { FieldChange } from "@/lib/endpoints/diff";

/** The changes an update would make, field by field, before it replaces the endpoint's configuration. */
export function SettingsDiffDialog({
  changes,
  saving,
  onSave,
  onClose,
}: {
  changes: FieldChange[] | undefined;
  saving: boolean;
  onSave: () => void;
  onClose: () => void;
}) {
  const nothing = changes?.length === 0;
  return (
    <Dialog open={changes !== undefined} onOpenChange={(open) => !open && !saving && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Save these changes?</DialogTitle>
          <DialogDescription>
            {nothing
              ? "Nothing changed: the settings are the same as Novita's."
              : "Novita replaces the whole configuration; running workers pick up the change as they restart."}
          </DialogDescription>
        </DialogHeader>
        {changes && changes.length > 0 ? (
          <ul className="grid gap-2 text-sm" aria-label="Changes">
            {changes.map((change) => (
              <li key={change.field} className="grid gap-0.5 rounded-md border p-2">
                <span className="font-medium">{change.label}</span>
                <span className="break-all">
                  <span className="text-muted-foreground line-through">{change.before}</span>
                  {" → "}
                  <span>{change.after}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button type="button" onClick={onSave} disabled={nothing} loading={saving}>
            {nothing ? "Nothing changed" : "Save changes"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
