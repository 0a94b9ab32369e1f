import { auth0 } from "../lib/auth0";

export default async function HomePage() {
  const session = await auth0.getSession();
  return (
    <article className="prose">
      <h1>Calling APIs from the browser with access tokens</h1>
      <p>
        This app shows, live, how a client component gets an access token with{" "}
        <code>getAccessToken()</code> from <code>@auth0/nextjs-auth0</code> and calls an API with
        it.
      </p>
      {session ? (
        <p data-testid="welcome">
          Signed in as <strong>{session.user.name}</strong> ({session.user.email}).
        </p>
      ) : (
        <p data-testid="welcome">
          <a href="/auth/login">Sign in</a> as the demo user (<code>demo@example.com</code> /{" "}
          <code>demo-password</code>) to try the demos.
        </p>
      )}
    </article>
  );
}
