/**
 * Whether this tab is hidden, for the request lock (`request-lock.ts`): a hidden tab runs its
 * timers late or, once the browser freezes it, not at all, so it must not start a request that
 * every other tab then waits for.
 */
export type PageVisibility = {
  hidden(): boolean;
  /** Settles at once in a visible tab, otherwise when the tab is shown again. */
  whenVisible(): Promise<void>;
};

/** What is read of `document`: its visibility, and the event that says it changed. */
export type DocumentLike = {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
};

/**
 * The visibility of `doc`; without a document (server rendering), a tab that is always visible.
 *
 * @example
 * const visibility = documentVisibility();
 * await visibility.whenVisible();
 */
export function documentVisibility(
  doc: DocumentLike | undefined = globalThis.document,
): PageVisibility {
  const hidden = () => doc?.visibilityState === "hidden";
  return {
    hidden,
    whenVisible: () =>
      new Promise((resolve) => {
        if (!doc || !hidden()) return resolve();
        const onChange = () => {
          if (hidden()) return;
          doc.removeEventListener("visibilitychange", onChange);
          resolve();
        };
        doc.addEventListener("visibilitychange", onChange);
      }),
  };
}
