"use client";

import { usePathname } from "next/navigation";
import type { ApiCallProblem } from "@/lib/demo-apis/client/call-with-token";

/**
 * Explains a failed call: which error the SDK or the API raised, why, and what to do about it.
 * Used by every demo, so every error a user can meet is shown the same way.
 */
export function ProblemPanel({
  problem,
  onRetry,
}: {
  problem: ApiCallProblem;
  onRetry?: () => void;
}) {
  // Signing in again brings the user back to the page they were on.
  const returnTo = usePathname();
  return (
    <div className="problem" role="alert" data-testid="problem">
      {problem.kind === "token" ? (
        <>
          <p className="problem-title">
            getAccessToken() threw <code>{problem.explained.errorClass}</code>
            {problem.explained.errorClass === "AccessTokenError" ? " with code " : ", which means "}
            <code data-testid="error-code">{problem.explained.code}</code>
          </p>
          <p className="problem-message">“{problem.explained.message}”</p>
          <p>
            <strong>Cause:</strong> {problem.explained.cause}
          </p>
          <p>
            <strong>Fix:</strong> {problem.explained.fix}
          </p>
          {problem.explained.action && (
            <a
              className="button"
              href={`${problem.explained.action.href}?returnTo=${encodeURIComponent(returnTo)}`}
            >
              {problem.explained.action.label}
            </a>
          )}
        </>
      ) : (
        <>
          <p className="problem-title">
            {problem.failure.status === 0 ? (
              "The API did not answer: "
            ) : (
              <>
                The API answered <span data-testid="api-status">{problem.failure.status}</span>{" "}
              </>
            )}
            <code data-testid="api-error">{problem.failure.error}</code>
          </p>
          <p className="problem-message">{problem.failure.description}</p>
          {problem.failure.expectedAudience && (
            <p>
              It expects tokens for <code>{problem.failure.expectedAudience}</code>; this one was
              for <code>{[problem.failure.receivedAudience ?? []].flat().join(", ")}</code>.
            </p>
          )}
          {problem.failure.wwwAuthenticate && (
            <p>
              <code className="header-line">
                WWW-Authenticate: {problem.failure.wwwAuthenticate}
              </code>
            </p>
          )}
        </>
      )}
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
