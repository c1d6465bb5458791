"use client";

import {
  createParser,
  parseAsString,
  useQueryStates,
  type inferParserType,
  type Nullable,
  type UseQueryStatesKeysMap,
  type Values,
} from "nuqs";
import { dayBoundary } from "@/lib/format/time";

/**
 * How a list page keeps its filters in the URL (nuqs): shareable and kept on reload. `replace`: a keystroke or a
 * tab is not a history entry, so Back leaves the page instead of replaying filters. `shallow`: the list reads its
 * data through React Query, so a change needs no server round trip.
 */
export const URL_FILTER_OPTIONS = { history: "replace", shallow: true } as const;

/** `?key=1` ⇄ true. Anything else reads as false, and false leaves the URL. */
export const parseAsOne = createParser<boolean>({
  parse: (value) => (value === "1" ? true : null),
  serialize: () => "1",
}).withDefault(false);

/** A value that means something only when it is not empty (an id): `?endpoint=` reads as no filter. */
export const parseAsId = createParser({ parse: (value) => value || null, serialize: (value: string) => value });

/** A calendar day as `<input type="date">` holds it (`YYYY-MM-DD`); anything else reads as no filter. */
export const parseAsDay = createParser({
  parse: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null),
  serialize: (value: string) => value,
});

/** The filters every list page has (`?q=&endpoint=&from=&to=`): search text, one endpoint, a range of days. */
export const commonFilterParsers = {
  q: parseAsString.withDefault(""),
  endpoint: parseAsId,
  from: parseAsDay,
  to: parseAsDay,
};
export type CommonFilterParams = inferParserType<typeof commonFilterParsers>;
/** What a setter takes: some of the filters, null to clear one. */
export type FilterChanges<Parsers extends UseQueryStatesKeysMap> = Partial<Nullable<Values<Parsers>>>;

/** A select's "all", or an emptied input, as "no filter". */
export const unlessAll = (value: string): string | null => (value && value !== "all" ? value : null);

function isSet(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  return value !== null && value !== false;
}

/** A list page's filters as the URL holds them, and what a filter bar does with them. */
export interface ListFilterState<Parsers extends UseQueryStatesKeysMap> {
  params: Values<Parsers>;
  /** Resolves once the URL says so too (the state changes at once). */
  setFilters: (changes: FilterChanges<Parsers>) => Promise<URLSearchParams>;
  /** Whether any of the clearable filters is set. */
  filtered: boolean;
  clearFilters: () => Promise<URLSearchParams>;
}

/**
 * The filters in the URL under `parsers`. `clearable`: the ones "Clear filters" empties (and that make the list
 * "filtered"); a status tab, say, is not one of them.
 */
export function useListFilters<Parsers extends UseQueryStatesKeysMap>(
  parsers: Parsers,
  clearable: readonly (keyof Parsers)[],
): ListFilterState<Parsers> {
  const [params, setParams] = useQueryStates(parsers, URL_FILTER_OPTIONS);
  return {
    params,
    setFilters: (changes) => setParams(changes),
    filtered: clearable.some((key) => isSet(params[key])),
    clearFilters: () => setParams(Object.fromEntries(clearable.map((key) => [key, null])) as FilterChanges<Parsers>),
  };
}

/** The API's side of the common filters: trimmed text, and the days as the instants that bound them here. */
export function commonApiFilters({ q, endpoint, from, to }: CommonFilterParams) {
  return {
    endpoint: endpoint ?? undefined,
    q: q.trim() || undefined,
    from: dayBoundary(from ?? undefined, "start"),
    to: dayBoundary(to ?? undefined, "end"),
  };
}
