/**
 * Reads a server-sent event stream (the console's `/api/events`, or a stream made by lib/tracker/sse.ts) and hands
 * each `job` event's job to `onJob`, with the time it arrived. Returns when the stream ends or its read fails.
 */
export async function readJobEvents<Job>(
  stream: ReadableStream<Uint8Array>,
  onJob: (job: Job, at: number) => void,
): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value);
    const frames = buffer.split("\n\n");
    buffer = frames.pop() ?? "";
    for (const frame of frames) {
      if (!frame.includes("event: job")) continue;
      const data = frame.split("\n").find((line) => line.startsWith("data: "));
      if (data) onJob((JSON.parse(data.slice(6)) as { job: Job }).job, Date.now());
    }
  }
}
