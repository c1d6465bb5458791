"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
    <ConfirmDialog
      open={changes !== undefined}
      onOpenChange={(open) => !open && !saving && onClose()}
      title="Save these changes?"
      description={
        nothing
          ? "Nothing changed: the settings are the same as Novita's."
          : "Novita replaces the whole configuration; running workers pick up the change as they restart."
      }
      confirmLabel={nothing ? "Nothing changed" : "Save changes"}
      onConfirm={onSave}
      pending={saving}
      confirmDisabled={nothing}
      cancelDisabled={saving}
    >
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
    </ConfirmDialog>
  );
}
