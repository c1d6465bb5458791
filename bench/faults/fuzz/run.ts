/**
 * Sends every door its bad inputs, as every caller, `concurrency` requests in flight, and tallies the answers: by
 * status class, and every failure — an answer ≥ 500, no answer within `timeoutMs`, or an action whose result is
 * the generic `internal` error (an unexpected throw the wrapper caught: a 500 in a 200's clothing).
 */
import type { ConsoleServer } from "@/e2e/support/server";
import { BROKEN_TEXTS, HUGE_TEXTS, NASTY_VALUES } from "./corpus";
import type { Door } from "./doors";
import { generatedTexts, isBad } from "./generate";
import { actionArguments, requestFor, type Input } from "./requests";
import { ACTION_SCHEMAS } from "./schemas";
import type { Caller } from "./world";

export interface FuzzOptions {
  perDoor: number;
  concurrency: number;
  seed: number;
  timeoutMs?: number;
}

export interface Failure {
  door: string;
  caller: string;
  status: string;
  /** The path and query sent, shortened. */
  target: string;
  sample: string;
}

export interface Tally {
  doors: number;
  inputs: number;
  byClass: Record<string, number>;
  failures: Failure[];
}

interface Task {
  door: Door;
  input: Input;
  caller: Caller;
}

/** A short, printable sample of an input: control characters and lone surrogates escaped. */
export function sampleOf(text: string): string {
  const head = JSON.stringify(text.slice(0, 60)).slice(1, -1);
  return text.length > 60 ? `${head}… (${text.length} chars)` : head;
}

/** The callers a door is tried as: signing out needs no input, so a signed-in call of it is a valid one. */
function callersFor(door: Door, callers: Caller[]): Caller[] {
  if (door.kind !== "action" || ACTION_SCHEMAS[door.name] !== null) return callers;
  return callers.filter((caller) => !caller.headers.cookie || caller.headers.origin);
}

/** The door's `perDoor` inputs: the fixed corpus (each entry as up to every caller), then generated ones. */
export function tasksFor(door: Door, callers: Caller[], options: FuzzOptions, doorIndex: number): Task[] {
  const schema = door.kind === "action" ? (ACTION_SCHEMAS[door.name] ?? undefined) : undefined;
  const who = callersFor(door, callers);
  const fixed = [...NASTY_VALUES, ...BROKEN_TEXTS].filter((text) => isBad(schema, text));
  const tasks: Task[] = [];
  let variant = doorIndex;
  // An input whose arguments the schema accepts (a bare `[{}]` for an action that takes `{}`) is not a bad one.
  const accepted = (input: Input) => !!schema && schema.safeParse(actionArguments(input)?.[0]).success;
  const add = (text: string, caller: Caller) => {
    let input = { text, variant: variant++ };
    if (door.kind === "action" && accepted(input)) input = { text, variant: 0 };
    if (!(door.kind === "action" && accepted(input))) tasks.push({ door, input, caller });
  };
  // Two thirds of the budget for the corpus: each entry as `rounds` different callers.
  const rounds = Math.max(1, Math.min(who.length, Math.floor((options.perDoor * 2) / 3 / fixed.length)));
  fixed.forEach((text, index) => {
    for (let round = 0; round < rounds; round += 1) add(text, who[(index + round) % who.length]!);
  });
  HUGE_TEXTS.forEach(({ text }, index) => add(text, who[(doorIndex + index) % who.length]!));
  const generated = generatedTexts(schema, options.perDoor - tasks.length, options.seed + doorIndex * 7919);
  generated.forEach((text, index) => add(text, who[index % who.length]!));
  return tasks;
}

async function sendOnce(url: string, init: RequestInit, timeoutMs: number) {
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    // A stream (the live events) is judged by its status: its body never ends.
    const streaming = response.headers.get("content-type")?.includes("event-stream");
    const body = streaming ? (await response.body?.cancel(), "") : await response.text();
    return { status: String(response.status), body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: `no answer (${cause ?? (error instanceof Error ? error.name : "error")})`, body: "" };
  }
}

async function send(server: ConsoleServer, task: Task, timeoutMs: number) {
  const { url, init } = requestFor(server.baseURL, task.door, task.input, task.caller);
  const target = url.slice(server.baseURL.length, server.baseURL.length + 100);
  let answer = await sendOnce(url, init, timeoutMs);
  // A kept-alive connection the server closed as it was reused, or Node refusing a head over 16 KiB by closing
  // (431) while the client still writes: the client's side of the socket, not an answer. Once more, then it counts.
  if (/ECONNRESET|UND_ERR_SOCKET|EPIPE/.test(answer.status)) answer = await sendOnce(url, init, timeoutMs);
  return { ...answer, target };
}

const classOf = (status: string) => (/^\d{3}$/.test(status) ? `${status[0]}xx` : "no answer");

export async function fuzzDoors(server: ConsoleServer, doors: Door[], callers: Caller[], options: FuzzOptions) {
  const tasks = doors.flatMap((door, index) => tasksFor(door, callers, options, index));
  // Interleaved, so every door is under load from the start rather than one after another.
  tasks.sort((a, b) => (a.input.variant % 97) - (b.input.variant % 97));
  const tally: Tally = { doors: doors.length, inputs: tasks.length, byClass: {}, failures: [] };
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      const { status, body, target } = await send(server, task, options.timeoutMs ?? 60_000);
      const kind = classOf(status);
      tally.byClass[kind] = (tally.byClass[kind] ?? 0) + 1;
      const internal = task.door.kind === "action" && body.includes('"code":"internal"');
      if (kind === "5xx" || kind === "no answer" || internal) {
        tally.failures.push({
          door: task.door.name,
          caller: task.caller.name,
          status: internal ? `${status} with an internal error result` : status,
          target,
          sample: sampleOf(task.input.text),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return tally;
}

/** Lines of the console's output that tell of a crash: unhandled rejections, uncaught exceptions, stack traces. */
export function crashLines(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => /unhandledRejection|Unhandled|uncaughtException|^\s+at .+:\d+:\d+\)?$|"stack":/.test(line));
}
