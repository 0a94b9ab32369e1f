import Link from "next/link";
import type { ReactNode } from "react";
import { chapters, type ChapterSlug } from "@/config/chapters";

/**
 * The frame of every tutorial page: its number and title from `config/chapters.ts`, the page's
 * own content, and a link to the next chapter.
 */
export function Chapter({ slug, children }: { slug: ChapterSlug; children: ReactNode }) {
  const index = chapters.findIndex((chapter) => chapter.slug === slug);
  const chapter = chapters[index];
  const next = chapters[index + 1];
  return (
    <article className="chapter">
      <p className="chapter-number">Chapter {index + 1}</p>
      <h1>{chapter?.title}</h1>
      {children}
      <nav aria-label="Chapters" className="chapter-nav">
        <Link href="/">All chapters</Link>
        {next && <Link href={`/${next.slug}`}>Next: {next.title} →</Link>}
      </nav>
    </article>
  );
}
