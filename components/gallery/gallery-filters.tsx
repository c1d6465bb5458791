"use client";

import { Search, Star, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { GalleryFilterKey, GalleryFilterParams } from "./use-gallery-filters";

type Update = (changes: Partial<Record<GalleryFilterKey, string | undefined>>) => void;

/** Prompt search goes to the server, so typing settles for a moment first. */
function PromptSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => latest.current(draft), 300);
    return () => clearTimeout(timer);
  }, [draft, value]);
  return (
    <div className="relative w-full lg:max-w-xs">
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input
        type="search"
        aria-label="Search outputs by prompt"
        placeholder="Text in the prompt…"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") onChange(draft);
        }}
        className="pl-8"
      />
    </div>
  );
}

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
  const knownEndpoint = !params.endpoint || endpoints.some((endpoint) => endpoint.id === params.endpoint);
  const knownWorkflow = !params.workflow || workflows.some((workflow) => workflow.id === params.workflow);
  return (
    <div className="flex flex-col gap-2 lg:flex-row lg:flex-wrap lg:items-end" role="search" aria-label="Gallery filters">
      <PromptSearch value={params.q} onChange={(q) => update({ q })} />
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end">
        <Select value={params.endpoint ?? "all"} onValueChange={(endpoint) => update({ endpoint })}>
          <SelectTrigger aria-label="Filter by endpoint" className="w-full sm:w-44">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">All endpoints</SelectItem>
            {endpoints.map((endpoint) => (
              <SelectItem key={endpoint.id} value={endpoint.id}>
                {endpoint.name}
              </SelectItem>
            ))}
            {!knownEndpoint && params.endpoint ? <SelectItem value={params.endpoint}>{params.endpoint}</SelectItem> : null}
          </SelectContent>
        </Select>
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
              {!knownWorkflow && params.workflow ? <SelectItem value={params.workflow}>{params.workflow}</SelectItem> : null}
            </SelectContent>
          </Select>
        ) : null}
        <div className="grid gap-1">
          <Label htmlFor="gallery-from" className="text-xs text-muted-foreground">
            From
          </Label>
          <Input id="gallery-from" type="date" value={params.from ?? ""} max={params.to} onChange={(event) => update({ from: event.target.value })} className="sm:w-40" />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="gallery-to" className="text-xs text-muted-foreground">
            To
          </Label>
          <Input id="gallery-to" type="date" value={params.to ?? ""} min={params.from} onChange={(event) => update({ to: event.target.value })} className="sm:w-40" />
        </div>
        <Button
          variant={params.favourites ? "secondary" : "outline"}
          aria-pressed={params.favourites}
          onClick={() => update({ favourites: params.favourites ? undefined : "1" })}
        >
          <Star aria-hidden className={params.favourites ? "fill-amber-400 text-amber-500" : undefined} /> Favourites only
        </Button>
        {filtered ? (
          <Button
            variant="ghost"
            className="col-span-2 sm:col-span-1"
            onClick={() => update({ endpoint: undefined, workflow: undefined, from: undefined, to: undefined, q: undefined, favourites: undefined })}
          >
            <X aria-hidden /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
