/**
 * Reads a server-sent event stream (the console's `/api/events`, or a stream made by lib/tracker/sse.ts): every
 * event with its id (`readEvents`), or each `job` event's job (`readJobEvents`), with the time it arrived. Returns
 * when the stream ends or its read fails (an aborted request, say).
 */
export interface StreamEvent {
  /** The frame's `id:` (absent on frames without one, such as `resync`). */
  id: number | undefined;
  type: string;
  data: string;
}

export async function readEvents(
  stream: ReadableStream<Uint8Array>,
  onEvent: (event: StreamEvent, at: number) => void,
): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const frames = buffer.split("\n\n");
    buffer = frames.pop() ?? "";
    for (const frame of frames) {
      const fields = new Map<string, string>();
      for (const line of frame.split("\n")) {
        const colon = line.indexOf(": ");
        if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 2));
      }
      const data = fields.get("data");
      if (data === undefined) continue; // retry: and comments
      const id = fields.get("id");
      onEvent(
        { id: id === undefined ? undefined : Number(id), type: fields.get("event") ?? "message", data },
        Date.now(),
      );
    }
  }
}

export function readJobEvents<Job>(
  stream: ReadableStream<Uint8Array>,
  onJob: (job: Job, at: number) => void,
): Promise<void> {
  return readEvents(stream, (event, at) => {
    if (event.type === "job") onJob((JSON.parse(event.data) as { job: Job }).job, at);
  });
}
