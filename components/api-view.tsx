"use client";

import type { ReactNode } from "react";
import type { SWRResponse } from "swr";
import type { ApiCallError } from "@/lib/demo-apis/client/call-with-token";
import type { ApiData } from "@/lib/demo-apis/client/use-api-data";
import { ProblemPanel } from "./problem-panel";
import { TokenInspector } from "./token-inspector";

/**
 * The three states of a `useApiData` call that a user can see — loading, failed (with the cause,
 * the fix and a retry), loaded (with the token that was used) — in one place.
 */
export function ApiView<T>({
  title,
  result,
  children,
}: {
  title: string;
  result: SWRResponse<ApiData<T>, ApiCallError>;
  children: (data: T) => ReactNode;
}) {
  const { data, error, isLoading, isValidating, mutate } = result;
  return (
    <section className="card api-view" aria-label={title} aria-busy={isLoading || isValidating}>
      <div className="api-view-header">
        <h3>{title}</h3>
        <button
          type="button"
          className="button secondary small"
          onClick={() => void mutate()}
          disabled={isValidating}
        >
          {isValidating ? "Loading…" : "Reload"}
        </button>
      </div>
      {isLoading && <p role="status">Getting a token and calling the API…</p>}
      {error && <ProblemPanel problem={error.problem} onRetry={() => void mutate()} />}
      {data && !error && (
        <>
          {children(data.data)}
          <TokenInspector token={data.token} audience={data.audience} scope={data.scope} />
        </>
      )}
    </section>
  );
}
