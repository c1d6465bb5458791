import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";

test("the job ledger API and the live event stream answer signed-in users only", async ({ page, request }) => {
  expect((await request.get("/api/jobs")).status()).toBe(401);
  expect((await request.get("/api/events")).status()).toBe(401);

  await signIn(page);
  const list = await page.request.get("/api/jobs?group=queued&limit=10");
  expect(list.status()).toBe(200);
  expect(await list.json()).toMatchObject({
    jobs: expect.any(Array),
    next: null,
    counts: { all: expect.any(Number), queued: expect.any(Number) },
  });
  const bad = await page.request.get("/api/jobs?group=nonsense");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/group/);
  expect((await page.request.get("/api/jobs/no-such-job")).status()).toBe(404);

  // The browser's EventSource connects and receives the stream's opening frame.
  const opened = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const source = new EventSource("/api/events");
        source.onopen = () => {
          source.close();
          resolve("open");
        };
        source.onerror = () => reject(new Error("event stream failed"));
        setTimeout(() => reject(new Error("event stream did not open")), 5000);
      }),
  );
  expect(opened).toBe("open");
});
