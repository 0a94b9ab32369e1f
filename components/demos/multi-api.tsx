"use client";

import { getAccessToken } from "@/lib/tokens/browser-tokens";
import { useState } from "react";
import { callApi, type ApiFailure } from "@/lib/demo-apis/client/call-api";
import { endpoints } from "@/lib/demo-apis/client/endpoints";
import type { OrdersResponse } from "@/lib/demo-apis/contracts/orders-contract";
import type { ProfileResponse } from "@/lib/demo-apis/contracts/profile-contract";
import { useApiData } from "@/lib/demo-apis/client/use-api-data";
import { explainTokenError } from "@/lib/tokens/explain-token-error";
import { ApiView } from "@/components/api-view";
import { ProblemPanel } from "@/components/problem-panel";

/** Two APIs, two audiences, two tokens — and what happens when a token goes to the wrong API. */
export function MultiApiDemo() {
  const profile = useApiData<ProfileResponse>("profile", "/me");
  const orders = useApiData<OrdersResponse>("orders", "");
  return (
    <section className="demo" aria-label="Demo">
      <div className="columns">
        <ApiView title="Profile API" result={profile}>
          {(me) => (
            <p data-testid="profile">
              <strong>{me.name}</strong> ({me.email})
            </p>
          )}
        </ApiView>
        <ApiView title="Orders API" result={orders}>
          {({ orders: list }) => (
            <ul data-testid="orders">
              {list.map((order) => (
                <li key={order.id}>
                  {order.quantity} × {order.item} — {order.status}
                </li>
              ))}
            </ul>
          )}
        </ApiView>
      </div>
      <WrongAudience />
    </section>
  );
}

function WrongAudience() {
  const [failure, setFailure] = useState<ApiFailure | "accepted" | null>(null);
  const [tokenError, setTokenError] = useState<unknown>(null);

  async function sendProfileTokenToOrders() {
    setTokenError(null);
    try {
      // #region wrong-audience
      const profileToken = await getAccessToken({ audience: endpoints.profile.audience });
      const result = await callApi(endpoints.orders.baseUrl, profileToken);
      // #endregion
      setFailure(result.ok ? "accepted" : result);
    } catch (error) {
      setTokenError(error);
    }
  }

  return (
    <div className="card">
      <h3>Send the Profile API&apos;s token to the Orders API</h3>
      <button type="button" className="button" onClick={sendProfileTokenToOrders}>
        Call the Orders API with the profile token
      </button>
      {failure === "accepted" && (
        <p className="problem" role="alert">
          The Orders API accepted a token for another audience. It must not: check
          lib/demo-apis/server/.
        </p>
      )}
      {failure && failure !== "accepted" && <ProblemPanel problem={{ kind: "api", failure }} />}
      {tokenError !== null && (
        <ProblemPanel problem={{ kind: "token", explained: explainTokenError(tokenError) }} />
      )}
    </div>
  );
}
