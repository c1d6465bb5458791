import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { AuditFilters } from "@/lib/audit/filters";
import { cn } from "@/lib/utils/cn";

/** A plain GET form: the filters live in the URL (shareable, back button works) and apply without JavaScript. */
export function AuditFiltersForm({ filters, actions }: { filters: AuditFilters; actions: string[] }) {
  const families = [...new Set(actions.map((action) => action.split(".")[0]))];
  return (
    <form
      method="get"
      action="/settings/audit"
      aria-label="Filter the audit log"
      className={cn(
        "grid gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2",
        "lg:grid-cols-[1fr_1fr_1fr_auto_auto_auto] lg:items-end",
      )}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="audit-person">Person</Label>
        <Input id="audit-person" name="person" placeholder="Name or email" defaultValue={filters.person ?? ""} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-action">Action</Label>
        <NativeSelect id="audit-action" name="action" defaultValue={filters.action ?? ""} className="w-full">
          <option value="">All actions</option>
          {families.map((family) => (
            <optgroup key={family} label={family}>
              <option value={`${family}.`}>{family}.* (all)</option>
              {actions
                .filter((action) => action.startsWith(`${family}.`))
                .map((action) => (
                  <option key={action} value={action}>
                    {action}
                  </option>
                ))}
            </optgroup>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-target">Target</Label>
        <Input id="audit-target" name="target" placeholder="Id or type" defaultValue={filters.target ?? ""} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-from">From (UTC)</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="audit-to">To (UTC)</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-1">
        <Button type="submit">Apply</Button>
        <Button asChild variant="ghost">
          <Link href="/settings/audit">Clear</Link>
        </Button>
      </div>
    </form>
  );
}
