import type { Metadata } from "next";
import Link from "next/link";
import {
  signInErrorCode,
  signInErrorReason,
  signInErrors,
  suggestsTenantCheck,
  tenantCheck,
} from "@/lib/proxy/sign-in-errors";

export const metadata: Metadata = { title: "Sign-in failed" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where a failed sign-in lands: what happened, why, and what to do. */
export default async function SignInErrorPage({ searchParams }: Props) {
  const query = await searchParams;
  const reason = signInErrorReason(query.reason);
  const { title, cause, fix } = signInErrors[reason];
  const code = signInErrorCode(query.code);
  return (
    <article className="chapter">
      <h1>{title}</h1>
      <div className="problem" role="alert" data-testid="sign-in-error">
        <p>
          <code data-testid="sign-in-error-reason">{reason}</code>
          {code && (
            <>
              {" "}
              — <code data-testid="sign-in-error-code">{code}</code>
            </>
          )}
        </p>
        <p>
          <strong>Cause:</strong> {cause}
        </p>
        <p>
          <strong>Fix:</strong> {fix}
        </p>
        {suggestsTenantCheck(reason, code) && (
          <p data-testid="sign-in-error-check">
            <strong>Check the configuration:</strong> run <code>{tenantCheck.command}</code>. It
            checks {tenantCheck.checks}, and names the fix for each problem it finds.
          </p>
        )}
        <a className="button" href="/auth/login">
          Sign in
        </a>{" "}
        <Link className="button secondary" href="/">
          Home
        </Link>
      </div>
    </article>
  );
}
