import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { documentVisibility } from "./page-visibility";
import { createRequestLock, TOKEN_LOCK_NAME, type LockManagerLike } from "./request-lock";
import { TokenLockTimeoutError, TokenRequestTimeoutError } from "./token-deadlines";

/** A fake `navigator.locks`, shared by the "tabs" of a test: first come, first served. */
function fakeLocks() {
  let held = false;
  const waiting: (() => void)[] = [];
  const requests: { name: string; signal: AbortSignal }[] = [];
  const release = () => {
    held = false;
    waiting.shift()?.();
  };
  const locks: LockManagerLike = {
    request<T>(name: string, { signal }: { signal: AbortSignal }, callback: () => Promise<T>) {
      requests.push({ name, signal });
      return new Promise<T>((resolve, reject) => {
        const grant = () => {
          held = true;
          callback().then(resolve, reject).finally(release);
        };
        if (!held) return grant();
        // As the Web Locks API does: an aborted signal ends the wait, never a granted lock.
        const turn = () => {
          signal.removeEventListener("abort", giveUp);
          grant();
        };
        const giveUp = () => {
          waiting.splice(waiting.indexOf(turn), 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", giveUp, { once: true });
        waiting.push(turn);
      });
    },
  };
  return { locks, requests };
}

/** A fake `document` whose visibility the test sets. */
class FakeDocument extends EventTarget {
  visibilityState: DocumentVisibilityState = "visible";

  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event("visibilitychange"));
  }
}

// Wide apart, so that a busy machine's late timers cannot blur which deadline fired.
const REQUEST_MS = 200;
const LOCK_MS = 500;

/** One tab of the browser: its own lock over the shared lock manager. */
function tab(locks: LockManagerLike, doc = new FakeDocument()) {
  const visibility = documentVisibility(doc);
  return createRequestLock({
    locks,
    visibility,
    requestTimeoutMs: REQUEST_MS,
    lockTimeoutMs: LOCK_MS,
  });
}

const never = () => new Promise<never>(() => undefined);

/** A promise the test settles when it chooses. */
function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}
const since = (start: number) => performance.now() - start;

describe("createRequestLock", () => {
  test("takes the Web Lock by its one name, with a signal that ends the wait", async () => {
    const { locks, requests } = fakeLocks();
    assert.equal(await tab(locks)(async () => 42), 42);
    assert.deepEqual(
      requests.map((r) => r.name),
      [TOKEN_LOCK_NAME],
    );
    assert.ok(requests[0]?.signal instanceof AbortSignal);
  });

  test("a request that never answers gives the lock back at its deadline, hidden or not", async () => {
    const { locks } = fakeLocks();
    const hungDoc = new FakeDocument();
    const start = performance.now();
    const hung = tab(locks, hungDoc)(never);
    await sleep(10);
    hungDoc.set("hidden"); // the tab goes to the background while it holds the lock
    const other = tab(locks)(async () => since(start));
    await assert.rejects(hung, (error) => {
      assert.ok(error instanceof TokenRequestTimeoutError);
      assert.equal(error.code, "token_request_timeout");
      return true;
    });
    const otherRanAt = await other;
    assert.ok(otherRanAt >= REQUEST_MS - 5 && otherRanAt < LOCK_MS, `ran at ${otherRanAt} ms`);
  });

  test("a wait for the lock ends at its deadline, and the request is never sent", async () => {
    const { locks } = fakeLocks();
    // Another tab holds the lock and does not let go (a tab without these deadlines).
    const held = deferred();
    const holder = locks.request(
      TOKEN_LOCK_NAME,
      { signal: new AbortController().signal },
      () => held.promise,
    );
    let sent = false;
    const start = performance.now();
    await assert.rejects(
      tab(locks)(async () => (sent = true)),
      (error) => error instanceof TokenLockTimeoutError && error.code === "token_lock_timeout",
    );
    assert.ok(since(start) >= LOCK_MS - 5, `gave up after ${since(start)} ms`);
    assert.equal(sent, false);
    held.resolve();
    await holder;
  });

  test("a hung tab holds the others one deadline, not one per request it queued", async () => {
    const { locks } = fakeLocks();
    const hungTab = tab(locks);
    const start = performance.now();
    let secondSent = false;
    const first = hungTab(never);
    const second = hungTab(async () => {
      secondSent = true;
      return never();
    });
    const other = tab(locks)(async () => since(start));
    await assert.rejects(first, TokenRequestTimeoutError);
    await assert.rejects(second, /queued behind it, gave up with it/);
    assert.equal(secondSent, false);
    const otherRanAt = await other;
    // Without giving up together, the other tab would wait for the second deadline too.
    assert.ok(otherRanAt < 1.5 * REQUEST_MS, `ran at ${otherRanAt} ms`);
    // The tab's next request is its own again.
    assert.equal(await hungTab(async () => "answered"), "answered");
  });

  test("a hidden tab does not ask for the lock; it asks once shown", async () => {
    const { locks, requests } = fakeLocks();
    const doc = new FakeDocument();
    doc.set("hidden");
    let sent = false;
    const request = tab(locks, doc)(async () => (sent = true));
    await sleep(LOCK_MS + 50); // longer than any deadline: waiting while hidden is not one
    assert.equal(requests.length, 0);
    doc.set("visible");
    assert.equal(await request, true);
    assert.equal(sent, true);
  });

  test("a tab hidden while it waited passes the lock on, and asks again once shown", async () => {
    const { locks } = fakeLocks();
    const order: string[] = [];
    const ran = (name: string) => async () => void order.push(name);
    const held = deferred();
    const first = tab(locks)(() => held.promise.then(ran("first")));
    const doc = new FakeDocument();
    const hiddenMeanwhile = tab(locks, doc)(ran("was hidden"));
    const third = tab(locks)(ran("third"));
    await sleep(10); // all three asked for the lock
    doc.set("hidden");
    held.resolve();
    await Promise.all([first, third]);
    assert.deepEqual(order, ["first", "third"]);
    doc.set("visible");
    await hiddenMeanwhile;
    assert.deepEqual(order, ["first", "third", "was hidden"]);
  });

  test("without the Web Locks API, one request at a time within the tab, with the same deadline", async () => {
    const lock = createRequestLock({ locks: null, requestTimeoutMs: REQUEST_MS });
    let inFlight = 0;
    let maxInFlight = 0;
    const task = async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(5);
      inFlight -= 1;
    };
    await Promise.all([lock(task), lock(task), lock(task)]);
    assert.equal(maxInFlight, 1);
    await assert.rejects(lock(never), TokenRequestTimeoutError);
  });
});
