"use client";

import { useState } from "react";
import { MfaCodePanel } from "@/components/demos/mfa-code-panel";

/** Why the popup did not finish (closed, blocked, timed out), and what to do. */
export type PopupProblem = { code: string; message: string; fix: string };

/**
 * The two ways out of `MfaRequiredError`, side by side: a popup sign-in whose step-up lasts for
 * the session, or a code typed on the page for this one token. A new `mfaToken` (another refund
 * refused) starts over with the choice.
 */
export function StepUpChoice({
  mfaToken,
  popupProblem,
  onPopup,
  onVerified,
}: {
  mfaToken: string;
  popupProblem?: PopupProblem;
  onPopup: () => void;
  onVerified: () => void;
}) {
  const [codeFormFor, setCodeFormFor] = useState<string>();
  return (
    <div className="card" data-testid="step-up">
      <h3>A second factor is needed</h3>
      <p>
        The authorization server answered <code>mfa_required</code>: the refund scope needs a second
        factor this session has not shown. Two ways out:
      </p>
      <div className="columns">
        <div>
          <h4>In a popup</h4>
          <p>Sign in again with a one-time code. Step-up then lasts for the session.</p>
          <button type="button" className="button" onClick={onPopup}>
            Verify in a popup
          </button>
          {popupProblem && (
            <div className="problem" role="alert" data-testid="popup-problem">
              <p className="problem-title">
                {popupProblem.message} <code>{popupProblem.code}</code>
              </p>
              <p>
                <strong>Fix:</strong> {popupProblem.fix}
              </p>
            </div>
          )}
        </div>
        <div>
          <h4>On this page</h4>
          <p>Type a code here. The token is for this refund only: the next one asks again.</p>
          {codeFormFor === mfaToken ? (
            <MfaCodePanel mfaToken={mfaToken} onVerified={onVerified} />
          ) : (
            <button
              type="button"
              className="button secondary"
              onClick={() => setCodeFormFor(mfaToken)}
            >
              Type a code here
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
