"use client";

import { mfa } from "@auth0/nextjs-auth0/client";
import {
  MfaRequiredError,
  PopupBlockedError,
  PopupCancelledError,
  PopupInProgressError,
  PopupTimeoutError,
} from "@auth0/nextjs-auth0/errors";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { StepUpChoice, type PopupProblem } from "@/components/demos/step-up-choice";
import { ProblemPanel } from "@/components/problem-panel";
import { TokenInspector } from "@/components/token-inspector";
import { callApi } from "@/lib/demo-apis/client/call-api";
import { tokenProblem, type ApiCallProblem } from "@/lib/demo-apis/client/call-with-token";
import { endpoints } from "@/lib/demo-apis/client/endpoints";
import type { RefundResponse } from "@/lib/demo-apis/contracts/orders-contract";
import { getAccessToken } from "@/lib/tokens/browser-tokens";

const orders = endpoints.orders;
const REFUND_SCOPE = "refund:orders";

// #region step-up
// A token with the step-up scope. Without a second factor in this session the authorization
// server answers mfa_required, and getAccessToken() throws MfaRequiredError: never cached, and
// no lock is held while the user deals with it.
async function refundToken(): Promise<string> {
  return getAccessToken({ audience: orders.audience, scope: REFUND_SCOPE });
}
// #endregion

// #region popup
// A sign-in with acr_values in a popup: the session's refresh token is replaced by one whose
// grant remembers the second factor, so later refunds need no new challenge.
async function stepUpInPopup(): Promise<void> {
  await mfa.challengeWithPopup({ audience: orders.audience });
}
// #endregion

/** Why the popup did not finish, and what to do: the choice stays open, nothing changed. */
function popupProblemOf(error: unknown): PopupProblem | undefined {
  const retry = "Nothing changed: try the popup again, or type a code on this page.";
  if (error instanceof PopupCancelledError) {
    return { code: error.code, message: "The popup was closed before it finished.", fix: retry };
  }
  if (error instanceof PopupBlockedError) {
    const fix = "Allow popups for this site, then try again; or type a code on this page.";
    return { code: error.code, message: "The browser blocked the popup.", fix };
  }
  if (error instanceof PopupTimeoutError) {
    return { code: error.code, message: "The popup did not finish in time.", fix: retry };
  }
  if (error instanceof PopupInProgressError) {
    const fix = "Finish (or close) the popup that is already open.";
    return { code: error.code, message: "A popup is already open.", fix };
  }
  return undefined;
}

type Outcome =
  | { kind: "refunded"; token: string; body: RefundResponse }
  | { kind: "needs-mfa"; mfaToken: string; orderId: string; popupProblem?: PopupProblem }
  | { kind: "problem"; problem: ApiCallProblem };

/** Refunds an order with a step-up token, and offers both ways out of `MfaRequiredError`. */
export function StepUpMfaDemo({ orderIds }: { orderIds: readonly string[] }) {
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const router = useRouter();

  async function refund(orderId: string) {
    setBusy(true);
    try {
      const token = await refundToken();
      const result = await callApi<RefundResponse>(`${orders.baseUrl}/${orderId}/refund`, token, {
        method: "POST",
      });
      setOutcome(
        result.ok
          ? { kind: "refunded", token, body: result.data }
          : { kind: "problem", problem: { kind: "api", failure: result } },
      );
    } catch (error) {
      setOutcome(
        error instanceof MfaRequiredError
          ? { kind: "needs-mfa", mfaToken: error.mfa_token, orderId }
          : { kind: "problem", problem: tokenProblem(error) },
      );
    } finally {
      setBusy(false);
      // The session panel is rendered on the server: show what the step-up left there.
      router.refresh();
    }
  }

  async function popup(stepUp: Extract<Outcome, { kind: "needs-mfa" }>) {
    try {
      await stepUpInPopup();
    } catch (error) {
      const popupProblem = popupProblemOf(error);
      setOutcome(
        popupProblem
          ? { ...stepUp, popupProblem }
          : { kind: "problem", problem: tokenProblem(error) },
      );
      return;
    }
    // The MfaRequiredError was never cached: the refund now asks again, for its own key.
    await refund(stepUp.orderId);
  }

  const stepUp = outcome?.kind === "needs-mfa" ? outcome : undefined;

  return (
    <section className="demo" aria-label="Demo">
      <div className="card">
        <h3>Your orders</h3>
        <ul>
          {orderIds.map((id) => (
            <li key={id} data-testid={`order-${id}`}>
              <code>{id}</code>{" "}
              <button
                type="button"
                className="button small"
                disabled={busy}
                onClick={() => void refund(id)}
              >
                Refund
              </button>
            </li>
          ))}
        </ul>
      </div>
      {stepUp && (
        <StepUpChoice
          mfaToken={stepUp.mfaToken}
          popupProblem={stepUp.popupProblem}
          onPopup={() => void popup(stepUp)}
          onVerified={() => void refund(stepUp.orderId)}
        />
      )}
      {outcome?.kind === "refunded" && (
        <div className="demo-result" data-testid="refund-result">
          <p className="success" role="status">
            Order <code>{outcome.body.order.id}</code>:{" "}
            {outcome.body.refundedNow ? "refunded" : "already refunded (nothing changed)"}.
          </p>
          <TokenInspector token={outcome.token} audience={orders.audience} scope={REFUND_SCOPE} />
        </div>
      )}
      {outcome?.kind === "problem" && <ProblemPanel problem={outcome.problem} />}
    </section>
  );
}
