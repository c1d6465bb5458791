"use client";

import { Star, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EndpointSelect } from "@/components/ui/endpoint-select";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SearchBox } from "@/components/ui/search-box";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { GalleryFilterKey, GalleryFilterParams } from "./use-gallery-filters";

type Update = (changes: Partial<Record<GalleryFilterKey, string | undefined>>) => void;

export function GalleryFilters({
  params,
  endpoints,
  workflows,
  showWorkflow,
  filtered,
  update,
}: {
  params: GalleryFilterParams;
  endpoints: { id: string; name: string }[];
  workflows: { id: string; name: string }[];
  showWorkflow: boolean;
  filtered: boolean;
  update: Update;
}) {
  const knownWorkflow = !params.workflow || workflows.some((workflow) => workflow.id === params.workflow);
  return (
    <div
      className="flex flex-col gap-2 lg:flex-row lg:flex-wrap lg:items-end"
      role="search"
      aria-label="Gallery filters"
    >
      <SearchBox
        value={params.q}
        onChange={(q) => update({ q })}
        label="Search outputs by prompt"
        placeholder="Text in the prompt…"
        className="lg:max-w-xs"
      />
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end">
        <EndpointSelect
          value={params.endpoint}
          endpoints={endpoints}
          onChange={(endpoint) => update({ endpoint })}
          className="sm:w-44"
        />
        {showWorkflow ? (
          <Select value={params.workflow ?? "all"} onValueChange={(workflow) => update({ workflow })}>
            <SelectTrigger aria-label="Filter by workflow" className="w-full sm:w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="all">All workflows</SelectItem>
              {workflows.map((workflow) => (
                <SelectItem key={workflow.id} value={workflow.id}>
                  {workflow.name}
                </SelectItem>
              ))}
              {!knownWorkflow && params.workflow ? (
                <SelectItem value={params.workflow}>{params.workflow}</SelectItem>
              ) : null}
            </SelectContent>
          </Select>
        ) : null}
        <div className="grid gap-1">
          <Label htmlFor="gallery-from" className="text-xs text-muted-foreground">
            From
          </Label>
          <Input
            id="gallery-from"
            type="date"
            value={params.from ?? ""}
            max={params.to}
            onChange={(event) => update({ from: event.target.value })}
            className="sm:w-40"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="gallery-to" className="text-xs text-muted-foreground">
            To
          </Label>
          <Input
            id="gallery-to"
            type="date"
            value={params.to ?? ""}
            min={params.from}
            onChange={(event) => update({ to: event.target.value })}
            className="sm:w-40"
          />
        </div>
        <Button
          variant={params.favourites ? "secondary" : "outline"}
          aria-pressed={params.favourites}
          onClick={() => update({ favourites: params.favourites ? undefined : "1" })}
        >
          <Star aria-hidden className={params.favourites ? "fill-amber-400 text-amber-500" : undefined} /> Favourites
          only
        </Button>
        {filtered ? (
          <Button
            variant="ghost"
            className="col-span-2 sm:col-span-1"
            onClick={() =>
              update({
                endpoint: undefined,
                workflow: undefined,
                from: undefined,
                to: undefined,
                q: undefined,
                favourites: undefined,
              })
            }
          >
            <X aria-hidden /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
