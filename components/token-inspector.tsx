"use client";

import { useState } from "react";
import { inspectToken } from "@/lib/tokens/inspect-token";
import { useNow } from "@/lib/tutorial/use-now";

/** Shows only the first and last characters of a secret until the user asks for all of it. */
export function MaskedToken({ token }: { token: string }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <div className="masked-token">
      <code data-testid="token-value">
        {revealed ? token : `${token.slice(0, 12)}…${token.slice(-6)}`}
      </code>
      <button
        type="button"
        className="button secondary small"
        onClick={() => setRevealed(!revealed)}
      >
        {revealed ? "Hide token" : "Reveal token"}
      </button>
    </div>
  );
}

const time = (seconds?: number) =>
  seconds === undefined ? "—" : new Date(seconds * 1000).toLocaleTimeString("en-GB");

/**
 * Decodes an access token for display: header, claims, requested against granted scopes, time to
 * expiry, and a warning when its audience is not the one asked for. Display only — the APIs
 * verify the token; the browser cannot.
 */
export function TokenInspector({
  token,
  audience,
  scope,
  label = "Access token",
}: {
  token: string;
  audience: string;
  scope?: string;
  label?: string;
}) {
  const now = useNow();
  const info = inspectToken(token, { audience, scope }, now);
  if (!info.ok) return <p className="warning">{info.reason}</p>;
  const { claims } = info;
  return (
    <section className="token-inspector" aria-label={label} data-testid="token-inspector">
      <h3>{label}</h3>
      {info.warnings.map((warning) => (
        <p key={warning} className="warning" role="status" data-testid="token-warning">
          {warning}
        </p>
      ))}
      <dl className="claims">
        <dt>aud</dt>
        <dd data-testid="claim-aud">{claims.aud.join(" ")}</dd>
        <dt>scope</dt>
        <dd data-testid="claim-scope">{claims.scope.join(" ") || "—"}</dd>
        <dt>requested</dt>
        <dd>{info.requestedScopes.join(" ") || "(the configured default)"}</dd>
        <dt>azp</dt>
        <dd>{claims.azp ?? "—"}</dd>
        <dt>sub</dt>
        <dd data-testid="claim-sub">{claims.sub ?? "—"}</dd>
        <dt>iss</dt>
        <dd>{claims.iss ?? "—"}</dd>
        <dt>iat</dt>
        <dd>{time(claims.iat)}</dd>
        <dt>exp</dt>
        <dd>
          {time(claims.exp)}{" "}
          {info.expiresIn !== undefined && (
            <span data-testid="expires-in">
              ({info.expiresIn > 0 ? `expires in ${info.expiresIn} s` : "expired"})
            </span>
          )}
        </dd>
        <dt>header</dt>
        <dd>
          alg {info.header.alg ?? "—"}, kid {info.header.kid ?? "—"}
        </dd>
      </dl>
    </section>
  );
}
