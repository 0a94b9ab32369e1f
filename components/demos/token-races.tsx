"use client";

import { useEffect, useState } from "react";
import { endpoints, type DemoApiId } from "@/lib/demo-apis/client/endpoints";
import type { OrdersResponse } from "@/lib/demo-apis/contracts/orders-contract";
import type { ProfileResponse } from "@/lib/demo-apis/contracts/profile-contract";
import { useApiData } from "@/lib/demo-apis/client/use-api-data";
import { useTokenStats } from "@/lib/tokens/browser-tokens";
import { ProblemPanel } from "@/components/problem-panel";
import { publicEnv } from "@/lib/env/public-env";

const WIDGETS: { id: number; api: DemoApiId; path: string }[] = Array.from(
  { length: 10 },
  (_, i) =>
    i % 2 === 0
      ? { id: i + 1, api: "profile", path: "/me" }
      : { id: i + 1, api: "orders", path: "" },
);

/** Token route requests made by this tab, counted from the browser's own resource timings. */
function useTokenRouteRequests(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const route = publicEnv.accessTokenRoute;
    const isTokenRequest = (entry: PerformanceEntry) => new URL(entry.name).pathname === route;
    const observer = new PerformanceObserver((list) => {
      const added = list.getEntries().filter(isTokenRequest).length;
      if (added > 0) setCount((n) => n + added);
    });
    // `buffered` also delivers the requests made before this effect ran.
    observer.observe({ type: "resource", buffered: true });
    return () => observer.disconnect();
  }, []);
  return count;
}

/**
 * Ten widgets over two APIs, each asking for its own token — the dashboard that makes an app
 * without a token manager fire one token request per widget, and race its refreshes.
 */
export function TokenRacesDemo({
  manager,
  pollMs: initialPollMs,
}: {
  manager: boolean;
  pollMs: number;
}) {
  const [pollMs, setPollMs] = useState(initialPollMs);
  const [tokens, setTokens] = useState<Record<string, Set<string>>>({});
  const stats = useTokenStats();
  const requests = useTokenRouteRequests();

  const seen = (audience: string, token: string) =>
    setTokens((all) =>
      all[audience]?.has(token)
        ? all
        : { ...all, [audience]: new Set([...(all[audience] ?? []), token]) },
    );

  return (
    <section className="demo" aria-label="Demo">
      {pollMs > 0 && (
        <p>
          Every widget calls its API every {pollMs / 1000} s.{" "}
          {/* Stops in place: leaving would cancel a refresh in flight (docs/token-races.md). */}
          <button type="button" className="button secondary small" onClick={() => setPollMs(0)}>
            Stop the storm
          </button>
        </p>
      )}
      <dl className="card stats" data-testid="race-stats">
        <dt>Token manager</dt>
        <dd data-testid="manager-state">{manager ? "on" : "off"}</dd>
        <dt>Requests to the token route</dt>
        <dd data-testid="token-requests">{requests}</dd>
        <dt>Served from the cache</dt>
        <dd>{manager ? stats.cacheHits : "—"}</dd>
        <dt>Joined a request in flight</dt>
        <dd>{manager ? stats.shared : "—"}</dd>
        {(Object.keys(endpoints) as DemoApiId[]).map((api) => (
          <div key={api} className="stat-pair">
            <dt>
              Distinct tokens for the {endpoints[api].name} (each after the first: one refresh
              grant)
            </dt>
            <dd data-testid={`tokens-seen-${api}`}>{tokens[endpoints[api].audience]?.size ?? 0}</dd>
          </div>
        ))}
      </dl>
      <div className="widgets">
        {WIDGETS.map((widget) => (
          <Widget key={widget.id} {...widget} manager={manager} pollMs={pollMs} onToken={seen} />
        ))}
      </div>
    </section>
  );
}

function Widget({
  id,
  api,
  path,
  manager,
  pollMs,
  onToken,
}: {
  id: number;
  api: DemoApiId;
  path: string;
  manager: boolean;
  pollMs: number;
  onToken: (audience: string, token: string) => void;
}) {
  const result = useApiData<ProfileResponse | OrdersResponse>(api, path, {
    manager,
    refreshInterval: pollMs,
    instance: id,
  });
  const { data, error } = result;
  useEffect(() => {
    if (data) onToken(data.audience, data.token);
  }, [data, onToken]);
  return (
    <div
      className="card widget"
      data-testid="widget"
      data-state={error ? "error" : data ? "ok" : "loading"}
    >
      <h3>
        Widget {id}: {endpoints[api].name}
      </h3>
      {error ? (
        <ProblemPanel problem={error.problem} />
      ) : data ? (
        <p>{"orders" in data.data ? `${data.data.orders.length} orders` : data.data.name}</p>
      ) : (
        <p role="status">Loading…</p>
      )}
    </div>
  );
}
