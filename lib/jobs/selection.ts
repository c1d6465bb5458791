/** Checkbox selection over an ordered list, with shift-click ranges the way mail clients do it. Browser-safe. */

export interface SelectionResult {
  selected: Set<string>;
  /** Where the next shift-click range starts. */
  anchorId: string;
}

/**
 * A click on `clickedId`'s checkbox. Without shift it toggles that one row and makes it the anchor. With shift
 * (and an anchor still in the list) every row between the anchor and the clicked one takes the clicked row's new
 * state, so a shift-click can also clear a range; the anchor stays put so the range can be re-dragged.
 * Never mutates `selected`.
 */
export function applySelection(
  selected: ReadonlySet<string>,
  orderedIds: readonly string[],
  clickedId: string,
  { shift, anchorId }: { shift: boolean; anchorId: string | null | undefined },
): SelectionResult {
  const next = new Set(selected);
  const select = !selected.has(clickedId);
  const from = anchorId ? orderedIds.indexOf(anchorId) : -1;
  const to = orderedIds.indexOf(clickedId);
  if (!shift || from < 0 || to < 0 || !anchorId) {
    if (select) next.add(clickedId);
    else next.delete(clickedId);
    return { selected: next, anchorId: clickedId };
  }
  const [start, end] = from <= to ? [from, to] : [to, from];
  for (const id of orderedIds.slice(start, end + 1)) {
    if (select) next.add(id);
    else next.delete(id);
  }
  return { selected: next, anchorId };
}

/**
 * Drops ids that are no longer in the list (after a filter change
 * or a refetch), keeping the same Set when nothing changed.
 */
export function keepLoaded(selected: Set<string>, orderedIds: readonly string[]): Set<string> {
  if (selected.size === 0) return selected;
  const loaded = new Set(orderedIds);
  const kept = [...selected].filter((id) => loaded.has(id));
  return kept.length === selected.size ? selected : new Set(kept);
}
