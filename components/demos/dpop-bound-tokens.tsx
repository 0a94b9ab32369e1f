"use client";

import { getAccessToken } from "@auth0/nextjs-auth0";
import { useEffect, useState } from "react";
import { apis } from "@/config/apis";
import { paths } from "@/config/paths";
import { readApiFailure, type ApiFailure } from "@/lib/demo-apis/client/call-api";
import type { DpopCallAnswer, DpopCallMode, Exchange } from "@/lib/dpop/dpop-call-contract";
import { TokenInspector } from "@/components/token-inspector";

type BrowserTry = { token: string; tokenType?: string; failure: ApiFailure };

type State =
  | { status: "idle" | "loading" }
  | { status: "browser"; result: BrowserTry }
  | { status: "server"; answer: DpopCallAnswer; mode: DpopCallMode }
  | { status: "failed"; message: string };

/**
 * The DPoP chapter's three demonstrations: the browser gets the bound token and fails with it as
 * Bearer; the server calls the Payments API with proofs; a thief replays what it saw and fails.
 * With `pollMs`, the first two run in turn every `pollMs` milliseconds.
 */
export function DpopBoundTokensDemo({ pollMs = 0 }: { pollMs?: number }) {
  const [state, setState] = useState<State>({ status: "idle" });

  useEffect(() => {
    if (pollMs <= 0) return;
    let turn = 0;
    const timer = setInterval(() => {
      turn += 1;
      void (turn % 2 === 0 ? tryInBrowser() : callOnServer("call"));
    }, pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);

  async function tryInBrowser() {
    setState({ status: "loading" });
    try {
      // #region browser-token
      const { token, token_type } = await getAccessToken({
        route: paths.dpopRoutes.accessToken,
        audience: apis.payments.audience,
        includeFullResponse: true,
      });
      // The browser has no key to sign a proof with: all it can send is a Bearer header.
      const response = await fetch(paths.paymentsApi, {
        headers: { Authorization: `Bearer ${token}` },
      });
      // #endregion
      const failure = await readApiFailure(response);
      setState({ status: "browser", result: { token, tokenType: token_type, failure } });
    } catch (error) {
      setState({ status: "failed", message: String(error) });
    }
  }

  async function callOnServer(mode: DpopCallMode) {
    setState({ status: "loading" });
    try {
      const response = await fetch(`${paths.dpopCall}?mode=${mode}`, { method: "POST" });
      setState({ status: "server", answer: (await response.json()) as DpopCallAnswer, mode });
    } catch (error) {
      setState({ status: "failed", message: String(error) });
    }
  }

  const busy = state.status === "loading";
  return (
    <section className="demo" aria-label="Demo">
      <div className="actions">
        <button type="button" className="button" onClick={tryInBrowser} disabled={busy}>
          Get the token in the browser and try it as Bearer
        </button>
        <button
          type="button"
          className="button"
          onClick={() => callOnServer("call")}
          disabled={busy}
        >
          Call the Payments API from the server
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => callOnServer("stolen")}
          disabled={busy}
        >
          Steal the token and replay it
        </button>
      </div>
      {state.status === "browser" && <BrowserResult result={state.result} />}
      {state.status === "server" && <ServerResult answer={state.answer} />}
      {state.status === "failed" && (
        <p className="warning" role="alert" data-testid="dpop-problem">
          {state.message}
        </p>
      )}
    </section>
  );
}

function BrowserResult({ result }: { result: BrowserTry }) {
  return (
    <div className="demo-result" data-testid="dpop-browser">
      <p>
        The token route answered <code>token_type</code>:{" "}
        <strong data-testid="dpop-token-type">{result.tokenType ?? "(none)"}</strong>
      </p>
      <TokenInspector token={result.token} audience={apis.payments.audience} />
      <div className="card" data-testid="dpop-bearer-refusal">
        <h3>GET {paths.paymentsApi} with Authorization: Bearer</h3>
        <p>
          <strong>{result.failure.status}</strong> <code>{result.failure.error}</code>:{" "}
          {result.failure.description}
        </p>
        <p>
          <code>WWW-Authenticate: {result.failure.wwwAuthenticate}</code>
        </p>
      </div>
    </div>
  );
}

function ServerResult({ answer }: { answer: DpopCallAnswer }) {
  if (!answer.ok) {
    return (
      <p className="warning" role="alert" data-testid="dpop-problem">
        <code>{answer.error.code}</code>: {answer.error.message}
      </p>
    );
  }
  return (
    <ol className="demo-result" data-testid="dpop-exchanges">
      <li>
        The session&apos;s token is bound to the key with thumbprint{" "}
        <code data-testid="dpop-token-jkt">{answer.token.jkt ?? "(none)"}</code>.
      </li>
      {answer.exchanges.map((exchange, index) => (
        <ExchangeCard key={index} exchange={exchange} />
      ))}
    </ol>
  );
}

function ExchangeCard({ exchange }: { exchange: Exchange }) {
  const { proof } = exchange;
  return (
    <li className="card" data-testid="dpop-exchange">
      <h3>
        {exchange.label}: {exchange.method} {exchange.url} (Authorization: {exchange.scheme})
      </h3>
      {proof && (
        <dl className="claims" data-testid="dpop-proof">
          <dt>typ / alg</dt>
          <dd>
            {proof.header.typ} / {proof.header.alg}
          </dd>
          <dt>jwk thumbprint</dt>
          <dd data-testid="proof-jkt">{proof.header.jwkThumbprint}</dd>
          <dt>htm htu</dt>
          <dd>
            {proof.payload.htm} {proof.payload.htu}
          </dd>
          <dt>iat</dt>
          <dd>{proof.payload.iat}</dd>
          <dt>jti</dt>
          <dd data-testid="proof-jti">{proof.payload.jti}</dd>
          <dt>ath</dt>
          <dd>{proof.payload.ath ?? "—"}</dd>
          <dt>nonce</dt>
          <dd data-testid="proof-nonce">{proof.payload.nonce ?? "(none)"}</dd>
        </dl>
      )}
      <p>
        <strong data-testid="exchange-status">{exchange.status}</strong>{" "}
        <span data-testid="exchange-outcome">{exchange.outcome}</span>
      </p>
      {exchange.challenge && (
        <p>
          <code>WWW-Authenticate: {exchange.challenge}</code>
        </p>
      )}
      {exchange.nextNonce && (
        <p>
          <code>DPoP-Nonce: {exchange.nextNonce}</code>
        </p>
      )}
    </li>
  );
}
