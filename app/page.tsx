import Link from "next/link";
import { chapters } from "@/config/chapters";
import { currentSession } from "@/lib/sessions/current-session";

export default async function HomePage() {
  const session = await currentSession();
  return (
    <article>
      <h1>Calling APIs from the browser with access tokens</h1>
      <p className="lead">
        A client component gets an access token with <code>getAccessToken()</code> from{" "}
        <code>@auth0/nextjs-auth0</code> and calls an API with it. Each chapter below is a live
        demo, the exact code that produced it, and why it works.
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
      <h2>Chapters</h2>
      <ol className="toc">
        {chapters.map((chapter) => (
          <li key={chapter.slug}>
            <Link href={`/${chapter.slug}`}>{chapter.title}</Link>
            <p>{chapter.summary}</p>
          </li>
        ))}
      </ol>
    </article>
  );
}
