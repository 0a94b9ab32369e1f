import Link from "next/link";
import { readSnippet } from "@/lib/tutorial/source-snippet";

/**
 * Shows a region of a real source file (between `// #region name` and `// #endregion`), read
 * when the page renders, so the code on the page is the code that ran.
 */
export async function CodeSample({ file, region }: { file: string; region: string }) {
  const snippet = await readSnippet(file, region);
  return (
    <figure className="code-sample">
      <figcaption>
        <Link href={`/source/${snippet.file}#L${snippet.startLine}`}>
          {snippet.file}, lines {snippet.startLine}–{snippet.endLine}
        </Link>
      </figcaption>
      <pre tabIndex={0}>
        <code>{snippet.code}</code>
      </pre>
    </figure>
  );
}
